package twisted.conch.recvline;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import twisted.conch.WindowChangeListener;
import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.ProtocolWrapper;
import twisted.internet.Transport;

/**
 * Serves a line-based protocol to a person at a terminal: the line is typed and edited here,
 * with echo, cursor keys, history and Ctrl-C, and only the finished line reaches the protocol.
 * Any protocol of the library that reads CR LF terminated lines (a {@code LineReceiver}, an echo
 * protocol, a chat) can so be an interactive SSH shell without knowing it.
 *
 * <pre>{@code
 * // in the SSH server, for a shell request on a session that asked for a pty
 * LineDiscipline shell = new LineDiscipline(new ChatProtocol(room),
 *         LineDisciplineOptions.defaults().withPrompt("> "));
 * shell.terminalSize(ptyColumns, ptyRows);
 * shell.makeConnection(channelTransport);
 * // on window-change: shell.terminalSize(columns, rows)
 * }</pre>
 *
 * <h2>Input</h2>
 * The channel's bytes are what the client's terminal sends in raw mode: UTF-8 text, control
 * characters and escape sequences, split anywhere (see {@code KeyDecoder} for what is understood
 * and how unknown sequences are swallowed). The keys are those of bash's Emacs mode: printable
 * characters are inserted at the cursor and echoed; Backspace (DEL or Ctrl-H) and Delete
 * ({@code ESC [ 3 ~}) erase; Left, Right, Ctrl-B, Ctrl-F move; Home, End ({@code ESC [ H},
 * {@code ESC [ F}, {@code ESC O H}, {@code ESC O F}, {@code ESC [ 1 ~}, {@code ESC [ 4 ~}), Ctrl-A,
 * Ctrl-E jump; Ctrl-U erases up to the cursor, Ctrl-K after it, Ctrl-W the word before it; Ctrl-L
 * clears the screen and redraws; Up, Down, Ctrl-P, Ctrl-N walk the history (the last
 * {@link LineDisciplineOptions#historySize()} lines, without empty lines or repeats of the line
 * before). Enter (CR, LF or CR LF) delivers the line to the wrapped protocol's {@code dataReceived}
 * as its UTF-8 bytes followed by CR LF. Ctrl-C drops the line, shows {@code ^C}, and tells the
 * wrapped protocol when it is {@link Interruptible}. Ctrl-D on an empty line ends the session: the
 * discipline closes the channel with {@code loseConnection()}, and the wrapped protocol's
 * {@code connectionLost} follows when the channel reports the close; on a line that is not empty,
 * Ctrl-D deletes the character under the cursor. A line holds at most
 * {@link LineDisciplineOptions#maxLineLength()} characters; further characters ring the bell.
 *
 * <h2>Output</h2>
 * The wrapped protocol writes to its transport as usual. Each bare LF it writes goes out as CR LF
 * (a terminal in raw mode would otherwise not return to column 0). Output that arrives while the
 * prompt and a half-typed line are shown (a chat message from another user) is written above
 * them: they are erased, the output written, and they are drawn again with the cursor where it
 * was. Output that does not end with a line feed (a question such as {@code Name: }) stays on the
 * row, and the prompt and the line follow it. The prompt is shown when the connection is made
 * (after the wrapped protocol's {@code connectionMade}, so a greeting comes first), after each
 * line the wrapped protocol has handled, and after Ctrl-C.
 *
 * <h2>Terminal size</h2>
 * Lines are redrawn with relative cursor movements and {@code ESC [ J}, counting columns from
 * the terminal width ({@link #terminalSize}; 80 columns until told), so a line longer than the
 * terminal is wide is edited in place as well. What is exact and what is approximate is described
 * in {@code Screen}: lines shorter than the width are always drawn exactly; a wrapped line may be
 * drawn off after a resize or with wide characters at the margin, never changed.
 *
 * <h2>Not for</h2>
 * Sessions without a pty: an SSH client that asked for no terminal ({@code ssh host cmd},
 * {@code ssh -T}) sends plain bytes and expects plain bytes back, with no echo; the server
 * connects the protocol to the channel directly. Protocols that draw the whole screen themselves
 * do not want this either.
 *
 * <h2>Threads and errors</h2>
 * Use it on the reactor thread, like any protocol. An exception thrown by the wrapped protocol
 * goes to the caller of {@code dataReceived}, after what was drawn so far has been written; the
 * rest of that chunk of input is dropped. The wrapped protocol's {@code loseConnection()} and
 * {@code abortConnection()} close the channel; further input is then ignored and further output
 * dropped.
 *
 * <p>Twisted: {@code twisted.conch.recvline.HistoricRecvLine} on {@code twisted.conch.insults.ServerProtocol},
 * which a Twisted user subclasses; here the line discipline wraps the protocol instead, so
 * protocols written for a socket need no change.
 *
 * @since 0.1.0
 */
public final class LineDiscipline extends ProtocolWrapper implements WindowChangeListener {

    private static final byte[] CRLF = { '\r', '\n' };

    private final Screen screen;

    private final LineEditor editor;

    private final KeyDecoder decoder;

    private int receiving;

    private boolean closing;

    /**
     * A discipline with the {@linkplain LineDisciplineOptions#defaults() default options}: no
     * prompt.
     *
     * @param protocol the line-based protocol to serve
     */
    public LineDiscipline(Protocol protocol) {
        this(protocol, LineDisciplineOptions.defaults());
    }

    /**
     * A discipline with the given options.
     *
     * @param protocol the line-based protocol to serve; it gets its own transport, whose writes
     *        and closes go through the discipline
     * @param options the prompt and limits
     */
    public LineDiscipline(Protocol protocol, LineDisciplineOptions options) {
        super(protocol);
        Objects.requireNonNull(options, "options");
        this.screen = new Screen(options.prompt());
        this.editor = new LineEditor(options, this.screen, new Session());
        this.decoder = new KeyDecoder(this.editor);
    }

    /**
     * Connects the wrapped protocol (its {@code connectionMade} may write a greeting), then shows
     * the prompt.
     *
     * @param transport the session's channel
     */
    @Override
    public void makeConnection(Transport transport) {
        super.makeConnection(transport);
        if (!isClosing()) {
            this.screen.show(this.editor.line());
        }
        flush();
    }

    @Override
    protected Transport wrapTransport(Transport transport) {
        return InnerTransport.over(this, transport);
    }

    /**
     * Edits the line with the keys these bytes complete, delivering each line entered; what they
     * change on the terminal is written once, at the end.
     *
     * @param data bytes from the client's terminal
     */
    @Override
    public void dataReceived(byte[] data) {
        if (isClosing()) {
            return;
        }
        this.receiving++;
        try {
            this.decoder.feed(data);
        }
        finally {
            this.receiving--;
            flush();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        this.closing = true;
        super.connectionLost(reason);
    }

    /**
     * The client's terminal was resized: the same as {@link #terminalSize}, then the wrapped
     * protocol is told too when it is a {@link WindowChangeListener} (Twisted's line protocols
     * hear {@code terminalSize} as well).
     */
    @Override
    public void windowChanged(int columns, int rows) {
        terminalSize(columns, rows);
        if (this.wrappedProtocol instanceof WindowChangeListener listener) {
            listener.windowChanged(columns, rows);
        }
    }

    /**
     * The terminal's size changed, or became known: the SSH server calls this for the
     * {@code pty-req} and each {@code window-change} request. Only the width is used, to redraw
     * lines longer than a row. May be called at any time on the reactor thread, also before the
     * connection is made.
     *
     * @param columns the width in characters; 0 (unknown, which SSH allows) keeps the width
     * @param rows the height in rows; 0 when unknown
     * @throws IllegalArgumentException when either is negative
     */
    public void terminalSize(int columns, int rows) {
        if (columns < 0 || rows < 0) {
            throw new IllegalArgumentException("terminal size (" + columns + "x" + rows + ") must not be negative");
        }
        if (columns > 0) {
            this.screen.resize(columns);
        }
    }

    /**
     * The width lines are drawn for.
     *
     * @return columns, 80 until {@link #terminalSize} gives another
     */
    public int getTerminalWidth() {
        return this.screen.width();
    }

    /** The wrapped protocol wrote. */
    void outputReceived(byte[] data) {
        if (isClosing()) {
            return;
        }
        this.screen.output(data, this.editor.line());
        if (this.receiving == 0) {
            flush();
        }
    }

    /** The wrapped protocol (or Ctrl-D) closes the session. */
    void close(boolean abort) {
        if (abort) {
            this.closing = true;
            this.screen.discard();
            this.transport.abortConnection();
        }
        else {
            end(this.transport::loseConnection);
        }
    }

    /** Sends what the screen holds, then ends the session the way {@code how} does. */
    void end(Runnable how) {
        this.closing = true;
        flush();
        how.run();
    }

    private boolean isClosing() {
        return this.closing || this.transport.isDisconnecting();
    }

    private void flush() {
        byte[] bytes = this.screen.flush();
        if (bytes.length > 0) {
            this.transport.write(bytes);
        }
    }

    /** Hands the editor's lines and events to the wrapped protocol. */
    private final class Session implements LineEditor.Session {

        @Override
        public void lineReceived(String line) {
            byte[] text = line.getBytes(StandardCharsets.UTF_8);
            byte[] data = new byte[text.length + CRLF.length];
            System.arraycopy(text, 0, data, 0, text.length);
            System.arraycopy(CRLF, 0, data, text.length, CRLF.length);
            LineDiscipline.this.wrappedProtocol.dataReceived(data);
        }

        @Override
        public void interrupted() {
            if (LineDiscipline.this.wrappedProtocol instanceof Interruptible interruptible) {
                interruptible.interrupted();
            }
        }

        @Override
        public void endOfInput() {
            close(false);
        }

        @Override
        public boolean isClosing() {
            return LineDiscipline.this.isClosing();
        }
    }
}
