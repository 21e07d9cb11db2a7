package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import twisted.protocols.basic.LineReceiver;

/**
 * The framing both ends of an IRC connection share: lines end with {@code \n} (a {@code \r}
 * before it is dropped, so CR LF and bare LF clients both work, as with every daemon), are read as
 * UTF-8 (a malformed sequence becomes U+FFFD), parsed into {@link IRCMessage}s and handed to
 * {@link #messageReceived(IRCMessage)}; empty lines are ignored. What is sent goes out as
 * {@code message CR LF}. Twisted: {@code irc.IRC}, the base of {@code IRCUser}.
 *
 * <h2>Limits</h2>
 * A message may carry at most {@link #getMaxTagBytes()} bytes of tags and
 * {@link #getMaxBodyBytes()} bytes of the rest, its line ending included (by default the 8191 and
 * 512 of the specifications). A longer one that still ends goes to
 * {@link #messageTooLong(byte[])} (by default dropped); a line that reaches both limits together
 * without ending goes to {@link #lineLengthExceeded(byte[])} (by default the connection is closed),
 * so what a peer can make a connection buffer is bounded.
 *
 * @since 0.1.0
 */
public abstract class IRC extends LineReceiver {

    private static final Logger log = LoggerFactory.getLogger(IRC.class);

    private static final byte[] CRLF = { '\r', '\n' };

    private int maxTagBytes = IRCMessage.MAX_TAGS_BYTES;

    private int maxBodyBytes = IRCMessage.MAX_LINE_BYTES;

    /** Creates the framing with the specifications' limits. */
    protected IRC() {
        setDelimiter(new byte[] { '\n' });
        setMaxLength(this.maxTagBytes + this.maxBodyBytes);
    }

    /**
     * Sets the longest message accepted.
     *
     * @param tagBytes the most bytes of tags, {@code @} and the space after them included
     * @param bodyBytes the most bytes of the rest, CR LF included; at least 512
     */
    protected void setMessageLimits(int tagBytes, int bodyBytes) {
        if (tagBytes < 0 || bodyBytes < IRCMessage.MAX_LINE_BYTES) {
            throw new IllegalArgumentException("tagBytes (" + tagBytes + ") must be at least 0 and bodyBytes ("
                    + bodyBytes + ") at least " + IRCMessage.MAX_LINE_BYTES);
        }
        this.maxTagBytes = tagBytes;
        this.maxBodyBytes = bodyBytes;
        setMaxLength(tagBytes + bodyBytes);
    }

    /**
     * The most bytes of tags a message may carry.
     *
     * @return 8191 unless set
     */
    public int getMaxTagBytes() {
        return this.maxTagBytes;
    }

    /**
     * The most bytes of a message without its tags, CR LF included.
     *
     * @return 512 unless set
     */
    public int getMaxBodyBytes() {
        return this.maxBodyBytes;
    }

    /**
     * Parses a line and hands the message on. Subclasses override
     * {@link #messageReceived(IRCMessage)}, not this.
     *
     * @param line the line, without its {@code \n}
     */
    @Override
    public final void lineReceived(byte[] line) {
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length == 0) {
            return;
        }
        int tagBytes = 0;
        if (line[0] == '@') {
            tagBytes = length;
            for (int i = 0; i < length; i++) {
                if (line[i] == ' ') {
                    tagBytes = i + 1;
                    break;
                }
            }
        }
        if (tagBytes > this.maxTagBytes || length - tagBytes + CRLF.length > this.maxBodyBytes) {
            messageTooLong(line);
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        IRCMessage message;
        try {
            message = IRCMessage.parse(text);
        }
        catch (MalformedMessageException ex) {
            badMessage(text, ex);
            return;
        }
        messageReceived(message);
    }

    /**
     * A message arrived.
     *
     * @param message the message
     */
    protected abstract void messageReceived(IRCMessage message);

    /**
     * A line arrived that is not a message. By default it is logged at debug level and dropped.
     * Twisted: {@code badMessage(line, excType, excValue, tb)}.
     *
     * @param line the line
     * @param problem what is wrong with it
     */
    protected void badMessage(String line, MalformedMessageException problem) {
        log.debug("{}: dropped a line that is not an IRC message: {}", logPrefix(), problem.getMessage());
    }

    /**
     * A complete line was longer than the limits allow. By default it is logged at debug level
     * and dropped (a server answers {@code 417 ERR_INPUTTOOLONG}).
     *
     * @param line the line, without its {@code \n}
     */
    protected void messageTooLong(byte[] line) {
        log.debug("{}: dropped a message of {} bytes, longer than the limits ({} of tags, {} of the rest)",
                logPrefix(), line.length, this.maxTagBytes, this.maxBodyBytes);
    }

    /**
     * Sends a message, followed by CR LF.
     *
     * @param message the message
     */
    public void sendMessage(IRCMessage message) {
        this.transport.writeSequence(List.of(message.toBytes(), CRLF));
    }

    /**
     * Sends a command without tags or prefix. Twisted: {@code sendMessage(command, *parameters)}.
     *
     * @param command the command
     * @param params its parameters; only the last may hold spaces
     */
    public void sendCommand(String command, String... params) {
        sendMessage(IRCMessage.of(command, params));
    }
}
