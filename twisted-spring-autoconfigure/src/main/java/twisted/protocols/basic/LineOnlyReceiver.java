package twisted.protocols.basic;

import java.nio.charset.Charset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.internet.Protocol;
import twisted.internet.ReceivedBytes;

/**
 * A protocol that receives lines and nothing else: no raw mode and no pausing, for line-only
 * protocols such as SMTP commands and POP3. Use {@link LineReceiver} when a message may carry a
 * body in raw bytes.
 *
 * <pre>{@code
 * class Shout extends LineOnlyReceiver {
 *     @Override
 *     public void lineReceived(String line) {
 *         sendLine(line.toUpperCase(Locale.ROOT));
 *     }
 * }
 * }</pre>
 *
 * <p>Lines, delimiter (CRLF), maximum length (16384 bytes), charset (UTF-8), re-entrancy and
 * "nothing after the connection starts closing" work as in {@link LineReceiver}.
 *
 * <h2>The delimiter: {@code \r\n} by default, as in Twisted</h2>
 * A line ends at {@code \r\n} only: {@code "SET a b\n"} from plain {@code nc} or {@code echo} is
 * no line and waits in the buffer. Use {@code telnet}, {@code nc -C} or
 * {@code printf 'SET a b\r\n'}, or accept Unix line ends by calling
 * {@code setDelimiter(new byte[] {'\n'})} from the subclass's constructor.
 *
 * <h2>Lines that are too long: different from Twisted, on purpose</h2>
 * The result never depends on how the bytes were split into chunks. A line is too long when it
 * has more than {@code maxLength} bytes, whether its delimiter is in the same chunk or not (Twisted
 * rejects a line of exactly {@code maxLength} bytes when its {@code \r} and {@code \n} arrive
 * apart). It is reported as soon as the bytes prove it: at byte {@code maxLength + 1}, as in
 * Twisted, unless that byte could be the start of the delimiter (a {@code \r}), in which case the
 * next byte decides. {@link #lineLengthExceeded(byte[])} is then called once for that line, with
 * its first {@code maxLength + 1} bytes, which are the same however the line arrived. If it keeps
 * the connection open, the rest of the long line is skipped up to its delimiter and the lines
 * after it are delivered as usual (Twisted loses them, and reports a partial line again with each
 * chunk).
 *
 * <h2>Threads and errors</h2>
 * Everything runs on the reactor thread, as {@code dataReceived} does. An exception from a
 * callback propagates out of {@code dataReceived}; the lines after it stay buffered.
 *
 * <p>Twisted: {@code twisted.protocols.basic.LineOnlyReceiver}.
 *
 * @since 0.1.0
 */
public abstract class LineOnlyReceiver extends Protocol {

    private static final Logger log = LoggerFactory.getLogger(LineOnlyReceiver.class);

    private final LineFraming framing = new LineFraming();

    private final FrameLoop loop = new FrameLoop(this::parse);

    /** Whether the bytes up to the next delimiter belong to a line already reported as too long. */
    private boolean skippingLongLine;

    /** Creates a receiver with the defaults: CRLF, 16384 bytes, UTF-8. */
    protected LineOnlyReceiver() {
    }

    /**
     * Delivers every whole line the bytes complete, each copied straight out of {@code data} when
     * nothing was buffered before, and buffers (copies) only the unfinished rest.
     *
     * @param data the bytes, owned by the receiver from now on
     */
    @Override
    public void dataReceived(byte[] data) {
        this.loop.dataReceived(data, this.transport);
    }

    /**
     * Delivers as {@link #dataReceived(byte[])} does, copying each whole line straight out of
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
     * @param line the line's bytes, owned by the subclass
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
     * A line is longer than {@link #getMaxLength()}. Called once per such line. By default closes
     * the connection; an override that does not goes on with the line after it.
     *
     * @param lineStart the line's first {@code maxLength + 1} bytes
     */
    public void lineLengthExceeded(byte[] lineStart) {
        log.debug("{}: line longer than the maximum line length ({}); closing the connection",
                this.transport.logPrefix(), this.framing.maxLength());
        this.transport.loseConnection();
    }

    /**
     * Writes the line followed by the delimiter, in one {@code writeSequence} call (one write, one
     * buffer, on the framework's transports). The line must not contain the
     * delimiter (not checked): the peer would read two lines.
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

    /** How many received bytes are buffered, not yet delivered; for tests, which bound it. */
    int buffered() {
        return this.loop.buffer().size();
    }

    private boolean parse(ReceiveBuffer buffer) {
        byte[] delimiter = this.framing.delimiter();
        int end = buffer.indexOf(delimiter);
        if (this.skippingLongLine) {
            return skipLongLine(buffer, end, delimiter.length);
        }
        int maxLength = this.framing.maxLength();
        if (end > maxLength || (end < 0 && this.framing.provesLineTooLong(buffer))) {
            // The first maxLength + 1 bytes are line content either way, so the report is the same
            // whether the delimiter has arrived yet or not.
            byte[] lineStart = buffer.take(maxLength + 1);
            this.skippingLongLine = true;
            lineLengthExceeded(lineStart);
            return true;
        }
        if (end < 0) {
            return false;
        }
        byte[] line = buffer.take(end);
        buffer.skip(delimiter.length);
        lineReceived(line);
        return true;
    }

    private boolean skipLongLine(ReceiveBuffer buffer, int end, int delimiterLength) {
        if (end >= 0) {
            buffer.skip(end + delimiterLength);
            this.skippingLongLine = false;
            return true;
        }
        // Keep the bytes that may be the start of a delimiter split across chunks.
        int skippable = buffer.size() - (delimiterLength - 1);
        if (skippable > 0) {
            buffer.skip(skippable);
        }
        return false;
    }
}
