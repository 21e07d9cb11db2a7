package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.mail.imap.CommandTooLargeException.Limit;

/**
 * Cuts what an IMAP client sends into whole commands, reading their literals: the framing of
 * RFC 3501 section 4.3 and 7.5, with RFC 7888's non-synchronising literals ({@code LITERAL+}).
 *
 * <p>A command line may end in {@code {n}}: the client then waits for a continuation request
 * ({@code + ...}) before it sends the literal, so the framing calls
 * {@link Host#continuationRequested()}; with {@code {n+}} it does not wait. The literal's
 * {@code n} bytes are taken as they are (CR LF included), and the command goes on with the next
 * line. When a line ends without a literal, the whole command goes to
 * {@link Host#commandReceived}, as a {@link RawCommand} for {@link IMAPParser}.
 *
 * <h2>How a server drives it</h2>
 * The framing is a collaborator of the server protocol, which is a
 * {@link twisted.protocols.basic.LineReceiver} (the project's one line framing) and implements
 * {@link Host}: {@code LineReceiver} already has the {@code setRawMode()} and
 * {@code setLineMode(byte[])} the framing calls to read literals. The server forwards three calls:
 *
 * <pre>{@code
 * final class IMAP4Server extends LineReceiver implements IMAPFraming.Host {
 *     private final IMAPFraming framing = new IMAPFraming(IMAPFraming.Limits.defaults(), this);
 *
 *     IMAP4Server() {
 *         setMaxLength(this.framing.limits().maxLineLength());
 *     }
 *
 *     public void lineReceived(byte[] line) { this.framing.lineReceived(line); }
 *     public void rawDataReceived(byte[] data) { this.framing.rawDataReceived(data); }
 *     public void lineLengthExceeded(byte[] line) { this.framing.lineLengthExceeded(line); }
 *
 *     public void continuationRequested() { sendLine("+ Ready for literal data"); }
 *     public void commandReceived(RawCommand command) { ... parser.parse(command) ... }
 *     ...
 * }
 * }</pre>
 *
 * A server that answers a command later (a Deferred from the store) pauses the receiver
 * ({@code pauseProducing}) until it has, so that a command that changes the framing's mode
 * ({@code IDLE}, {@code AUTHENTICATE}) calls {@link #expectDone()} or
 * {@link #expectAuthenticateResponse()} before the next line is read.
 *
 * <h2>Limits</h2>
 * A command that breaks one of the {@link Limits} is not delivered: the framing calls
 * {@link Host#commandRejected} once, as soon as it knows, and drops the rest of the command
 * without buffering it. For a synchronising literal that is too large, that call comes
 * <em>instead of</em> the continuation request: the server answers {@code BAD} and the client
 * never sends the literal (nor, being refused, the rest of the command). A non-synchronising
 * literal is on its way whatever the server says; RFC 7888 section 4 lets the server either
 * read and discard it or close the connection. This framing reads and discards it (counting
 * bytes, keeping none), and the rest of the command with it, so the client's session survives a
 * too-large {@code APPEND} with a tagged {@code BAD [TOOBIG]}; a client that streams junk costs
 * bandwidth only, as junk lines would. A line longer than {@link Limits#maxLineLength()} is
 * discarded the same way up to its end, and if it ends in a literal announcement, that literal is
 * handled as above.
 *
 * <h2>Threads and errors</h2>
 * Not thread-safe: every method is called on the reactor thread, from the host's own callbacks.
 * Nothing the client sends makes it throw; the host's exceptions propagate unchanged.
 *
 * @since 0.1.0
 */
public final class IMAPFraming {

    /** How many bytes before a line's end can hold a literal announcement: {@code {} 20 digits {@code +}}. */
    private static final int TAIL = 24;

    /** How much of a literal is allocated before its bytes arrive. */
    private static final int INITIAL_LITERAL_CAPACITY = 64 * 1024;

    /**
     * What the framing asks of the server protocol. The two mode switches are exactly
     * {@link twisted.protocols.basic.LineReceiver}'s; every call comes from inside the framing's
     * own methods, on the reactor thread.
     *
     * @since 0.1.0
     */
    public interface Host {

        /** Sends everything from now on, including the rest of the chunk being parsed, to {@link IMAPFraming#rawDataReceived}. */
        void setRawMode();

        /**
         * Parses lines again, starting with {@code extra}.
         *
         * @param extra bytes to parse as lines first
         */
        void setLineMode(byte[] extra);

        /** A synchronising literal is announced and accepted: send a continuation request ({@code + ...}) now. */
        void continuationRequested();

        /**
         * A whole command arrived.
         *
         * @param command its text and literals
         */
        void commandReceived(RawCommand command);

        /**
         * A command broke a limit and is dropped; answer {@code BAD}. In the {@code IDLE} and
         * {@code AUTHENTICATE} modes, a line that is too long comes here with no tag: end the
         * pending command with its own tag.
         *
         * @param rejection which limit, and the command's tag when it could be read
         */
        void commandRejected(CommandTooLargeException rejection);

        /**
         * The line after {@link IMAPFraming#expectDone()} arrived.
         *
         * @param done whether it was {@code DONE} (any case), as RFC 2177 requires; when not,
         *        answer the {@code IDLE} with {@code BAD}
         */
        void doneReceived(boolean done);

        /**
         * The line after {@link IMAPFraming#expectAuthenticateResponse()} arrived: base64 or {@code *}.
         *
         * @param line the line, without its line ending; may hold a credential, never log it
         */
        void authenticateResponse(byte[] line);
    }

    /**
     * The framing's limits.
     *
     * @param maxLineLength the most bytes of text in one command, literals and line endings
     *        excluded, summed over its lines; also the longest {@code DONE} or {@code AUTHENTICATE}
     *        line
     * @param maxLiteralSize the largest literal, in bytes: the largest message {@code APPEND} takes
     * @param maxCommandSize the most bytes in one command, its text and literals together
     * @param maxLiterals the most literals in one command
     * @since 0.1.0
     */
    public record Limits(int maxLineLength, long maxLiteralSize, long maxCommandSize, int maxLiterals) {

        /** Checks the values. */
        public Limits {
            if (maxLineLength < 64) {
                throw new IllegalArgumentException("maxLineLength (" + maxLineLength + ") must be at least 64");
            }
            if (maxLiteralSize < 0 || maxLiteralSize > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("maxLiteralSize (" + maxLiteralSize + ") must be 0 to "
                        + (Integer.MAX_VALUE - 8) + " (a literal is held in one array)");
            }
            if (maxCommandSize < maxLineLength) {
                throw new IllegalArgumentException("maxCommandSize (" + maxCommandSize
                        + ") must be at least maxLineLength (" + maxLineLength + ")");
            }
            if (maxLiterals < 0) {
                throw new IllegalArgumentException("maxLiterals (" + maxLiterals + ") must not be negative");
            }
        }

        /**
         * The defaults: 8 KiB of text, 32 MiB literals, 33 MiB commands (one full-size literal
         * and a mebibyte besides), 100 literals per command.
         *
         * @return the defaults
         */
        public static Limits defaults() {
            return new Limits(8192, 32L << 20, 33L << 20, 100);
        }
    }

    private enum Mode {
        /** Reading a command's lines. */
        COMMAND,
        /** Reading a literal's bytes (raw). */
        LITERAL,
        /** Dropping a refused command's non-synchronising literal (raw). */
        SKIP_LITERAL,
        /** Dropping the rest of a line that is too long (raw). */
        SKIP_LINE,
        /** The next line ends {@code IDLE}. */
        DONE,
        /** The next line answers an {@code AUTHENTICATE} challenge. */
        AUTHENTICATE
    }

    private final Limits limits;

    private final Host host;

    private Mode mode = Mode.COMMAND;

    /** Whether the host is in raw mode, so a switch is requested only when it changes something. */
    private boolean raw;

    private final List<byte[]> lines = new ArrayList<>();

    private final List<byte[]> literals = new ArrayList<>();

    private @Nullable String tag;

    private long textSize;

    private long commandSize;

    /** Whether the command being read was refused: its remaining lines and literals are dropped. */
    private boolean rejected;

    private byte[] literal = new byte[0];

    private int filled;

    /** The size of the literal being read; its array grows towards it as bytes arrive. */
    private int expected;

    private long skipping;

    /** The last bytes of the line being dropped, to find a literal announcement at its end. */
    private byte[] tail = new byte[0];

    /**
     * Creates the framing of one connection.
     *
     * @param limits the limits
     * @param host the server protocol it reports to
     */
    public IMAPFraming(Limits limits, Host host) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * The limits this framing enforces; the host sets its line receiver's maximum line length to
     * {@link Limits#maxLineLength()}.
     *
     * @return the limits
     */
    public Limits limits() {
        return this.limits;
    }

    /**
     * Makes the next line the end of {@code IDLE}: it goes to {@link Host#doneReceived}, then
     * commands are read again. Call it from {@link Host#commandReceived} for {@code IDLE}.
     *
     * @throws IllegalStateException when a command is half read or another mode is set
     */
    public void expectDone() {
        switchTo(Mode.DONE);
    }

    /**
     * Makes the next line an {@code AUTHENTICATE} response: it goes to
     * {@link Host#authenticateResponse}, then commands are read again. Call it after each
     * challenge ({@code + base64}) the server sends.
     *
     * @throws IllegalStateException when a command is half read or another mode is set
     */
    public void expectAuthenticateResponse() {
        switchTo(Mode.AUTHENTICATE);
    }

    private void switchTo(Mode next) {
        if (this.mode != Mode.COMMAND || !this.lines.isEmpty() || this.rejected) {
            throw new IllegalStateException("cannot expect " + next + " while reading " + this.mode);
        }
        this.mode = next;
    }

    /**
     * A line arrived from the host's line receiver, without its CR LF.
     *
     * @param line the line
     */
    public void lineReceived(byte[] line) {
        switch (this.mode) {
            case DONE -> {
                this.mode = Mode.COMMAND;
                this.host.doneReceived(new String(line, StandardCharsets.ISO_8859_1).equalsIgnoreCase("DONE"));
            }
            case AUTHENTICATE -> {
                this.mode = Mode.COMMAND;
                this.host.authenticateResponse(line);
            }
            default -> commandLine(line);
        }
    }

    /**
     * Bytes arrived while the host is in raw mode: a literal's, or what is being dropped. What
     * follows them is handed back to the host's line mode.
     *
     * @param data the bytes
     */
    public void rawDataReceived(byte[] data) {
        int at = 0;
        while (readsRaw() && at < data.length) {
            at = switch (this.mode) {
                case LITERAL -> readLiteral(data, at);
                case SKIP_LITERAL -> skipLiteral(data, at);
                default -> skipLine(data, at);
            };
        }
        if (!readsRaw()) {
            this.raw = false;
            this.host.setLineMode(Arrays.copyOfRange(data, at, data.length));
        }
    }

    private boolean readsRaw() {
        return this.mode == Mode.LITERAL || this.mode == Mode.SKIP_LITERAL || this.mode == Mode.SKIP_LINE;
    }

    /**
     * The host's line receiver found a line longer than its maximum: the command is refused (see
     * the class documentation) and the rest of the line dropped.
     *
     * @param buffered what the line receiver held: the line's start, and maybe its end and more
     */
    public void lineLengthExceeded(byte[] buffered) {
        if (this.mode == Mode.DONE || this.mode == Mode.AUTHENTICATE) {
            this.mode = Mode.COMMAND;
            this.tag = null;
            reject(Limit.LINE_LENGTH, this.limits.maxLineLength());
        }
        else {
            if (this.lines.isEmpty() && !this.rejected) {
                this.tag = tagBefore(buffered);
            }
            if (!this.rejected) {
                reject(Limit.LINE_LENGTH, this.limits.maxLineLength());
            }
        }
        this.mode = Mode.SKIP_LINE;
        this.tail = new byte[0];
        enterRaw();
        rawDataReceived(buffered);
    }

    /**
     * The tag of a line too long, read only from its first {@code maxLineLength} bytes and only
     * when a space follows it there: the line receiver hands over more or less of the line
     * depending on how it arrived, and the answer must not depend on that (found by
     * {@code IMAPCommandFuzzTests}).
     */
    private @Nullable String tagBefore(byte[] buffered) {
        int limit = Math.min(buffered.length, this.limits.maxLineLength());
        for (int i = 0; i < limit; i++) {
            if (buffered[i] == ' ') {
                return IMAPParser.tagOf(Arrays.copyOf(buffered, i));
            }
        }
        return null;
    }

    private void commandLine(byte[] line) {
        if (this.lines.isEmpty() && !this.rejected) {
            this.tag = IMAPParser.tagOf(line);
        }
        int marker = literalStart(line, line.length);
        if (this.rejected) {
            dropped(line, marker);
            return;
        }
        int textLength = (marker < 0) ? line.length : marker;
        this.textSize += textLength;
        this.commandSize += textLength;
        if (this.textSize > this.limits.maxLineLength()) {
            reject(Limit.LINE_LENGTH, this.limits.maxLineLength());
            dropped(line, marker);
            return;
        }
        this.lines.add((marker < 0) ? line : Arrays.copyOf(line, marker));
        if (marker < 0) {
            RawCommand command = new RawCommand(this.lines, this.literals);
            reset();
            this.host.commandReceived(command);
            return;
        }
        long size = literalSize(line, marker);
        if (this.literals.size() >= this.limits.maxLiterals()) {
            reject(Limit.LITERAL_COUNT, this.limits.maxLiterals());
        }
        else if (size > this.limits.maxLiteralSize()) {
            reject(Limit.LITERAL_SIZE, this.limits.maxLiteralSize());
        }
        else if (this.commandSize + size > this.limits.maxCommandSize()) {
            reject(Limit.COMMAND_SIZE, this.limits.maxCommandSize());
        }
        if (this.rejected) {
            dropped(line, marker);
            return;
        }
        if (synchronising(line)) {
            this.host.continuationRequested();
        }
        this.commandSize += size;
        // Grown as bytes arrive: an announcement alone must not make the server hold the limit.
        this.expected = (int) size;
        this.literal = new byte[Math.min(this.expected, INITIAL_LITERAL_CAPACITY)];
        this.filled = 0;
        if (size == 0) {
            this.literals.add(this.literal);
        }
        else {
            this.mode = Mode.LITERAL;
            enterRaw();
        }
    }

    /** The end of a line of a refused command: a non-synchronising literal after it is dropped too. */
    private void dropped(byte[] line, int marker) {
        if (marker < 0 || synchronising(line)) {
            // The client of a synchronising literal waits for a continuation that never comes.
            reset();
            return;
        }
        this.skipping = literalSize(line, marker);
        if (this.skipping > 0) {
            this.mode = Mode.SKIP_LITERAL;
            enterRaw();
        }
    }

    private void reject(Limit limit, long maximum) {
        this.rejected = true;
        this.lines.clear();
        this.literals.clear();
        this.literal = new byte[0];
        this.host.commandRejected(new CommandTooLargeException(this.tag, limit, maximum));
    }

    private void reset() {
        this.lines.clear();
        this.literals.clear();
        this.tag = null;
        this.textSize = 0;
        this.commandSize = 0;
        this.rejected = false;
        this.literal = new byte[0];
        this.mode = Mode.COMMAND;
    }

    private int readLiteral(byte[] data, int at) {
        int n = Math.min(this.expected - this.filled, data.length - at);
        if (this.filled + n > this.literal.length) {
            int capacity = (int) Math.min(this.expected, Math.max(this.filled + (long) n, 2L * this.literal.length));
            this.literal = Arrays.copyOf(this.literal, capacity);
        }
        System.arraycopy(data, at, this.literal, this.filled, n);
        this.filled += n;
        if (this.filled == this.expected) {
            this.literals.add(this.literal);
            this.literal = new byte[0];
            this.mode = Mode.COMMAND;
        }
        return at + n;
    }

    private int skipLiteral(byte[] data, int at) {
        int n = (int) Math.min(this.skipping, data.length - at);
        this.skipping -= n;
        if (this.skipping == 0) {
            this.mode = Mode.COMMAND;
        }
        return at + n;
    }

    private int skipLine(byte[] data, int at) {
        int end = -1;
        for (int i = at; i < data.length; i++) {
            if (data[i] == '\n' && ((i > at) ? data[i - 1] == '\r' : endsWithCr(this.tail))) {
                end = i;
                break;
            }
        }
        byte[] seen = joinTail(this.tail, data, at, (end < 0) ? data.length : end);
        if (end < 0) {
            this.tail = seen;
            return data.length;
        }
        // seen ends with the CR of the line's CR LF
        this.tail = new byte[0];
        this.mode = Mode.COMMAND;
        byte[] lineEnd = Arrays.copyOf(seen, seen.length - 1);
        dropped(lineEnd, literalStart(lineEnd, lineEnd.length));
        return end + 1;
    }

    private static boolean endsWithCr(byte[] bytes) {
        return bytes.length > 0 && bytes[bytes.length - 1] == '\r';
    }

    /** The last {@link #TAIL} bytes of {@code tail} followed by {@code data[from, to)}. */
    private static byte[] joinTail(byte[] tail, byte[] data, int from, int to) {
        int fromData = Math.min(TAIL, to - from);
        int fromTail = Math.min(tail.length, TAIL - fromData);
        byte[] joined = new byte[fromTail + fromData];
        System.arraycopy(tail, tail.length - fromTail, joined, 0, fromTail);
        System.arraycopy(data, to - fromData, joined, fromTail, fromData);
        return joined;
    }

    private void enterRaw() {
        if (!this.raw) {
            this.raw = true;
            this.host.setRawMode();
        }
    }

    /**
     * Where a literal announcement ({@code {digits}} or {@code {digits+}}) ends the line.
     *
     * @return the index of its {@code {}, or -1 when the line does not end in one
     */
    static int literalStart(byte[] line, int length) {
        int i = length - 1;
        if (i < 0 || line[i] != '}') {
            return -1;
        }
        i--;
        if (i >= 0 && line[i] == '+') {
            i--;
        }
        int lastDigit = i;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            i--;
        }
        if (i == lastDigit || i < 0 || line[i] != '{') {
            return -1;
        }
        return i;
    }

    private static boolean synchronising(byte[] line) {
        return line[line.length - 2] != '+';
    }

    /** The announced size; above {@code Long.MAX_VALUE / 10}, that (always over any limit). */
    private static long literalSize(byte[] line, int marker) {
        long size = 0;
        for (int i = marker + 1; line[i] >= '0' && line[i] <= '9'; i++) {
            if (size > Long.MAX_VALUE / 100) {
                return Long.MAX_VALUE / 10;
            }
            size = size * 10 + (line[i] - '0');
        }
        return size;
    }
}
