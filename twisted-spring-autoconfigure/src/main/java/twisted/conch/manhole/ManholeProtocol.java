package twisted.conch.manhole;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.conch.recvline.Interruptible;
import twisted.defer.Failure;
import twisted.protocols.basic.LineOnlyReceiver;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * The administrative shell as a protocol: lines in, JShell's answers and a prompt out. Twisted:
 * {@code twisted.conch.manhole.Manhole}.
 *
 * <pre>{@code
 * ManholeInterpreter interpreter = ManholeInterpreter.builder().namespace(beans).user(avatarId)
 *         .peer(peer.toString()).callbacks(reactor).start();
 * Protocol shell = new ManholeProtocol(interpreter, reactor, Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>It takes lines ended by {@code "\r\n"} (what {@code twisted.conch.recvline}'s line
 * discipline delivers) or by {@code "\n"} alone (a plain socket), at most 16384 bytes each
 * (a longer one closes the connection), and writes lines ended by {@code "\n"} (the line
 * discipline turns them into CRLF for the terminal). It shows {@value #PROMPT} when it waits for
 * a snippet and {@value #CONTINUATION} when the snippet so far is unfinished; lines typed while a
 * snippet runs wait their turn (at most {@value #MAX_QUEUED_LINES}; more closes the connection)
 * and are evaluated one after the other, as a terminal would, their answers following each other
 * with one prompt after the last. {@code /exit} closes the session.
 *
 * <p>{@link #interrupted()} (Ctrl-C from the line discipline) stops the running snippet and drops
 * the lines waiting and the unfinished snippet. A snippet that runs longer than the timeout is
 * stopped the same way. Losing the connection closes the interpreter.
 *
 * <p>All methods run on the reactor thread, as every protocol's do; the interpreter's answers are
 * expected there too (build it with the reactor as its callbacks executor).
 *
 * @since 0.1.0
 */
public class ManholeProtocol extends LineOnlyReceiver implements Interruptible {

    /** The prompt for a new snippet, as the jshell tool's. */
    public static final String PROMPT = "jshell> ";

    /** The prompt for the next line of an unfinished snippet, as the jshell tool's. */
    public static final String CONTINUATION = "   ...> ";

    /** Most lines kept waiting while a snippet runs. */
    public static final int MAX_QUEUED_LINES = 1000;

    private static final Logger log = LoggerFactory.getLogger(ManholeProtocol.class);

    private final ManholeInterpreter interpreter;

    private final ReactorTime clock;

    private final @Nullable Duration timeout;

    private final Deque<String> queued = new ArrayDeque<>();

    private boolean busy = true;

    private boolean incomplete;

    private @Nullable DelayedCall deadline;

    /**
     * A shell over a started interpreter, which it closes when the connection is lost.
     *
     * @param interpreter the session's interpreter, with the reactor as its callbacks executor
     * @param clock the reactor, for the timeout
     * @param timeout how long a snippet may run before it is stopped; {@code null} for ever
     */
    public ManholeProtocol(ManholeInterpreter interpreter, ReactorTime clock, @Nullable Duration timeout) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must be positive");
        }
        this.timeout = timeout;
        setDelimiter(new byte[] { '\n' });
    }

    /** Greets, and shows the prompt once the interpreter is ready (or why it is not, then closes). */
    @Override
    public void connectionMade() {
        write("|  Manhole: jshell inside the application. Every snippet is audit-logged. /exit to leave.\n");
        this.interpreter.whenReady().addCallbacks(ready -> {
            idle();
            return null;
        }, failure -> {
            write("|  The shell could not start: " + failure.value().getMessage() + "\n");
            this.transport.loseConnection();
            return null;
        });
    }

    @Override
    public void lineReceived(String line) {
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (this.busy) {
            if (this.queued.size() >= MAX_QUEUED_LINES) {
                log.warn("{}: more than {} lines waiting for the manhole; closing", this.transport.logPrefix(),
                        MAX_QUEUED_LINES);
                write("|  Too many lines waiting (at most " + MAX_QUEUED_LINES + "): closing\n");
                this.transport.loseConnection();
                this.queued.clear();
                return;
            }
            this.queued.add(text);
            return;
        }
        evaluate(text);
    }

    private void evaluate(String line) {
        if (!this.incomplete && line.strip().equals("/exit")) {
            this.transport.loseConnection();
            return;
        }
        this.busy = true;
        if (this.timeout != null) {
            this.deadline = this.clock.callLater(this.timeout, this::timedOut);
        }
        this.interpreter.push(line).addCallbacks(evaluation -> {
            cancelDeadline();
            this.incomplete = evaluation.incomplete();
            write(evaluation.output());
            idle();
            return null;
        }, failure -> {
            cancelDeadline();
            if (isConnected()) {
                log.warn("{}: the manhole failed", this.transport.logPrefix(), failure.value());
                write("|  " + failure.value().getMessage() + "\n");
                this.transport.loseConnection();
            }
            return null;
        });
    }

    /** Ready for the next line: the next waiting one, or the prompt. */
    private void idle() {
        if (!isConnected() || this.transport.isDisconnecting()) {
            return;
        }
        this.busy = false;
        String next = this.queued.poll();
        if (next != null) {
            evaluate(next);
        }
        else {
            write(this.incomplete ? CONTINUATION : PROMPT);
        }
    }

    private void timedOut() {
        this.deadline = null;
        write("|  The snippet ran longer than " + this.timeout + ": stopping it\n");
        this.interpreter.interrupt();
    }

    private void cancelDeadline() {
        DelayedCall call = this.deadline;
        this.deadline = null;
        if (call != null && call.active()) {
            call.cancel();
        }
    }

    /**
     * Ctrl-C: stops the running snippet, drops the waiting lines and the unfinished snippet.
     * When nothing runs, shows a fresh prompt. Twisted: {@code handle_INT}.
     */
    @Override
    public void interrupted() {
        this.queued.clear();
        this.interpreter.interrupt();
        this.incomplete = false;
        if (!this.busy) {
            write(PROMPT);
        }
    }

    /** Closes the interpreter. */
    @Override
    public void connectionLost(Failure reason) {
        cancelDeadline();
        this.queued.clear();
        this.interpreter.close();
    }

    private void write(String text) {
        if (!text.isEmpty() && isConnected()) {
            this.transport.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
