package twisted.internet.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessTerminatedException;

/**
 * Starts real child processes for a reactor: {@code NettyReactor.spawnProcess} is this, so that
 * any reactor can offer processes the same way. Applications call {@code Reactor.spawnProcess}.
 *
 * <h2>Threads</h2>
 * The process is started on the calling thread ({@code fork} and {@code exec}, as Twisted does
 * on the reactor thread). Each process then has up to three platform daemon threads, named after
 * it ({@code twisted-process-cat-1234-stdout}, {@code -stderr}, {@code -stdin}): two read its
 * output, and one, started on the first write, writes to its stdin so that the reactor thread
 * never blocks on a full pipe. They hand every event to the reactor with
 * {@code callFromThread}, so protocol callbacks run on the reactor thread, each pipe's output in
 * order. A pipe's reader stops when 16 chunks (of up to 64 KiB) are waiting for the reactor, so a
 * busy reactor slows a chatty child down instead of buffering its output without bound. The exit
 * comes from {@link Process#onExit()}. If the reactor stops first, the readers close their pipes
 * and the events are dropped (logged once).
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

    private ProcessSpawner() {
    }

    /**
     * Starts the process and connects the protocol to it; see {@code Reactor.spawnProcess} for
     * the arguments' meaning.
     *
     * @param reactor delivers the protocol's callbacks on the reactor thread ({@code callFromThread});
     *        throws {@code ReactorNotRunningException} once the reactor has stopped
     * @param onReactorThread whether the caller is on the reactor thread
     * @param protocol the process's protocol
     * @param spec what to start
     * @return the transport
     * @throws UncheckedIOException when the program cannot be started
     * @throws twisted.internet.error.ReactorNotRunningException when the reactor has stopped (the
     *         process is then killed)
     */
    public static ProcessTransport spawn(Executor reactor, BooleanSupplier onReactorThread, ProcessProtocol protocol,
            ProcessSpec spec) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(onReactorThread, "onReactorThread");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(spec, "spec");
        if (!spec.args().isEmpty() && spec.args().get(0).startsWith("-")) {
            log.warn("spawnProcess({}): args[0] ({}) is argv[0], the program's name, and is not passed as an "
                    + "argument; start args with the program's name", spec.executable(), spec.args().get(0));
        }
        ProcessBuilder builder = new ProcessBuilder(spec.command());
        if (spec.env() != null) {
            builder.environment().clear();
            builder.environment().putAll(spec.env());
        }
        Path path = spec.path();
        if (path != null) {
            builder.directory(path.toFile());
        }
        Process process;
        try {
            process = builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Failed to start [" + spec.executable() + "]"
                    + ((path != null) ? " in [" + path + "]" : "") + ": " + ex.getMessage(), ex);
        }
        SpawnedProcess spawned = new SpawnedProcess(reactor, onReactorThread, protocol, process, programName(spec.executable()));
        log.debug("Started {} {}", spawned, spec.command());
        spawned.begin();
        return spawned;
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
}
