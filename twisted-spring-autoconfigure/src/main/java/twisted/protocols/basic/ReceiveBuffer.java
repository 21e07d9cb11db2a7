package twisted.protocols.basic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import twisted.internet.ReceivedBytes;

/**
 * The bytes a framing receiver has been given but not yet delivered: a growable array with a read
 * position, so that taking a frame off the front copies only that frame and appending copies only
 * the new bytes (amortised; the array doubles when it must grow, and the live bytes slide back to
 * the front when that is enough).
 *
 * <p>A failed delimiter search remembers where it stopped, so a long line arriving one byte at a
 * time is scanned once, not once per byte. The search looks for the delimiter's first byte eight
 * bytes at a time, as Netty's {@code ByteBufUtil.indexOf} does: a byte-by-byte loop cost about a
 * microsecond per 4 KiB line, the largest part of {@code LineReceiver}'s own work (issue 3).
 *
 * <p>When nothing is buffered, a chunk is not copied in: it is <em>lent</em> ({@link #lend}), and
 * frames are copied straight out of it, so a byte that ends up in a frame is copied once on its
 * way from the transport. Before the lender takes its bytes back, {@link #settle()} copies what
 * is left (an unfinished frame's start) into the buffer's own array (issue 9).
 *
 * <p>Not thread-safe; a receiver uses it on the reactor thread only.
 */
final class ReceiveBuffer {

    private static final int INITIAL_CAPACITY = 256;

    /** Above this, an emptied buffer gives its array back rather than keep a peak-sized one. */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private static final byte[] NONE = new byte[0];

    /** Reads eight bytes of an array as one little-endian long, at any offset. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    /** The buffered bytes are {@code bytes[start, end)}, unless {@link #view} is set. */
    private byte[] bytes = NONE;

    private int start;

    private int end;

    /** Whether {@link #bytes} is a lent array: neither written to nor kept after {@link #settle()}. */
    private boolean lentArray;

    /** The buffer's own array, put aside while {@link #bytes} is a lent one. */
    private byte[] spare = NONE;

    /** Lent received bytes; when set, the buffered bytes are {@code view[viewStart, viewEnd)}. */
    private @Nullable ReceivedBytes view;

    private int viewStart;

    private int viewEnd;

    /** The delimiter of the last failed search, and where that search may resume (relative). */
    private byte[] searched = NONE;

    private int searchFrom;

    int size() {
        return (this.view != null) ? this.viewEnd - this.viewStart : this.end - this.start;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Reads {@code data} in place, without copying it, until {@link #settle()}.
     *
     * @throws IllegalStateException when something is buffered: append it instead
     */
    void lend(byte[] data) {
        checkEmpty();
        if (data.length == 0) {
            return;
        }
        this.spare = this.bytes;
        this.bytes = data;
        this.lentArray = true;
        this.start = 0;
        this.end = data.length;
    }

    /**
     * Reads {@code data} in place, without copying it, until {@link #settle()}.
     *
     * @throws IllegalStateException when something is buffered: append it instead
     */
    void lend(ReceivedBytes data) {
        checkEmpty();
        int length = data.length();
        if (length == 0) {
            return;
        }
        this.view = data;
        this.viewStart = 0;
        this.viewEnd = length;
    }

    private void checkEmpty() {
        if (!isEmpty()) {
            throw new IllegalStateException("cannot lend bytes to a receive buffer holding " + size() + " bytes");
        }
    }

    /**
     * Gives lent bytes back: what is left of them is copied into the buffer's own array, the
     * rest of the buffer is unchanged. Does nothing when nothing is lent.
     */
    void settle() {
        ReceivedBytes lentView = this.view;
        if (lentView != null) {
            int from = this.viewStart;
            int length = this.viewEnd - from;
            this.view = null;
            this.viewStart = 0;
            this.viewEnd = 0;
            // The own array is empty while a view is lent.
            if (this.bytes.length < length) {
                makeRoom(length);
            }
            lentView.copyTo(from, this.bytes, 0, length);
            this.start = 0;
            this.end = length;
        }
        else if (this.lentArray) {
            byte[] lent = this.bytes;
            int from = this.start;
            int length = this.end - from;
            this.bytes = this.spare;
            this.spare = NONE;
            this.lentArray = false;
            this.start = 0;
            this.end = 0;
            if (this.bytes.length < length) {
                makeRoom(length);
            }
            System.arraycopy(lent, from, this.bytes, 0, length);
            this.end = length;
        }
    }

    /** Copies {@code data} in behind what is buffered. */
    void append(byte[] data) {
        int length = data.length;
        if (length == 0) {
            return;
        }
        settle();
        if (this.bytes.length - this.end < length) {
            makeRoom(length);
        }
        System.arraycopy(data, 0, this.bytes, this.end, length);
        this.end += length;
    }

    /** Copies {@code data} in behind what is buffered. */
    void append(ReceivedBytes data) {
        int length = data.length();
        if (length == 0) {
            return;
        }
        settle();
        if (this.bytes.length - this.end < length) {
            makeRoom(length);
        }
        data.copyTo(0, this.bytes, this.end, length);
        this.end += length;
    }

    /** Puts {@code data} in front of what is buffered: it will be read first. */
    void prepend(byte[] data) {
        if (data.length == 0) {
            return;
        }
        settle();
        byte[] joined = new byte[Math.max(INITIAL_CAPACITY, data.length + size())];
        System.arraycopy(data, 0, joined, 0, data.length);
        System.arraycopy(this.bytes, this.start, joined, data.length, size());
        this.end = data.length + size();
        this.start = 0;
        this.bytes = joined;
        this.searched = NONE;
    }

    /** The byte at {@code index} (relative to the read position), as 0 to 255. */
    int get(int index) {
        ReceivedBytes lentView = this.view;
        if (lentView != null) {
            return lentView.get(this.viewStart + index) & 0xFF;
        }
        return this.bytes[this.start + index] & 0xFF;
    }

    /**
     * Where {@code delimiter} first starts, relative to the read position.
     *
     * @return the index, or -1 when the buffer does not hold it (yet)
     */
    int indexOf(byte[] delimiter) {
        int from = (delimiter == this.searched) ? this.searchFrom : 0;
        int size = size();
        int last = size - delimiter.length;
        byte first = delimiter[0];
        int i = from;
        while (i <= last) {
            int candidate = indexOfByte(first, i, last + 1);
            if (candidate < 0) {
                break;
            }
            if (matchesAt(candidate, delimiter)) {
                return candidate;
            }
            i = candidate + 1;
        }
        this.searched = delimiter;
        this.searchFrom = Math.max(from, size - delimiter.length + 1);
        return -1;
    }

    /** The first index in {@code [from, to)} (relative to the read position) holding {@code value}, or -1. */
    private int indexOfByte(byte value, int from, int to) {
        ReceivedBytes lentView = this.view;
        if (lentView != null) {
            int found = lentView.indexOf(value, this.viewStart + from, this.viewStart + to);
            return (found < 0) ? -1 : found - this.viewStart;
        }
        int found = indexOfByteInArray(value, this.start + from, this.start + to);
        return (found < 0) ? -1 : found - this.start;
    }

    /**
     * The first index in {@code [from, to)} of the array holding {@code value}, or -1. A word
     * holds the value where its XOR with the value repeated has a zero byte; the test for a zero
     * byte is exact, with no false matches (the SWAR technique of Netty's {@code SWARUtil}).
     */
    private int indexOfByteInArray(byte value, int from, int to) {
        long pattern = (value & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long input = (long) LONGS.get(this.bytes, i) ^ pattern;
            long zeroes = ~(((input & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | input | LOW_SEVEN_BITS);
            if (zeroes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (this.bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the delimiter starts at {@code position} (relative); its first byte is known to match. */
    private boolean matchesAt(int position, byte[] delimiter) {
        for (int j = 1; j < delimiter.length; j++) {
            if (get(position + j) != (delimiter[j] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Copies the first {@code length} bytes without consuming them. */
    byte[] peek(int length) {
        ReceivedBytes lentView = this.view;
        if (lentView != null) {
            return lentView.copy(this.viewStart, this.viewStart + length);
        }
        return Arrays.copyOfRange(this.bytes, this.start, this.start + length);
    }

    /** Removes and returns the first {@code length} bytes. */
    byte[] take(int length) {
        byte[] taken = peek(length);
        skip(length);
        return taken;
    }

    /** Removes and returns everything buffered. */
    byte[] takeAll() {
        return take(size());
    }

    /** Drops the first {@code length} bytes. */
    void skip(int length) {
        if (this.view != null) {
            this.viewStart += length;
        }
        else {
            this.start += length;
        }
        if (isEmpty()) {
            clear();
        }
        else if (this.searched != NONE) {
            this.searchFrom = Math.max(0, this.searchFrom - length);
        }
    }

    private void clear() {
        if (this.lentArray) {
            this.bytes = this.spare;
            this.spare = NONE;
            this.lentArray = false;
        }
        this.view = null;
        this.viewStart = 0;
        this.viewEnd = 0;
        this.start = 0;
        this.end = 0;
        this.searched = NONE;
        if (this.bytes.length > RETAINED_CAPACITY) {
            this.bytes = NONE;
        }
    }

    private void makeRoom(int extra) {
        int size = size();
        int needed = size + extra;
        if (needed < 0) {
            throw new OutOfMemoryError("receive buffer (" + size + " bytes) cannot grow by " + extra + " bytes");
        }
        if (needed <= this.bytes.length / 2) {
            // Sliding back costs at most half the array, and only after that much was consumed.
            System.arraycopy(this.bytes, this.start, this.bytes, 0, size);
        }
        else {
            int capacity = Math.max(INITIAL_CAPACITY, this.bytes.length);
            while (capacity < needed) {
                capacity = (capacity > Integer.MAX_VALUE / 2) ? needed : capacity * 2;
            }
            byte[] grown = new byte[capacity];
            System.arraycopy(this.bytes, this.start, grown, 0, size);
            this.bytes = grown;
        }
        this.start = 0;
        this.end = size;
    }
}
