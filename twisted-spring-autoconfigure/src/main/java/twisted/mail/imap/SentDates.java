package twisted.mail.imap;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Date:} header leniently (RFC 5322 section 3.3 with the obsolete forms): the day
 * of the week, seconds and zone are optional, two-digit years are read as RFC 5322 says, obsolete
 * zone names ({@code GMT}, {@code EST}, ...) are understood and unknown ones read as {@code +0000}.
 * The offset is kept, because {@code SENTON} and friends compare the date as written.
 */
final class SentDates {

    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    private static final Map<String, Integer> ZONES = Map.of("ut", 0, "gmt", 0, "edt", -4, "est", -5, "cdt",
            -5, "cst", -6, "mdt", -6, "mst", -7, "pdt", -7, "pst", -8);

    private static final Pattern DATE = Pattern.compile("(?:[a-z]+\\s*,\\s*)?(\\d{1,2})\\s*([a-z]{3})[a-z]*\\s*(\\d{2,4})"
            + "(?:\\s+(\\d{1,2})\\s*:\\s*(\\d{1,2})(?:\\s*:\\s*(\\d{1,2}))?)?(?:\\s*([+-]\\d{4}|[a-z]{1,5}))?.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SentDates() {
    }

    static @Nullable OffsetDateTime parse(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE.matcher(value.strip());
        if (!m.matches()) {
            return null;
        }
        int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        if (month == 0) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() == 2) {
            year += (year < 50) ? 2000 : 1900;
        }
        else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            LocalDate date = LocalDate.of(year, month, Integer.parseInt(m.group(1)));
            int hour = (m.group(4) != null) ? Integer.parseInt(m.group(4)) : 0;
            int minute = (m.group(5) != null) ? Integer.parseInt(m.group(5)) : 0;
            int second = (m.group(6) != null) ? Math.min(59, Integer.parseInt(m.group(6))) : 0;
            return OffsetDateTime.of(LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second)),
                    offset(m.group(7)));
        }
        catch (java.time.DateTimeException ex) {
            return null;
        }
    }

    private static ZoneOffset offset(@Nullable String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.startsWith("+") || zone.startsWith("-")) {
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            if (hours > 18 || minutes > 59) {
                return ZoneOffset.UTC;
            }
            int sign = zone.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toLowerCase(Locale.ROOT), 0));
    }
}
