package twisted.protocols.basic;

import java.nio.charset.Charset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.internet.Protocol;
import twisted.internet.ReceivedBytes;
import twisted.internet.PushProducer;

/**
 * A protocol that receives lines, and can switch to raw bytes and back in the middle of a chunk:
 * the base of line-based protocols whose messages sometimes carry a body (HTTP, SMTP's
 * {@code DATA}, IMAP literals).
 *
 * <pre>{@code
 * class Echo extends LineReceiver {
 *     Echo() {
 *         setDelimiter(new byte[] {'\n'});
 *     }
 *
 *     @Override
 *     public void lineReceived(String line) {
 *         sendLine(line);
 *     }
 * }
 * }</pre>
 *
 * <h2>Lines</h2>
 * Each line reaches {@link #lineReceived(byte[])} without its delimiter; by default that decodes it
 * with {@link #getCharset()} and calls {@link #lineReceived(String)}. Override one of the two.
 * The delimiter (CRLF), the longest line accepted (16384 bytes) and the charset (UTF-8) are set per
 * subclass, from its constructor, with {@link #setDelimiter}, {@link #setMaxLength} and
 * {@link #setCharset}.
 *
 * <h2>The delimiter: {@code \r\n} by default, as in Twisted</h2>
 * A line ends at {@code \r\n} and nowhere else: {@code "SET a b\n"} alone is no line, it waits in
 * the buffer for a {@code \r\n} that Unix tools never send. {@code telnet} and {@code nc -C}
 * ({@code netcat-openbsd}) end lines with {@code \r\n}; so does {@code printf 'SET a b\r\n' | nc ...}.
 * Plain {@code nc}, {@code echo} and {@code printf '...\n'} send {@code \n} only. To accept
 * those, set the delimiter from the subclass's constructor, as the example above does:
 * {@code setDelimiter(new byte[] {'\n'})} (a stray {@code \r} then stays at the end of lines
 * from CRLF clients; strip it in {@code lineReceived} if both kinds connect).
 *
 * <h2>Lines that are too long</h2>
 * {@link #lineLengthExceeded(byte[])} is called, at exactly Twisted's thresholds, when
 * <ul>
 * <li>a complete line is longer than the maximum: it gets the line, its delimiter and everything
 * buffered after it;</li>
 * <li>no delimiter has arrived and at least {@code maxLength + delimiter length} bytes are
 * buffered: it gets the whole buffer.</li>
 * </ul>
 * Either way the buffer is emptied. By default the connection is closed.
 *
 * <h2>Raw mode</h2>
 * {@link #setRawMode()} and {@link #setLineMode(byte[])} apply at once: called from a callback,
 * the rest of the chunk being parsed goes to the new mode. In raw mode each chunk goes to
 * {@link #rawDataReceived(byte[])}.
 *
 * <h2>When delivery stops</h2>
 * Nothing is delivered while {@linkplain #pauseProducing() paused}, nor once
 * {@code transport.isDisconnecting()}: a line that closes the connection is the last one,
 * even if more lines came in the same chunk, and later chunks are dropped. Unlike Twisted, a
 * callback's return value cannot stop the loop: pause or close instead.
 *
 * <h2>Threads and errors</h2>
 * Everything runs on the reactor thread, as {@code dataReceived} does. Calling
 * {@code dataReceived} from a callback is allowed: the bytes are queued behind those buffered and
 * parsed in order by the loop already running. An exception from a callback propagates out of
 * {@code dataReceived} (the transport logs it and closes the connection); what was buffered after
 * the line being delivered stays buffered.
 *
 * <p>Twisted: {@code twisted.protocols.basic.LineReceiver}.
 *
 * @since 0.1.0
 */
public abstract class LineReceiver extends Protocol implements PushProducer {

    private static final Logger log = LoggerFactory.getLogger(LineReceiver.class);

    private final LineFraming framing = new LineFraming();

    private final FrameLoop loop = new FrameLoop(this::parse);

    private boolean lineMode = true;

    /** Creates a receiver in line mode with the defaults: CRLF, 16384 bytes, UTF-8. */
    protected LineReceiver() {
    }

    /**
     * Delivers every whole line (or raw chunk) the bytes complete, as described in the class
     * documentation, each copied straight out of {@code data} when nothing was buffered before;
     * only the unfinished rest is buffered (copied).
     *
     * @param data the bytes, owned by the receiver from now on
     */
    @Override
    public void dataReceived(byte[] data) {
        this.loop.dataReceived(data, this.transport);
    }

    /**
     * Delivers as {@link #dataReceived(byte[])} does, copying each whole line (or raw chunk) straight out of
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
     * A line arrived, without its delimiter. By default it is decoded with {@link #getCharset()}
     * (malformed input becomes U+FFFD) and passed to {@link #lineReceived(String)}.
     *
     * @param line the line's bytes, owned by the receiver's subclass
     */
    public void lineReceived(byte[] line) {
        lineReceived(this.framing.decode(line));
    }

    /**
     * A line arrived, decoded. Override this or {@link #lineReceived(byte[])}.
     *
     * @param line the line, without its delimiter
     * @throws UnsupportedOperationException when neither method is overridden
     */
    public void lineReceived(String line) {
        throw new UnsupportedOperationException(
                getClass().getName() + " must override lineReceived(byte[]) or lineReceived(String)");
    }

    /**
     * Bytes arrived in raw mode. Override it when the subclass uses {@link #setRawMode()}.
     *
     * @param data the bytes, owned by the subclass
     * @throws UnsupportedOperationException when not overridden
     */
    public void rawDataReceived(byte[] data) {
        throw new UnsupportedOperationException(
                getClass().getName() + " switched to raw mode but does not override rawDataReceived");
    }

    /**
     * A line is too long (see the class documentation for exactly when). By default closes the
     * connection. An override that keeps the connection open continues with an empty buffer, so
     * the tail of the long line, if still to come, is parsed as a line.
     *
     * @param line the long line and, when it was complete, its delimiter and every byte after it
     */
    public void lineLengthExceeded(byte[] line) {
        log.debug("{}: line longer than the maximum line length ({}); closing the connection",
                this.transport.logPrefix(), this.framing.maxLength());
        this.transport.loseConnection();
    }

    /**
     * Writes the line followed by the delimiter, in one {@code writeSequence} call (one write, one
     * buffer, on the framework's transports). The line must not contain the
     * delimiter (not checked): the peer would read two lines, the classic header-injection bug.
     *
     * @param line the line without its delimiter
     */
    public void sendLine(byte[] line) {
        this.transport.writeSequence(this.framing.frame(line));
    }

    /**
     * Encodes the line with {@link #getCharset()} and sends it as {@link #sendLine(byte[])} does.
     *
     * @param line the line without its delimiter
     */
    public void sendLine(String line) {
        sendLine(this.framing.encode(line));
    }

    /**
     * Sends what arrives from now on, including the rest of the chunk being parsed, to
     * {@link #rawDataReceived(byte[])}. Called outside a callback, it also delivers what is
     * already buffered at once (Twisted waits for the next chunk).
     */
    public void setRawMode() {
        this.lineMode = false;
        this.loop.run(this.transport);
    }

    /** Parses what arrives from now on as lines; the same as {@code setLineMode(new byte[0])}. */
    public void setLineMode() {
        setLineMode(new byte[0]);
    }

    /**
     * Parses what arrives from now on as lines, starting with {@code extra}: the bytes a
     * {@link #rawDataReceived} call did not consume. They are parsed before anything still
     * buffered; called outside a callback, the lines they complete are delivered before this
     * method returns.
     *
     * @param extra bytes to parse as lines first; owned by the receiver from now on
     */
    public void setLineMode(byte[] extra) {
        this.lineMode = true;
        this.loop.buffer().prepend(extra);
        this.loop.run(this.transport);
    }

    /**
     * Whether the receiver is in line mode. Twisted: {@code line_mode}.
     *
     * @return {@code true} in line mode, {@code false} in raw mode
     */
    public boolean isLineMode() {
        return this.lineMode;
    }

    /**
     * Empties the buffer. Called from {@code lineReceived}, it takes the rest of the chunk, so no
     * more lines are delivered from it.
     *
     * @return the bytes that were buffered and not yet delivered
     */
    public byte[] clearLineBuffer() {
        return this.loop.buffer().takeAll();
    }

    /** Stops delivering lines, and asks the transport to stop reading, until resumed. */
    @Override
    public void pauseProducing() {
        this.loop.pauseProducing(this.transport);
    }

    /** Lets the transport read again, then delivers the lines buffered meanwhile. */
    @Override
    public void resumeProducing() {
        this.loop.resumeProducing(this.transport);
    }

    /** Stops delivering lines and tells the transport to stop producing. */
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

    /**
     * The line delimiter. Twisted: {@code delimiter}.
     *
     * @return a copy of the delimiter
     */
    public byte[] getDelimiter() {
        return this.framing.delimiter().clone();
    }

    /**
     * Sets the line delimiter; meant for the subclass's constructor.
     *
     * @param delimiter one or more bytes, copied
     * @throws IllegalArgumentException when empty
     */
    protected void setDelimiter(byte[] delimiter) {
        this.framing.setDelimiter(delimiter);
    }

    /**
     * The longest line accepted, in bytes, delimiter excluded. Twisted: {@code MAX_LENGTH}.
     *
     * @return the maximum, 16384 by default
     */
    public int getMaxLength() {
        return this.framing.maxLength();
    }

    /**
     * Sets the longest line accepted; meant for the subclass's constructor.
     *
     * @param maxLength bytes, delimiter excluded
     * @throws IllegalArgumentException when negative
     */
    protected void setMaxLength(int maxLength) {
        this.framing.setMaxLength(maxLength);
    }

    /**
     * The charset of {@link #lineReceived(String)} and {@link #sendLine(String)}.
     *
     * @return the charset, UTF-8 by default
     */
    public Charset getCharset() {
        return this.framing.charset();
    }

    /**
     * Sets the charset of the {@code String} methods; meant for the subclass's constructor.
     *
     * @param charset the charset
     */
    protected void setCharset(Charset charset) {
        this.framing.setCharset(charset);
    }

    /**
     * How many received bytes wait in the buffer, not yet delivered (while paused, say): what a
     * protocol that throttles its peer checks against its own bound.
     *
     * @return the buffered byte count
     * @since 0.1.0
     */
    protected int getBufferedLength() {
        return this.loop.buffer().size();
    }

    /** How many received bytes are buffered, not yet delivered; for tests, which bound it. */
    int buffered() {
        return getBufferedLength();
    }

    private boolean parse(ReceiveBuffer buffer) {
        if (!this.lineMode) {
            rawDataReceived(buffer.takeAll());
            return true;
        }
        byte[] delimiter = this.framing.delimiter();
        int end = buffer.indexOf(delimiter);
        if (end < 0) {
            if (this.framing.tooLongWithoutDelimiter(buffer.size())) {
                lineLengthExceeded(buffer.takeAll());
                return true;
            }
            return false;
        }
        if (end > this.framing.maxLength()) {
            lineLengthExceeded(buffer.takeAll());
            return true;
        }
        byte[] line = buffer.take(end);
        buffer.skip(delimiter.length);
        lineReceived(line);
        return true;
    }
}
