package twisted.internet;

import java.util.Objects;

/**
 * Bytes just read from a connection, lent to {@link Protocol#dataReceived(ReceivedBytes)} for the
 * length of that one call. It exists so that a framing protocol can copy each message straight
 * out of what the transport read, once, instead of receiving a copy of the whole read and copying
 * each message out of that again (issue 9: "one copy per byte on the way in").
 *
 * <p>The bytes may live in the transport's own read buffer, which is reused or released as soon
 * as {@code dataReceived} returns. So:
 * <ul>
 * <li>copy what must outlive the call ({@link #copy}, {@link #copyTo}, {@link #toByteArray});</li>
 * <li>do not keep the object, and do not use it from another thread: after the call the
 * framework's transports make every method throw {@link IllegalStateException}.</li>
 * </ul>
 *
 * <p>Indexes are relative to the first received byte: {@code 0} to {@code length() - 1}. Methods
 * given an index or range outside that throw {@link IndexOutOfBoundsException}. Not thread-safe;
 * read it on the reactor thread, in the call it was lent to.
 *
 * <p>Twisted has no counterpart: its {@code dataReceived} gets a {@code bytes} object, which
 * Python shares without a copy.
 *
 * @since 0.1.0
 */
public interface ReceivedBytes {

    /**
     * How many bytes were received.
     *
     * @return the count, at least 1 when the framework's transports lend it
     */
    int length();

    /**
     * One byte.
     *
     * @param index from 0 to {@code length() - 1}
     * @return the byte
     */
    byte get(int index);

    /**
     * Where {@code value} first occurs in {@code [from, to)}.
     *
     * @param value the byte to find
     * @param from  the first index searched
     * @param to    one past the last index searched, at most {@link #length()}
     * @return the index, or -1 when the range does not hold it
     */
    int indexOf(byte value, int from, int to);

    /**
     * Copies {@code length} bytes starting at {@code index} into {@code destination}.
     *
     * @param index            the first byte copied
     * @param destination      the array written to
     * @param destinationIndex where in {@code destination} the first byte goes
     * @param length           how many bytes
     */
    void copyTo(int index, byte[] destination, int destinationIndex, int length);

    /**
     * The bytes in {@code [from, to)}, in a new array owned by the caller.
     *
     * @param from the first index copied
     * @param to   one past the last index copied
     * @return a new array of {@code to - from} bytes
     */
    default byte[] copy(int from, int to) {
        Objects.checkFromToIndex(from, to, length());
        byte[] copy = new byte[to - from];
        copyTo(from, copy, 0, copy.length);
        return copy;
    }

    /**
     * All the bytes, in a new array owned by the caller.
     *
     * @return a new array of {@link #length()} bytes
     */
    default byte[] toByteArray() {
        return copy(0, length());
    }

    /**
     * Lends an array that the caller already has, as received bytes: for transports that read
     * into arrays, for wrappers, and for tests. The array is not copied; do not change it while
     * the receiving call runs.
     *
     * @param data the bytes
     * @return a view of {@code data}, valid as long as {@code data} is
     */
    static ReceivedBytes of(byte[] data) {
        return new ArrayReceivedBytes(Objects.requireNonNull(data, "data"));
    }
}
