package twisted.mail.imap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import twisted.mail.MessageInfo;
import twisted.mail.ModifiedUtf7;

/** How the server writes values: strings, mailbox names, flag lists, dates, UID sets. */
final class ImapFormat {

    /** RFC 3501 {@code date-time}: the day padded with a space, English month names. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter
            .ofPattern("ppd-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static final List<String> SYSTEM_FLAGS = List.of(MessageInfo.ANSWERED, MessageInfo.FLAGGED,
            MessageInfo.DELETED, MessageInfo.SEEN, MessageInfo.DRAFT);

    private ImapFormat() {
    }

    /** A mailbox name as the wire has it: modified UTF-7, quoted. */
    static String mailbox(String name) {
        return IMAPStrings.string(ModifiedUtf7.encode(name));
    }

    /** A flag list: system flags first, in a fixed order, then the rest sorted. */
    static String flags(Collection<String> flags) {
        List<String> ordered = new ArrayList<>();
        for (String flag : List.of(MessageInfo.ANSWERED, MessageInfo.FLAGGED, MessageInfo.DELETED,
                MessageInfo.SEEN, MessageInfo.DRAFT, MessageInfo.RECENT)) {
            if (flags.contains(flag)) {
                ordered.add(flag);
            }
        }
        TreeSet<String> rest = new TreeSet<>(flags);
        rest.removeAll(ordered);
        ordered.addAll(rest);
        return "(" + String.join(" ", ordered) + ")";
    }

    /** An RFC 3501 {@code date-time}, in UTC, quoted. */
    static String dateTime(Instant instant) {
        return "\"" + DATE_TIME.format(instant) + "\"";
    }

    /** UIDs, in the order given, as a sequence set with consecutive runs as ranges. */
    static String uidSet(List<Long> uids) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < uids.size()) {
            int j = i;
            while (j + 1 < uids.size() && uids.get(j + 1) == uids.get(j) + 1) {
                j++;
            }
            out.append((out.length() > 0) ? "," : "").append(uids.get(i));
            if (j > i) {
                out.append(':').append(uids.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }
}
