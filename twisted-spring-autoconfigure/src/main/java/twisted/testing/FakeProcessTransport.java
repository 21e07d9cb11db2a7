package twisted.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import twisted.defer.Failure;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessExitedAlreadyException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.internet.process.ProcessProtocol;
import twisted.internet.process.ProcessProtocolDriver;
import twisted.internet.process.ProcessSignals;
import twisted.internet.process.ProcessTransport;

/**
 * A {@link ProcessTransport} with no process behind it, for testing a {@link ProcessProtocol}
 * without starting programs: it records what the protocol writes, closes and signals, and the
 * test plays the child by calling {@link #deliverOut}, {@link #deliverErr}, {@link #childClosed},
 * {@link #exit} or {@link #exitBySignal}. {@link MemoryReactor#spawnProcess} hands these out.
 *
 * <pre>{@code
 * FakeProcessTransport child = FakeProcessTransport.connect(protocol, 1234);
 * child.deliverOut("Linux\n".getBytes(StandardCharsets.US_ASCII));
 * child.exit(0);      // processExited, every pipe's ...ConnectionLost, then processEnded
 * }</pre>
 *
 * <p>Everything happens synchronously on the test's thread, including the
 * {@code ...ConnectionLost} callback that follows {@code closeStdout()}; a real transport calls
 * it later. The protocol is called in the same order as by a real one (through the same
 * {@link ProcessProtocolDriver}). A signal is only recorded: the test decides whether the child
 * dies of it. Not thread-safe.
 *
 * @since 0.1.0
 */
public final class FakeProcessTransport implements ProcessTransport {

    private final long pid;

    private final ProcessProtocolDriver driver;

    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();

    private final boolean[] closedByProtocol = new boolean[3];

    private final List<String> signals = new ArrayList<>();

    private FakeProcessTransport(ProcessProtocol protocol, long pid) {
        this.pid = pid;
        this.driver = new ProcessProtocolDriver(protocol, "fake[" + pid + "]", this::loseConnection);
    }

    /**
     * Connects a protocol to a new fake child: calls its {@code makeConnection}.
     *
     * @param protocol the protocol under test
     * @param pid the process id to pretend
     * @return the transport
     */
    public static FakeProcessTransport connect(ProcessProtocol protocol, long pid) {
        FakeProcessTransport transport = new FakeProcessTransport(Objects.requireNonNull(protocol, "protocol"), pid);
        transport.driver.connectionMade(transport);
        return transport;
    }

    // ------------------------------------------------------------------ ProcessTransport

    @Override
    public long pid() {
        return this.pid;
    }

    /** Records the bytes, unless stdin is closed (then they are dropped, as by a real transport). */
    @Override
    public void write(byte[] data) {
        if (this.driver.isOpen(0)) {
            this.stdin.writeBytes(data);
        }
    }

    @Override
    public void writeToChild(int fd, byte[] data) {
        if (fd != 0) {
            throw new IllegalArgumentException("fd (" + fd + ") cannot be written to: only stdin (0) can");
        }
        write(data);
    }

    @Override
    public void closeStdin() {
        closeChildFD(0);
    }

    @Override
    public void closeStdout() {
        closeChildFD(1);
    }

    @Override
    public void closeStderr() {
        closeChildFD(2);
    }

    @Override
    public void closeChildFD(int fd) {
        if (fd < 0 || fd > 2) {
            throw new IllegalArgumentException("fd (" + fd + ") is not one of the child's pipes (0, 1, 2); "
                    + "childFDs are not supported");
        }
        this.closedByProtocol[fd] = true;
        this.driver.childConnectionLost(fd);
    }

    /** Records the signal's normalized name. */
    @Override
    public void signalProcess(String signal) {
        String name = ProcessSignals.normalize(signal);
        requireAlive(name);
        this.signals.add(name);
    }

    /** Records the signal's number, as a string. */
    @Override
    public void signalProcess(int signal) {
        if (signal <= 0) {
            throw new IllegalArgumentException("signal (" + signal + ") must be positive");
        }
        requireAlive(Integer.toString(signal));
        this.signals.add(Integer.toString(signal));
    }

    private void requireAlive(String signal) {
        if (this.driver.hasExited()) {
            throw new ProcessExitedAlreadyException("fake[" + this.pid + "] has already exited: signal " + signal
                    + " not sent");
        }
    }

    // ------------------------------------------------------------------ what the protocol did

    /**
     * What the protocol wrote to stdin, for tests.
     *
     * @return a copy of the bytes
     */
    public byte[] value() {
        return this.stdin.toByteArray();
    }

    /** Forgets what was written to stdin, for tests. */
    public void clear() {
        this.stdin.reset();
    }

    /**
     * The signals the protocol sent, in order: names as {@code "TERM"}, numbers as {@code "9"}.
     *
     * @return a read-only list
     */
    public List<String> signals() {
        return Collections.unmodifiableList(this.signals);
    }

    /**
     * Whether the protocol closed one of the pipes (with {@code closeStdin()} and friends or
     * {@code loseConnection()}).
     *
     * @param fd 0, 1 or 2
     * @return {@code true} once closed by the protocol
     */
    public boolean isClosedByProtocol(int fd) {
        return this.closedByProtocol[fd];
    }

    // ------------------------------------------------------------------ playing the child

    /**
     * The child writes to its stdout.
     *
     * @param data the bytes
     */
    public void deliverOut(byte[] data) {
        this.driver.childDataReceived(1, data);
    }

    /**
     * The child writes to its stderr.
     *
     * @param data the bytes
     */
    public void deliverErr(byte[] data) {
        this.driver.childDataReceived(2, data);
    }

    /**
     * The child closes one of its pipes.
     *
     * @param fd 0, 1 or 2
     */
    public void childClosed(int fd) {
        this.driver.childConnectionLost(fd);
    }

    /**
     * The child exits: {@code processExited}, the pipes still open close, then
     * {@code processEnded}.
     *
     * @param exitCode 0 for {@link ProcessDoneException}, anything else for a
     *                 {@link ProcessTerminatedException}
     */
    public void exit(int exitCode) {
        end((exitCode == 0) ? new ProcessDoneException() : ProcessTerminatedException.exited(exitCode));
    }

    /**
     * The child is killed by a signal, like {@link #exit} with a {@link ProcessTerminatedException}
     * whose {@code signal} is set.
     *
     * @param signal the signal's number
     */
    public void exitBySignal(int signal) {
        end(ProcessTerminatedException.killedBy(signal));
    }

    private void end(Exception reason) {
        if (this.driver.hasExited()) {
            throw new IllegalStateException("fake[" + this.pid + "] has already exited");
        }
        this.driver.processExited(new Failure(reason));
        for (int fd = 0; fd < 3; fd++) {
            this.driver.childConnectionLost(fd);
        }
    }

    @Override
    public String toString() {
        return "FakeProcessTransport[" + this.pid + "]";
    }
}
