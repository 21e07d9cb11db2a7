package twisted.internet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.internet.error.ReactorNotRunningException;

/**
 * Starts real child processes for a reactor: {@code NettyReactor.spawnProcess} is this, so that
 * any reactor can offer processes the same way. Applications call {@code Reactor.spawnProcess}.
 *
 * <h2>Threads</h2>
 * {@link #spawn} never starts the process on the calling thread: starting one ({@code fork} and
 * {@code exec}, in {@link ProcessBuilder#start()}) takes milliseconds, more under load, and the
 * reactor thread must not wait for it. It checks the arguments, reserves one of the
 * {@code maxSpawnsInFlight} places, hands the start to this spawner's own two daemon threads
 * ({@code <reactor>-spawn-N}, idle ones end after a minute) and returns the transport at once.
 * Once the process exists, the transport is handed to the reactor thread, where the protocol's
 * {@code makeConnection} runs first. What the transport is asked to do before that (writes,
 * closes, signals) waits and is done, in order, right after {@code connectionMade}, which is
 * where the same calls would come in Twisted, whose {@code spawnProcess} returns after
 * {@code makeConnection}. The starting threads are not the reactor's pool: starts never wait
 * behind blocking {@code deferToThread} work, nor hold it up.
 *
 * <p>Each process then has up to three platform daemon threads, named after it
 * ({@code twisted-process-cat-1234-stdout}, {@code -stderr}, {@code -stdin}): two read its output,
 * and one, started on the first write, writes to its stdin so that the reactor thread never
 * blocks on a full pipe. They hand every event to the reactor with {@code callFromThread}, so
 * protocol callbacks run on the reactor thread, each pipe's output in order. A pipe's reader stops
 * when 16 chunks (of up to 64 KiB) are waiting for the reactor, so a busy reactor slows a chatty
 * child down instead of buffering its output without bound. The exit comes from
 * {@link Process#onExit()}. If the reactor stops first, the readers close their pipes and the
 * events are dropped (logged once); a process whose start completes after the reactor stopped is
 * killed.
 *
 * <h2>Limits and failures</h2>
 * At most {@code maxSpawnsInFlight} processes may be starting at once (asked for, not yet
 * started); {@link #spawn} refuses one more at once with a {@link RejectedExecutionException}
 * that names the limit. A program that cannot be started (not found, not executable, a missing
 * working directory) is reported the Twisted way, to the protocol: {@code makeConnection}, then
 * the three pipes lost, then {@code processExited} and {@code processEnded} with an
 * {@link UncheckedIOException} saying why.
 *
 * <h2>Signals</h2>
 * {@code TERM} is {@link Process#destroy()} and {@code KILL} {@link Process#destroyForcibly()};
 * any other signal is sent by running {@code kill -s NAME pid} (or {@code kill -N pid}), without
 * waiting for it; a {@code kill} that fails is logged.
 *
 * <h2>Exit codes and signals</h2>
 * On Unix the JDK reports a child killed by signal N as exit value 128 + N, exactly as if it had
 * called {@code exit(128 + N)}. The rule here: an exit value of 128 + N is reported as "killed by
 * signal N" ({@link ProcessTerminatedException#signal()} set, {@code exitCode} null) when this
 * transport sent signal N to the process; any other non-zero value is an exit code. So a process
 * killed from outside (by the OOM killer, or a user's {@code kill -9}) reads as exit code 137, and
 * one that answers a TERM this transport sent by calling {@code exit(143)} reads as killed by
 * TERM. Twisted, which sees the raw wait status, has no such ambiguity.
 *
 * <p><b>For implementations</b> of the reactor and of the test kit, not for applications: it is
 * public only because those live in other packages.
 *
 * @since 0.1.0
 */
public final class ProcessSpawner {

    private static final Logger log = LoggerFactory.getLogger(ProcessSpawner.class);

    /** Threads that run {@link ProcessBuilder#start()}; starting is short, so two are plenty. */
    static final int STARTING_THREADS = 2;

    private final String name;

    private final Executor reactor;

    private final int maxSpawnsInFlight;

    private final Launcher launcher;

    private final ThreadPoolExecutor starting;

    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * Creates a spawner.
     *
     * @param name the reactor's name: the prefix of the starting threads' names, and part of
     *        error messages
     * @param reactor delivers the protocol's callbacks on the reactor thread ({@code callFromThread});
     *        throws {@code ReactorNotRunningException} once the reactor has stopped
     * @param maxSpawnsInFlight how many processes may be starting at once, at least 1
     */
    public ProcessSpawner(String name, Executor reactor, int maxSpawnsInFlight) {
        this(name, reactor, maxSpawnsInFlight, ProcessBuilder::start);
    }

    /** With another way to start a process: tests make starting slow, or fail. */
    ProcessSpawner(String name, Executor reactor, int maxSpawnsInFlight, Launcher launcher) {
        this.name = Objects.requireNonNull(name, "name");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        if (maxSpawnsInFlight < 1) {
            throw new IllegalArgumentException("maxSpawnsInFlight (" + maxSpawnsInFlight + ") must be at least 1");
        }
        this.maxSpawnsInFlight = maxSpawnsInFlight;
        this.starting = new ThreadPoolExecutor(STARTING_THREADS, STARTING_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads(name + "-spawn-"));
        this.starting.allowCoreThreadTimeOut(true);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Asks for the process to be started and returns its transport at once; see
     * {@code Reactor.spawnProcess} for the arguments' meaning. Never blocks, from any thread.
     *
     * @param protocol the process's protocol
     * @param spec what to start
     * @return the transport, connected to the protocol later, on the reactor thread
     * @throws RejectedExecutionException when {@code maxSpawnsInFlight} processes are already
     *         starting
     * @throws ReactorNotRunningException after {@link #shutdown()}
     */
    public ProcessTransport spawn(ProcessProtocol protocol, ProcessSpec spec) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(spec, "spec");
        if (!spec.args().isEmpty() && spec.args().get(0).startsWith("-")) {
            log.warn("spawnProcess({}): args[0] ({}) is argv[0], the program's name, and is not passed as an "
                    + "argument; start args with the program's name", spec.executable(), spec.args().get(0));
        }
        ProcessBuilder builder = builder(spec);
        if (this.inFlight.incrementAndGet() > this.maxSpawnsInFlight) {
            this.inFlight.decrementAndGet();
            throw new RejectedExecutionException("spawnProcess(" + spec.executable() + ") refused: "
                    + this.maxSpawnsInFlight + " processes are already starting on reactor " + this.name
                    + ", its limit (twisted.reactor.max-spawns-in-flight, NettyReactor.Builder.maxSpawnsInFlight)");
        }
        SpawnedProcess spawned = new SpawnedProcess(this.reactor, protocol, programName(spec.executable()));
        try {
            this.starting.execute(() -> start(spawned, builder, spec));
        }
        catch (RejectedExecutionException ex) {
            this.inFlight.decrementAndGet();
            throw new ReactorNotRunningException("reactor " + this.name + " has stopped: spawnProcess("
                    + spec.executable() + ") refused");
        }
        return spawned;
    }

    private static ProcessBuilder builder(ProcessSpec spec) {
        ProcessBuilder builder = new ProcessBuilder(spec.command());
        if (spec.env() != null) {
            builder.environment().clear();
            builder.environment().putAll(spec.env());
        }
        Path path = spec.path();
        if (path != null) {
            builder.directory(path.toFile());
        }
        return builder;
    }

    /** On a starting thread. */
    private void start(SpawnedProcess spawned, ProcessBuilder builder, ProcessSpec spec) {
        Process process;
        try {
            process = this.launcher.start(builder);
        }
        catch (Throwable ex) {
            // An Error too (no memory for the JDK's process reaper thread): the protocol must hear of it.
            Path path = spec.path();
            UncheckedIOException failure = new UncheckedIOException("Failed to start [" + spec.executable() + "]"
                    + ((path != null) ? " in [" + path + "]" : "") + ": " + ex.getMessage(),
                    (ex instanceof IOException io) ? io : new IOException(ex));
            log.debug("{}", failure.getMessage(), ex);
            spawned.failedToStart(failure);
            return;
        }
        finally {
            this.inFlight.decrementAndGet();
        }
        log.debug("Started {} {}", process.pid(), spec.command());
        spawned.started(process);
    }

    /**
     * How many processes are starting now: asked for, and not yet started or failed.
     *
     * @return the number, at most {@code maxSpawnsInFlight}
     */
    public int spawnsInFlight() {
        return this.inFlight.get();
    }

    /**
     * Refuses further spawns; the starts already asked for still run, and their processes are
     * killed if the reactor has stopped by then. Called when the reactor stops.
     */
    public void shutdown() {
        this.starting.shutdown();
    }

    private static String programName(String executable) {
        Path name = Path.of(executable).getFileName();
        return (name != null) ? name.toString() : executable;
    }

    /**
     * The reason a process ended, by the rule in this class's javadoc.
     *
     * @param exitValue what {@link Process#exitValue()} said
     * @param signalsSent the numbers of the signals sent to the process
     * @return a {@code ProcessDoneException} or a {@code ProcessTerminatedException}
     */
    static Exception exitReason(int exitValue, Set<Integer> signalsSent) {
        if (exitValue == 0) {
            return new ProcessDoneException();
        }
        int signal = exitValue - 128;
        if (signal > 0 && signalsSent.contains(signal)) {
            return ProcessTerminatedException.killedBy(signal);
        }
        return ProcessTerminatedException.exited(exitValue);
    }

    /** Starts a process: {@link ProcessBuilder#start()}, or a test's stand-in. */
    @FunctionalInterface
    interface Launcher {

        Process start(ProcessBuilder builder) throws IOException;
    }
}
