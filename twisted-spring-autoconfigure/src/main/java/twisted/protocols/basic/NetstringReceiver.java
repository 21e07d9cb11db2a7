package twisted.protocols.basic;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.internet.Protocol;
import twisted.internet.ReceivedBytes;

/**
 * A protocol that exchanges netstrings: {@code <length>:<payload>,}, the length in decimal ASCII
 * digits, so {@code "hello"} travels as {@code 5:hello,} (see
 * <a href="https://cr.yp.to/proto/netstrings.txt">cr.yp.to/proto/netstrings.txt</a>).
 *
 * <pre>{@code
 * class Echo extends NetstringReceiver {
 *     @Override
 *     public void stringReceived(byte[] string) {
 *         sendString(string);
 *     }
 * }
 * }</pre>
 *
 * <h2>Strict parsing</h2>
 * The length is digits only: {@code 0}, or digits without a leading zero, at most
 * {@link #getMaxLength()} (99999 by default). Anything else is a parse error as soon as the
 * offending byte arrives, however the bytes are split: a byte that is not a digit where the length
 * is expected (Twisted accepts {@code "3\n"} as an unfinished length), a leading zero, a length
 * growing past the maximum, or a payload not followed by a comma. The receiver then calls
 * {@link #handleParseError(NetstringParseException)} once, which closes the connection by
 * default, and from then on reads and delivers nothing (Twisted reports the error again with each
 * later chunk).
 *
 * <h2>Threads and errors</h2>
 * Everything runs on the reactor thread, as {@code dataReceived} does. Calling
 * {@code dataReceived} from {@code stringReceived} queues the bytes behind those already buffered.
 * Nothing is delivered once {@code transport.isDisconnecting()}. An exception from
 * {@code stringReceived} propagates out of {@code dataReceived}.
 *
 * <p>Twisted: {@code twisted.protocols.basic.NetstringReceiver}.
 *
 * @since 0.1.0
 */
public abstract class NetstringReceiver extends Protocol {

    private static final Logger log = LoggerFactory.getLogger(NetstringReceiver.class);

    private static final int DEFAULT_MAX_LENGTH = 99999;

    private final FrameLoop loop = new FrameLoop(this::parse);

    private int maxLength = DEFAULT_MAX_LENGTH;

    private boolean readingPayload;

    private int digits;

    private long length;

    private boolean brokenPeer;

    /** Creates a receiver accepting netstrings of up to 99999 bytes. */
    protected NetstringReceiver() {
    }

    /**
     * Delivers every whole netstring the bytes complete, each copied straight out of
     * {@code data} when nothing was buffered before, and buffers (copies) only the unfinished
     * rest; after a parse error, drops them.
     *
     * @param data the bytes, owned by the receiver from now on
     */
    @Override
    public void dataReceived(byte[] data) {
        if (!this.brokenPeer) {
            this.loop.dataReceived(data, this.transport);
        }
    }

    /**
     * Delivers as {@link #dataReceived(byte[])} does, copying each whole netstring straight out of
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
        else if (!this.brokenPeer) {
            this.loop.dataReceived(data, this.transport);
        }
    }

    /**
     * A whole netstring arrived.
     *
     * @param string the payload, without length, colon and comma; owned by the subclass
     */
    public abstract void stringReceived(byte[] string);

    /**
     * The peer sent something that is not a netstring; called at most once per connection, after
     * which nothing more is read. By default closes the connection. Twisted:
     * {@code _handleParseError}.
     *
     * @param error what was wrong
     */
    public void handleParseError(NetstringParseException error) {
        log.debug("{}: {}; closing the connection", this.transport.logPrefix(), error.getMessage());
        this.transport.loseConnection();
    }

    /**
     * Writes {@code string} as one netstring, in one write.
     *
     * @param string the payload
     */
    public void sendString(byte[] string) {
        Objects.requireNonNull(string, "string");
        byte[] prefix = (string.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + string.length + 1];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(string, 0, framed, prefix.length, string.length);
        framed[framed.length - 1] = ',';
        this.transport.write(framed);
    }

    /**
     * Whether the peer sent something that is not a netstring. Twisted: {@code brokenPeer}.
     *
     * @return {@code true} once a parse error was found
     */
    public boolean isBrokenPeer() {
        return this.brokenPeer;
    }

    /**
     * The longest payload accepted. Twisted: {@code MAX_LENGTH}.
     *
     * @return the maximum in bytes, 99999 by default
     */
    public int getMaxLength() {
        return this.maxLength;
    }

    /**
     * Sets the longest payload accepted; meant for the subclass's constructor. Zero is allowed
     * (only empty netstrings are accepted then).
     *
     * @param maxLength bytes
     * @throws IllegalArgumentException when negative
     */
    protected void setMaxLength(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maximum netstring length (" + maxLength + ") must not be negative");
        }
        this.maxLength = maxLength;
    }

    /** How many received bytes are buffered, not yet delivered; for tests, which bound it. */
    int buffered() {
        return this.loop.buffer().size();
    }

    private boolean parse(ReceiveBuffer buffer) {
        return this.readingPayload ? parsePayload(buffer) : parseLength(buffer);
    }

    private boolean parseLength(ReceiveBuffer buffer) {
        int next = buffer.get(0);
        if (next >= '0' && next <= '9') {
            if (this.digits > 0 && this.length == 0) {
                return fail(buffer, "netstring length has a leading zero");
            }
            this.length = this.length * 10 + (next - '0');
            this.digits++;
            if (this.length > this.maxLength) {
                return fail(buffer, "netstring length (at least " + this.length + ") exceeds the maximum ("
                        + this.maxLength + ")");
            }
            buffer.skip(1);
            return true;
        }
        if (next == ':' && this.digits > 0) {
            buffer.skip(1);
            this.readingPayload = true;
            return true;
        }
        return fail(buffer, (this.digits == 0) ? "netstring does not start with a length: got " + describe(next)
                : "netstring length is not followed by ':': got " + describe(next));
    }

    private boolean parsePayload(ReceiveBuffer buffer) {
        int size = (int) this.length;
        if (buffer.size() <= size) {
            return false;
        }
        int terminator = buffer.get(size);
        if (terminator != ',') {
            return fail(buffer, "netstring of length " + size + " is not followed by ',': got " + describe(terminator));
        }
        byte[] payload = buffer.take(size);
        buffer.skip(1);
        this.readingPayload = false;
        this.digits = 0;
        this.length = 0;
        stringReceived(payload);
        return true;
    }

    private boolean fail(ReceiveBuffer buffer, String message) {
        this.brokenPeer = true;
        buffer.takeAll();
        handleParseError(new NetstringParseException(message));
        return false;
    }

    private static String describe(int octet) {
        return (octet >= 0x21 && octet < 0x7F) ? "'" + (char) octet + "'" : String.format("byte 0x%02x", octet);
    }
}
