package twisted.mail.imap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * An IMAP sequence set (RFC 3501 section 9, {@code sequence-set}): message sequence numbers or
 * UIDs such as {@code 1}, {@code 2:4}, {@code 7:*} or {@code 1,3:5,9}. What {@code *} stands for
 * (the largest number in use) is known only to the mailbox, so every question takes it as
 * {@code largest}.
 *
 * <p>Ranges may be written either way round ({@code 5:2} is {@code 2:5}), and {@code n:*} with
 * {@code n} above the largest value is {@code largest:n}: it holds the largest value, as RFC 3501
 * says a UID range must (so {@code UID FETCH 4000:*} on a mailbox whose last UID is 3999 still
 * answers for 3999). Numbers are 1 to 4294967295 ({@code nz-number}, 32 bits unsigned); 0, signs,
 * leading zeros beyond the value's own digits and anything longer are refused by {@link #parse}.
 * {@code $} (RFC 5182, SEARCHRES) is not supported.
 *
 * <p>Questions cost nothing per message: {@link #contains} looks at the ranges only, and
 * {@link #iterator(long)} walks the merged ranges without allocating per value, so {@code 1:*}
 * over a million messages is one range. Immutable, thread-safe.
 *
 * @since 0.1.0
 */
public final class SequenceSet {

    /** The largest value a sequence number or UID may have. */
    public static final long MAX_VALUE = 0xFFFF_FFFFL;

    /** Stands for {@code *} in a range bound. */
    private static final long STAR = 0;

    /** How many ranges one set may hold: a command line cannot be longer than that anyway. */
    private static final int MAX_RANGES = 100_000;

    /** Bounds as written: {@code [low0, high0, low1, high1, ...]}, {@link #STAR} for {@code *}. */
    private final long[] bounds;

    private SequenceSet(long[] bounds) {
        this.bounds = bounds;
    }

    /**
     * Parses the text of a sequence set.
     *
     * @param text for example {@code 1,3:5,7:*}
     * @return the set
     * @throws IllegalArgumentException when the text is not a sequence set, with a short reason
     *         that does not repeat the text
     */
    public static SequenceSet parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Empty sequence set");
        }
        List<long[]> ranges = new ArrayList<>();
        int i = 0;
        while (true) {
            if (ranges.size() == MAX_RANGES) {
                throw new IllegalArgumentException("Too many ranges in sequence set");
            }
            long[] range = new long[2];
            i = bound(text, i, range, 0);
            if (i < text.length() && text.charAt(i) == ':') {
                i = bound(text, i + 1, range, 1);
            }
            else {
                range[1] = range[0];
            }
            ranges.add(range);
            if (i == text.length()) {
                break;
            }
            if (text.charAt(i) != ',') {
                throw new IllegalArgumentException("Invalid sequence set");
            }
            i++;
        }
        long[] bounds = new long[ranges.size() * 2];
        for (int r = 0; r < ranges.size(); r++) {
            bounds[2 * r] = ranges.get(r)[0];
            bounds[2 * r + 1] = ranges.get(r)[1];
        }
        return new SequenceSet(bounds);
    }

    private static int bound(String text, int from, long[] range, int slot) {
        if (from < text.length() && text.charAt(from) == '*') {
            range[slot] = STAR;
            return from + 1;
        }
        int i = from;
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            value = value * 10 + (text.charAt(i) - '0');
            if (value > MAX_VALUE) {
                throw new IllegalArgumentException("Sequence number out of range");
            }
            i++;
        }
        if (i == from) {
            if (from < text.length() && text.charAt(from) == '$') {
                throw new IllegalArgumentException("$ (SEARCHRES) is not supported");
            }
            throw new IllegalArgumentException("Invalid sequence set");
        }
        if (value == 0) {
            throw new IllegalArgumentException("Sequence number 0 is not allowed");
        }
        range[slot] = value;
        return i;
    }

    /**
     * A set of one range.
     *
     * @param low the first value, 1 to {@link #MAX_VALUE}
     * @param high the last value, 1 to {@link #MAX_VALUE}; {@code 0} stands for {@code *}
     * @return the set {@code low:high}
     * @throws IllegalArgumentException when a bound is out of range
     */
    public static SequenceSet range(long low, long high) {
        if (low < 1 || low > MAX_VALUE || high < 0 || high > MAX_VALUE) {
            throw new IllegalArgumentException("range " + low + ":" + high + " is outside 1:" + MAX_VALUE);
        }
        return new SequenceSet(new long[] {low, high});
    }

    /**
     * Whether {@code n} is in the set, {@code *} standing for {@code largest}.
     *
     * @param n a sequence number or UID
     * @param largest the largest number in use in the mailbox (0 when it is empty)
     * @return whether a range holds {@code n}
     */
    public boolean contains(long n, long largest) {
        for (int r = 0; r < this.bounds.length; r += 2) {
            if (emptyStar(r, largest)) {
                continue;
            }
            long a = resolve(this.bounds[r], largest);
            long b = resolve(this.bounds[r + 1], largest);
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every number written in the set is at most {@code largest}. A message sequence set
     * must be (RFC 3501 section 9: the server answers BAD otherwise); a UID set need not.
     *
     * @param largest the number of messages in the mailbox
     * @return {@code false} when some bound other than {@code *} exceeds it
     */
    public boolean isWithin(long largest) {
        for (long bound : this.bounds) {
            if (bound != STAR && bound > largest) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values of the set that lie in {@code 1..largest}, ascending, each once, computed from
     * the merged ranges: no allocation per value.
     *
     * @param largest the largest number in use (0 when the mailbox is empty)
     * @return an iterator over the values
     */
    public PrimitiveIterator.OfLong iterator(long largest) {
        long[] merged = merged(largest);
        return new PrimitiveIterator.OfLong() {

            private int range;

            private long next = (merged.length > 0) ? merged[0] : 1;

            @Override
            public boolean hasNext() {
                return this.range < merged.length;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long value = this.next;
                if (value == merged[this.range + 1]) {
                    this.range += 2;
                    this.next = (this.range < merged.length) ? merged[this.range] : 0;
                }
                else {
                    this.next = value + 1;
                }
                return value;
            }
        };
    }

    /**
     * The values as {@link #iterator(long)} gives them, as a stream.
     *
     * @param largest the largest number in use
     * @return the values, ascending, distinct
     */
    public LongStream stream(long largest) {
        return StreamSupport.longStream(Spliterators.spliteratorUnknownSize(iterator(largest),
                Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.SORTED | Spliterator.NONNULL), false);
    }

    /**
     * How many values {@link #iterator(long)} would give, counted from the ranges.
     *
     * @param largest the largest number in use
     * @return the count
     */
    public long size(long largest) {
        long[] merged = merged(largest);
        long count = 0;
        for (int r = 0; r < merged.length; r += 2) {
            count += merged[r + 1] - merged[r] + 1;
        }
        return count;
    }

    /** The ranges resolved against {@code largest}, clipped to {@code 1..largest}, sorted and merged. */
    private long[] merged(long largest) {
        int n = this.bounds.length / 2;
        long[][] ranges = new long[n][];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (emptyStar(2 * r, largest)) {
                continue;
            }
            long a = resolve(this.bounds[2 * r], largest);
            long b = resolve(this.bounds[2 * r + 1], largest);
            long low = Math.max(1, Math.min(a, b));
            long high = Math.min(Math.max(a, b), largest);
            if (low <= high) {
                ranges[kept++] = new long[] {low, high};
            }
        }
        Arrays.sort(ranges, 0, kept, (x, y) -> Long.compare(x[0], y[0]));
        long[] merged = new long[kept * 2];
        int m = 0;
        for (int r = 0; r < kept; r++) {
            if (m > 0 && ranges[r][0] <= merged[m - 1] + 1) {
                merged[m - 1] = Math.max(merged[m - 1], ranges[r][1]);
            }
            else {
                merged[m++] = ranges[r][0];
                merged[m++] = ranges[r][1];
            }
        }
        return Arrays.copyOf(merged, m);
    }

    /** Whether range {@code r} names {@code *} in a mailbox with no messages: it then holds nothing. */
    private boolean emptyStar(int r, long largest) {
        return largest < 1 && (this.bounds[r] == STAR || this.bounds[r + 1] == STAR);
    }

    private static long resolve(long bound, long largest) {
        return (bound == STAR) ? largest : bound;
    }

    /** The set as IMAP writes it, each range as given ({@code 5:2} stays {@code 5:2}). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < this.bounds.length; r += 2) {
            if (r > 0) {
                text.append(',');
            }
            text.append(show(this.bounds[r]));
            if (this.bounds[r + 1] != this.bounds[r]) {
                text.append(':').append(show(this.bounds[r + 1]));
            }
        }
        return text.toString();
    }

    private static String show(long bound) {
        return (bound == STAR) ? "*" : Long.toString(bound);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceSet set && Arrays.equals(this.bounds, set.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(this.bounds);
    }
}
