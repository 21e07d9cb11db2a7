package twisted.protocols.basic;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.internet.Protocol;
import twisted.internet.ReceivedBytes;
import twisted.internet.PushProducer;

/**
 * A protocol that exchanges strings of bytes, each preceded by its length as a big-endian unsigned
 * integer of 1, 2 or 4 bytes. Extend {@link Int32StringReceiver}, {@link Int16StringReceiver} or
 * {@link Int8StringReceiver}, which fix the prefix size, and override {@link #stringReceived}.
 *
 * <pre>{@code
 * class Echo extends Int32StringReceiver {
 *     @Override
 *     public void stringReceived(byte[] string) {
 *         sendString(string);
 *     }
 * }
 * }</pre>
 *
 * <h2>Limits</h2>
 * A prefix announcing more than {@link #getMaxLength()} bytes (99999 by default) goes to
 * {@link #lengthLimitExceeded(long)}, which closes the connection by default. An override that
 * keeps it open gets the next string after it: the announced bytes are skipped as they arrive,
 * never buffered. Twisted 22.4 instead re-delivers the strings it had already delivered from the
 * same chunk; here a string is never delivered twice.
 *
 * <h2>When delivery stops</h2>
 * Nothing is delivered while {@linkplain #pauseProducing() paused}, nor once
 * {@code transport.isDisconnecting()}: not the rest of the chunk, not later chunks (Twisted
 * delivers the rest of the chunk).
 *
 * <h2>Threads and errors</h2>
 * Everything runs on the reactor thread, as {@code dataReceived} does. Calling
 * {@code dataReceived} from {@code stringReceived} queues the bytes behind those already buffered.
 * An exception from a callback propagates out of {@code dataReceived}; the strings after the one
 * being delivered stay buffered.
 *
 * <p>Twisted: {@code twisted.protocols.basic.IntNStringReceiver}.
 *
 * @since 0.1.0
 */
public abstract class IntNStringReceiver extends Protocol implements PushProducer {

    private static final Logger log = LoggerFactory.getLogger(IntNStringReceiver.class);

    private static final int DEFAULT_MAX_LENGTH = 99999;

    private final int prefixLength;

    private final long largestLength;

    private final FrameLoop loop = new FrameLoop(this::parse);

    private int maxLength = DEFAULT_MAX_LENGTH;

    /** Bytes of an over-long string still to skip. */
    private long skipping;

    /**
     * Creates a receiver for prefixes of {@code prefixLength} bytes; only the three subclasses in
     * this package do.
     */
    IntNStringReceiver(int prefixLength) {
        this.prefixLength = prefixLength;
        this.largestLength = (1L << (8 * prefixLength)) - 1;
    }

    /**
     * Delivers every whole string the bytes complete, each copied straight out of {@code data}
     * when nothing was buffered before, and buffers (copies) only the unfinished rest.
     *
     * @param data the bytes, owned by the receiver from now on
     */
    @Override
    public void dataReceived(byte[] data) {
        this.loop.dataReceived(data, this.transport);
    }

    /**
     * Delivers as {@link #dataReceived(byte[])} does, copying each whole string straight out of
     * {@code data} and only an unfinished one into the buffer. When a subclass overrides
     * {@code dataReceived(byte[])}, the bytes go to that method instead, copied into an array.
     *
     * @param data the bytes, lent for this call only
     * @since 0.1.0
     */
    @Override
    public void dataReceived(ReceivedBytes data) {
        if (FrameLoop.interceptsArrays(getClass())) {
            super.dataReceived(data);
        }
        else {
            this.loop.dataReceived(data, this.transport);
        }
    }

    /**
     * A whole string arrived.
     *
     * @param string the string without its prefix, owned by the subclass
     */
    public abstract void stringReceived(byte[] string);

    /**
     * A prefix announced more than {@link #getMaxLength()} bytes. By default closes the
     * connection. An override that does not goes on with the string after the announced bytes.
     *
     * @param length the announced length; a {@code long} because a 4-byte prefix is unsigned
     */
    public void lengthLimitExceeded(long length) {
        log.debug("{}: string length ({}) exceeds the maximum ({}); closing the connection",
                this.transport.logPrefix(), length, this.maxLength);
        this.transport.loseConnection();
    }

    /**
     * Writes the string preceded by its length, in one write.
     *
     * @param string the bytes to send
     * @throws StringTooLongException when the length does not fit the prefix; nothing is written
     */
    public void sendString(byte[] string) {
        Objects.requireNonNull(string, "string");
        if (string.length > this.largestLength) {
            throw new StringTooLongException("string length (" + string.length + ") exceeds the most a "
                    + this.prefixLength + "-byte prefix can express (" + this.largestLength + ")");
        }
        byte[] framed = new byte[this.prefixLength + string.length];
        for (int i = 0; i < this.prefixLength; i++) {
            framed[i] = (byte) (string.length >>> (8 * (this.prefixLength - 1 - i)));
        }
        System.arraycopy(string, 0, framed, this.prefixLength, string.length);
        this.transport.write(framed);
    }

    /**
     * The size of the length prefix. Twisted: {@code prefixLength}.
     *
     * @return 1, 2 or 4 bytes
     */
    public int getPrefixLength() {
        return this.prefixLength;
    }

    /**
     * The longest string accepted. Twisted: {@code MAX_LENGTH}.
     *
     * @return the maximum in bytes, 99999 by default
     */
    public int getMaxLength() {
        return this.maxLength;
    }

    /**
     * Sets the longest string accepted; meant for the subclass's constructor.
     *
     * @param maxLength bytes
     * @throws IllegalArgumentException when negative
     */
    protected void setMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maximum string length (" + maxLength + ") must not be negative");
        }
        this.maxLength = maxLength;
    }

    /** Stops delivering strings, and asks the transport to stop reading, until resumed. */
    @Override
    public void pauseProducing() {
        this.loop.pauseProducing(this.transport);
    }

    /** Lets the transport read again, then delivers the strings buffered meanwhile. */
    @Override
    public void resumeProducing() {
        this.loop.resumeProducing(this.transport);
    }

    /** Stops delivering strings and tells the transport to stop producing. */
    @Override
    public void stopProducing() {
        this.loop.stopProducing(this.transport);
    }

    /**
     * Whether delivery is paused. Twisted: {@code paused}.
     *
     * @return {@code true} after {@link #pauseProducing()} or {@link #stopProducing()}
     */
    public boolean isPaused() {
        return this.loop.isPaused();
    }

    /** How many received bytes are buffered, not yet delivered; for tests, which bound it. */
    int buffered() {
        return this.loop.buffer().size();
    }

    private boolean parse(ReceiveBuffer buffer) {
        if (this.skipping > 0) {
            int skipped = (int) Math.min(this.skipping, buffer.size());
            buffer.skip(skipped);
            this.skipping -= skipped;
            return true;
        }
        if (buffer.size() < this.prefixLength) {
            return false;
        }
        long length = 0;
        for (int i = 0; i < this.prefixLength; i++) {
            length = (length << 8) | buffer.get(i);
        }
        if (length > this.maxLength) {
            buffer.skip(this.prefixLength);
            this.skipping = length;
            lengthLimitExceeded(length);
            return true;
        }
        if (buffer.size() - this.prefixLength < length) {
            return false;
        }
        buffer.skip(this.prefixLength);
        stringReceived(buffer.take((int) length));
        return true;
    }
}
