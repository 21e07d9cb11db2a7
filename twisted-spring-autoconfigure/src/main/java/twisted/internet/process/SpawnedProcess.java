package twisted.internet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;
import twisted.internet.error.ProcessExitedAlreadyException;
import twisted.internet.error.ReactorNotRunningException;

/**
 * A child process as a {@link ProcessTransport}, from the moment {@code spawnProcess} returns: it
 * exists before the process does. {@link ProcessSpawner} reports the start ({@link #started}) or
 * its failure ({@link #failedToStart}) from a starting thread; the pipe threads report the
 * output; this hands each event to the reactor thread, where the {@link ProcessProtocolDriver}
 * calls the protocol, {@code makeConnection} first.
 *
 * <p>Transport calls made before the protocol is connected are queued and run, in order, right
 * after {@code connectionMade}; those made by {@code connectionMade} itself run at once. Its
 * methods are safe from any thread and never block.
 */
final class SpawnedProcess implements ProcessTransport {

    private static final Logger log = LoggerFactory.getLogger(SpawnedProcess.class);

    /** Hands events to the reactor thread; throws ReactorNotRunningException once it has stopped. */
    private final Executor reactor;

    private final ProcessProtocol protocol;

    private final String program;

    private final Set<Integer> signalsSent = ConcurrentHashMap.newKeySet();

    private final AtomicBoolean reactorGone = new AtomicBoolean();

    /** {@code program[pid]} once started; {@code program[starting]} before. */
    private volatile String logPrefix;

    private volatile @Nullable Process process;

    /** Set once the process has started; guarded by {@code this}. */
    private @Nullable Pipes pipes;

    /** Set once the start failed; guarded by {@code this}. */
    private boolean failed;

    /** Calls waiting for the protocol to be connected; {@code null} from then on. Guarded by {@code this}. */
    private @Nullable List<Consumer<Pipes>> waiting = new ArrayList<>();

    /** The thread connecting the protocol (the reactor's), whose calls run at once. Guarded by {@code this}. */
    private @Nullable Thread connecting;

    /** Set on the reactor thread before the first event; touched there only. */
    private @Nullable ProcessProtocolDriver driver;

    private volatile boolean exited;

    SpawnedProcess(Executor reactor, ProcessProtocol protocol, String program) {
        this.reactor = reactor;
        this.protocol = protocol;
        this.program = program;
        this.logPrefix = program + "[starting]";
    }

    // ------------------------------------------------------------------ the start, from a starting thread

    /** The process exists: connect the protocol on the reactor thread, then read its pipes. */
    void started(Process started) {
        this.process = started;
        this.logPrefix = this.program + "[" + started.pid() + "]";
        Pipes open = new Pipes(started, new StdinWriter(this, started.getOutputStream()),
                new PipeReader(this, 1, started.getInputStream()), new PipeReader(this, 2, started.getErrorStream()));
        ProcessProtocolDriver starting = new ProcessProtocolDriver(this.protocol, this.logPrefix, this::loseConnection);
        synchronized (this) {
            this.pipes = open;
        }
        try {
            this.reactor.execute(() -> connect(starting));
        }
        catch (ReactorNotRunningException ex) {
            log.warn("{}: the reactor stopped while the process was starting; killing it", this.logPrefix);
            started.destroyForcibly();
            return;
        }
        // Started after connect was queued, so that every event they post reaches the reactor after it.
        open.stdout.start();
        open.stderr.start();
        started.onExit().whenComplete((ignored, error) -> exited());
    }

    /** The process could not be started: tell the protocol the Twisted way, on the reactor thread. */
    void failedToStart(UncheckedIOException reason) {
        this.logPrefix = this.program + "[not started]";
        ProcessProtocolDriver starting = new ProcessProtocolDriver(this.protocol, this.logPrefix, () -> { });
        synchronized (this) {
            this.failed = true;
        }
        this.exited = true;
        post(() -> {
            connect(starting);
            Failure failure = new Failure(reason);
            for (int fd = 0; fd < 3; fd++) {
                starting.childConnectionLost(fd);
            }
            starting.processExited(failure);
        });
    }

    /** On the reactor thread: {@code makeConnection}, then the calls that waited for it, in order. */
    private void connect(ProcessProtocolDriver starting) {
        this.driver = starting;
        synchronized (this) {
            this.connecting = Thread.currentThread();
        }
        starting.connectionMade(this);
        while (true) {
            List<Consumer<Pipes>> calls;
            Pipes open;
            synchronized (this) {
                calls = this.waiting;
                open = this.pipes;
                if (calls == null || calls.isEmpty()) {
                    this.waiting = null;
                    this.connecting = null;
                    return;
                }
                this.waiting = new ArrayList<>();
            }
            for (Consumer<Pipes> call : calls) {
                runWaiting(call, open);
            }
        }
    }

    private void runWaiting(Consumer<Pipes> call, @Nullable Pipes open) {
        if (open == null) {
            log.debug("{}: a transport call made before the start failed is dropped", this.logPrefix);
            return;
        }
        try {
            call.accept(open);
        }
        catch (RuntimeException ex) {
            log.warn("{}: a transport call made while the process was starting failed: {}", this.logPrefix,
                    ex.getMessage());
        }
    }

    /**
     * Runs {@code call} now when the protocol is connected (or from {@code connectionMade}), or
     * queues it until then. Dropped when the process did not start.
     */
    private void whenConnected(Consumer<Pipes> call) {
        Pipes open;
        synchronized (this) {
            List<Consumer<Pipes>> calls = this.waiting;
            if (calls != null && this.connecting != Thread.currentThread()) {
                calls.add(call);
                return;
            }
            open = this.pipes;
        }
        if (open != null) {
            call.accept(open);
        }
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
                driver().childDataReceived(fd, data);
            }
            finally {
                delivered.run();
            }
        });
    }

    void pipeClosed(int fd) {
        post(() -> driver().childConnectionLost(fd));
    }

    private void exited() {
        Process child = Objects.requireNonNull(this.process);
        Failure reason = new Failure(ProcessSpawner.exitReason(child.exitValue(), this.signalsSent));
        this.exited = true;
        log.debug("{} exited: {}", this.logPrefix, reason.getErrorMessage());
        whenConnected(open -> open.stdin.close());
        post(() -> driver().processExited(reason));
    }

    /** Events reach the reactor after {@link #connect}, which sets the driver. */
    private ProcessProtocolDriver driver() {
        return Objects.requireNonNull(this.driver, "an event reached the reactor before the process was connected");
    }

    String threadName(String pipe) {
        Process child = this.process;
        return "twisted-process-" + this.program + "-" + ((child != null) ? child.pid() : "starting") + "-" + pipe;
    }

    // ------------------------------------------------------------------ ProcessTransport

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException while the process is starting (the pid is known from
     *         {@code connectionMade} on), or when it could not be started
     */
    @Override
    public long pid() {
        Process child = this.process;
        if (child != null) {
            return child.pid();
        }
        synchronized (this) {
            if (this.failed) {
                throw new IllegalStateException(this.logPrefix + ": the process could not be started; it has no pid");
            }
        }
        throw new IllegalStateException(this.logPrefix + ": the process is still starting; its pid is known from "
                + "connectionMade() on");
    }

    @Override
    public void write(byte[] data) {
        byte[] copy = Objects.requireNonNull(data, "data").clone();
        whenConnected(open -> open.stdin.write(copy));
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
        whenConnected(open -> open.stdin.close());
    }

    @Override
    public void closeStdout() {
        whenConnected(open -> open.stdout.close());
    }

    @Override
    public void closeStderr() {
        whenConnected(open -> open.stderr.close());
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
        requireNotFailed(name);
        whenConnected(open -> {
            requireAlive(name);
            OptionalInt number = ProcessSignals.number(name);
            number.ifPresent(this.signalsSent::add);
            switch (name) {
                case "TERM" -> open.process().destroy();
                case "KILL" -> open.process().destroyForcibly();
                default -> kill("-s", name);
            }
        });
    }

    @Override
    public void signalProcess(int signal) {
        if (signal <= 0) {
            throw new IllegalArgumentException("signal (" + signal + ") must be positive");
        }
        requireNotFailed(Integer.toString(signal));
        whenConnected(open -> {
            requireAlive(Integer.toString(signal));
            this.signalsSent.add(signal);
            switch (signal) {
                case 15 -> open.process().destroy();
                case 9 -> open.process().destroyForcibly();
                default -> kill("-" + signal);
            }
        });
    }

    private synchronized void requireNotFailed(String signal) {
        if (this.failed) {
            throw new ProcessExitedAlreadyException(this.logPrefix + " could not be started: signal " + signal
                    + " not sent");
        }
    }

    private void requireAlive(String signal) {
        Process child = this.process;
        if (this.exited || child == null || !child.isAlive()) {
            throw new ProcessExitedAlreadyException(this.logPrefix + " has already exited: signal " + signal + " not sent");
        }
    }

    private void kill(String... signal) {
        List<String> command = new ArrayList<>(List.of("kill"));
        command.addAll(List.of(signal));
        command.add(Long.toString(Objects.requireNonNull(this.process).pid()));
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

    /** What exists once the process has started. */
    private record Pipes(Process process, StdinWriter stdin, PipeReader stdout, PipeReader stderr) {
    }
}
