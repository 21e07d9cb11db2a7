package twisted.mail.maildir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import twisted.time.ReactorTime;

/**
 * Unique file names per the Maildir specification ({@code time.MusecPpidQn.host}), the order of
 * delivery read back from them, and the rule that turns a mailbox name into a directory name.
 * Twisted: {@code _MaildirNameGenerator}.
 */
final class MaildirNames {

    /** One counter per process: two stores on the same root in one JVM still never collide. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private static final Pattern MAILBOX = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");

    private static final Pattern PARTS = Pattern.compile("^(\\d+)\\.(?:M(\\d+))?(?:P\\d+)?(?:Q(\\d+))?");

    /** Delivery order: seconds, microseconds, this process's counter, then the whole name. */
    static final Comparator<String> DELIVERY_ORDER = Comparator.comparing(DeliveryKey::of);

    /** 70 less the longest rest of a name: 10 + 2 + 6 + 1 + 7 (pid_max) + 1 + 19 + 1 = 47. */
    static final int MAX_HOST = 23;

    private final ReactorTime time;

    private final long pid;

    private final String host;

    MaildirNames(ReactorTime time, long pid, String hostname) {
        this.time = time;
        this.pid = pid;
        this.host = sanitiseHost(hostname);
    }

    /**
     * A new unique name.
     *
     * @return {@code seconds.M<microseconds>P<pid>Q<counter>.<host>}
     */
    String next() {
        long micros = Math.round(this.time.seconds() * 1_000_000d);
        return (micros / 1_000_000) + ".M" + (micros % 1_000_000) + "P" + this.pid + "Q"
                + COUNTER.incrementAndGet() + "." + this.host;
    }

    /**
     * The host part of a name: the spec's {@code \057} for {@code /} and {@code \072} for
     * {@code :}, anything outside printable ASCII dropped, so the name is one safe file name, and
     * cut to {@value #MAX_HOST} characters so that a whole name stays within POP3's 70-character
     * UIDL.
     */
    static String sanitiseHost(String hostname) {
        StringBuilder out = new StringBuilder();
        for (char c : hostname.toCharArray()) {
            if (c == '/') {
                out.append("\\057");
            }
            else if (c == ':') {
                out.append("\\072");
            }
            else if (c > ' ' && c < 127) {
                out.append(c);
            }
        }
        String host = out.isEmpty() ? "localhost" : out.toString();
        return host.length() <= MAX_HOST ? host : host.substring(0, MAX_HOST);
    }

    /**
     * The directory name of a mailbox: the name in lower case (mailboxes are case-insensitive, as
     * mail users are in practice), at most 64 characters of {@code a-z 0-9 . _ + -} starting with
     * a letter or digit. Nothing else is accepted, so no name can be {@code .}, {@code ..}, a
     * hidden file, contain a separator or leave the root.
     *
     * @param mailbox the mailbox's name
     * @return the directory name, or {@code null} if the name is refused
     */
    static @Nullable String directoryOf(String mailbox) {
        String folded = mailbox.toLowerCase(Locale.ROOT);
        return MAILBOX.matcher(folded).matches() ? folded : null;
    }

    /**
     * A message's unique name: its file name without the {@code :2,flags} info a reader may add.
     */
    static String uniqueOf(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    /**
     * Sorts items by their unique names in delivery order, reading each name once (a listing of
     * 10,000 messages would otherwise parse each name about 14 times per comparison's side).
     *
     * @param items the items, sorted in place
     * @param unique each item's unique name
     */
    static <T> void sortInDeliveryOrder(List<T> items, Function<? super T, String> unique) {
        List<Map.Entry<DeliveryKey, T>> keyed = new ArrayList<>(items.size());
        for (T item : items) {
            keyed.add(Map.entry(DeliveryKey.of(unique.apply(item)), item));
        }
        keyed.sort(Map.Entry.comparingByKey());
        ListIterator<T> out = items.listIterator();
        for (Map.Entry<DeliveryKey, T> entry : keyed) {
            out.next();
            out.set(entry.getValue());
        }
    }

    /** A name's place in delivery order, its parts read once. */
    private record DeliveryKey(long seconds, long micros, long counter, String name) implements Comparable<DeliveryKey> {

        static DeliveryKey of(String name) {
            Matcher matcher = PARTS.matcher(name);
            if (!matcher.find()) {
                return new DeliveryKey(0, 0, 0, name);
            }
            return new DeliveryKey(number(matcher.group(1)), number(matcher.group(2)), number(matcher.group(3)), name);
        }

        private static long number(@Nullable String digits) {
            if (digits == null) {
                return 0;
            }
            try {
                return Long.parseLong(digits);
            }
            catch (NumberFormatException ex) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public int compareTo(DeliveryKey other) {
            int c = Long.compare(this.seconds, other.seconds);
            if (c == 0) {
                c = Long.compare(this.micros, other.micros);
            }
            if (c == 0) {
                c = Long.compare(this.counter, other.counter);
            }
            return (c != 0) ? c : this.name.compareTo(other.name);
        }
    }
}
