package twisted.internet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;
import twisted.internet.error.ProcessExitedAlreadyException;
import twisted.internet.error.ReactorNotRunningException;

/**
 * A running child process as a {@link ProcessTransport}: its pipe threads report here, and this
 * hands each event to the reactor thread, where the {@link ProcessProtocolDriver} calls the
 * protocol. Its methods are safe from any thread and never block.
 */
final class SpawnedProcess implements ProcessTransport {

    private static final Logger log = LoggerFactory.getLogger(SpawnedProcess.class);

    /** Hands events to the reactor thread; throws ReactorNotRunningException once it has stopped. */
    private final Executor reactor;

    private final BooleanSupplier onReactorThread;

    private final Process process;

    private final String program;

    private final String logPrefix;

    /** Touched on the reactor thread only. */
    private final ProcessProtocolDriver driver;

    private final StdinWriter stdin;

    private final PipeReader stdout;

    private final PipeReader stderr;

    private final Set<Integer> signalsSent = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean reactorGone = new AtomicBoolean();

    private volatile boolean exited;

    SpawnedProcess(Executor reactor, BooleanSupplier onReactorThread, ProcessProtocol protocol, Process process,
            String program) {
        this.reactor = reactor;
        this.onReactorThread = onReactorThread;
        this.process = process;
        this.program = program;
        this.logPrefix = program + "[" + process.pid() + "]";
        this.driver = new ProcessProtocolDriver(protocol, this.logPrefix, this::loseConnection);
        this.stdin = new StdinWriter(this, process.getOutputStream());
        this.stdout = new PipeReader(this, 1, process.getInputStream());
        this.stderr = new PipeReader(this, 2, process.getErrorStream());
    }

    /** Connects the protocol (first), then starts reading and watching for the exit. */
    void begin() {
        if (this.onReactorThread.getAsBoolean()) {
            this.driver.connectionMade(this);
        }
        else {
            try {
                this.reactor.execute(() -> this.driver.connectionMade(this));
            }
            catch (ReactorNotRunningException ex) {
                this.process.destroyForcibly();
                throw ex;
            }
        }
        this.stdout.start();
        this.stderr.start();
        this.process.onExit().whenComplete((ignored, error) -> exited());
    }

    // ------------------------------------------------------------------ events from the pipe threads

    /** Hands an event to the reactor thread; {@code false} once the reactor has stopped. */
    boolean post(Runnable event) {
        try {
            this.reactor.execute(event);
            return true;
        }
        catch (ReactorNotRunningException ex) {
            if (this.reactorGone.compareAndSet(false, true)) {
                log.warn("{}: the reactor has stopped; the process's further events are dropped", this.logPrefix);
            }
            return false;
        }
    }

    boolean received(int fd, byte[] data, Runnable delivered) {
        return post(() -> {
            try {
                this.driver.childDataReceived(fd, data);
            }
            finally {
                delivered.run();
            }
        });
    }

    void pipeClosed(int fd) {
        post(() -> this.driver.childConnectionLost(fd));
    }

    private void exited() {
        Failure reason = new Failure(ProcessSpawner.exitReason(this.process.exitValue(), this.signalsSent));
        this.exited = true;
        log.debug("{} exited: {}", this.logPrefix, reason.getErrorMessage());
        this.stdin.close();
        post(() -> this.driver.processExited(reason));
    }

    String threadName(String pipe) {
        return "twisted-process-" + this.program + "-" + this.process.pid() + "-" + pipe;
    }

    // ------------------------------------------------------------------ ProcessTransport

    @Override
    public long pid() {
        return this.process.pid();
    }

    @Override
    public void write(byte[] data) {
        this.stdin.write(data);
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
        this.stdin.close();
    }

    @Override
    public void closeStdout() {
        this.stdout.close();
    }

    @Override
    public void closeStderr() {
        this.stderr.close();
    }

    @Override
    public void closeChildFD(int fd) {
        switch (fd) {
            case 0 -> closeStdin();
            case 1 -> closeStdout();
            case 2 -> closeStderr();
            default -> throw new IllegalArgumentException("fd (" + fd + ") is not one of the child's pipes (0, 1, 2); "
                    + "childFDs are not supported");
        }
    }

    @Override
    public void signalProcess(String signal) {
        String name = ProcessSignals.normalize(signal);
        requireAlive(name);
        OptionalInt number = ProcessSignals.number(name);
        number.ifPresent(this.signalsSent::add);
        switch (name) {
            case "TERM" -> this.process.destroy();
            case "KILL" -> this.process.destroyForcibly();
            default -> kill("-s", name);
        }
    }

    @Override
    public void signalProcess(int signal) {
        if (signal <= 0) {
            throw new IllegalArgumentException("signal (" + signal + ") must be positive");
        }
        requireAlive(Integer.toString(signal));
        this.signalsSent.add(signal);
        switch (signal) {
            case 15 -> this.process.destroy();
            case 9 -> this.process.destroyForcibly();
            default -> kill("-" + signal);
        }
    }

    private void requireAlive(String signal) {
        if (this.exited || !this.process.isAlive()) {
            throw new ProcessExitedAlreadyException(this.logPrefix + " has already exited: signal " + signal + " not sent");
        }
    }

    private void kill(String... signal) {
        List<String> command = new ArrayList<>(List.of("kill"));
        command.addAll(List.of(signal));
        command.add(Long.toString(this.process.pid()));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            kill.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) {
                    log.warn("{}: {} exited with {}", this.logPrefix, command, done.exitValue());
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Failed to run " + command + " to signal " + this.logPrefix, ex);
        }
    }

    @Override
    public String toString() {
        return this.logPrefix;
    }
}
