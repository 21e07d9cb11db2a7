package twisted.internet.process;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.error.ProcessExitedAlreadyException;

/**
 * Runs a program and gives its output or exit code as a {@link Deferred}: the one-liners over
 * {@link ProcessReactor#spawnProcess}.
 *
 * <pre>{@code
 * ProcessUtils.getProcessOutput(reactor, "uname", List.of("-a"))
 *     .thenApply(out -> new String(out, StandardCharsets.UTF_8));
 * }</pre>
 *
 * <p><b>{@link #getProcessOutput} fails as soon as the process writes anything to stderr</b>,
 * even a warning from a program that then succeeds, with an {@link UnexpectedErrorOutputException};
 * pass {@code errortoo = true} to get stderr mixed into the output instead, or use
 * {@link #getProcessOutputAndValue}. It ignores the exit code. Both are Twisted's behaviour.
 *
 * <p>Unlike {@code spawnProcess}, {@code args} here are only the arguments: the executable is put
 * in front as argv[0]. As in Twisted, the short forms run the program with an <em>empty</em>
 * environment (Twisted's default {@code env={}}); pass {@code null} to inherit this JVM's.
 *
 * <p>Call these on the reactor thread; the Deferreds fire there. Cancelling one kills the process
 * ({@code KILL}) and fails the Deferred with {@code CancelledException}. A program that cannot
 * be started fails the Deferred with the {@link UncheckedIOException} that the protocol is told
 * (Twisted reports it as output on stderr, or exit code 1). When the reactor's limit of
 * processes starting at once is reached, the Deferred fails at once with the
 * {@link RejectedExecutionException} from {@code spawnProcess}.
 *
 * <p>Twisted: {@code twisted.internet.utils}.
 *
 * @since 0.1.0
 */
public final class ProcessUtils {

    private ProcessUtils() {
    }

    /**
     * Runs a program with an empty environment and gives what it wrote to stdout; see
     * {@link #getProcessOutput(ProcessReactor, String, List, Map, Path, boolean)}.
     *
     * @param reactor the reactor
     * @param executable the program
     * @param args the arguments, without argv[0]
     * @return stdout, once the process has ended
     */
    public static Deferred<byte[]> getProcessOutput(ProcessReactor reactor, String executable, List<String> args) {
        return getProcessOutput(reactor, executable, args, Map.of(), null, false);
    }

    /**
     * Runs a program and gives what it wrote to stdout once it has ended, whatever its exit code.
     * <b>If it writes anything to stderr, the Deferred fails at once</b> with an
     * {@link UnexpectedErrorOutputException} and the process's pipes are closed, unless
     * {@code errortoo} is set. Twisted: {@code utils.getProcessOutput}.
     *
     * @param reactor the reactor
     * @param executable the program
     * @param args the arguments, without argv[0]
     * @param env the whole environment, or {@code null} to inherit this JVM's
     * @param path the working directory, or {@code null} for this JVM's
     * @param errortoo whether stderr goes into the output (in arrival order) instead of failing
     * @return stdout, or stdout and stderr mixed
     */
    public static Deferred<byte[]> getProcessOutput(ProcessReactor reactor, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path, boolean errortoo) {
        return run(reactor, result -> new OutputGetter(result, errortoo), executable, args, env, path);
    }

    /**
     * Runs a program with an empty environment and gives its exit code; see
     * {@link #getProcessValue(ProcessReactor, String, List, Map, Path)}.
     *
     * @param reactor the reactor
     * @param executable the program
     * @param args the arguments, without argv[0]
     * @return the exit code
     */
    public static Deferred<Integer> getProcessValue(ProcessReactor reactor, String executable, List<String> args) {
        return getProcessValue(reactor, executable, args, Map.of(), null);
    }

    /**
     * Runs a program and gives its exit code, ignoring its output. Twisted:
     * {@code utils.getProcessValue}, which gives {@code None} when a signal killed the process;
     * this fails with the {@link twisted.internet.error.ProcessTerminatedException} instead, whose
     * {@code signal()} says which.
     *
     * @param reactor the reactor
     * @param executable the program
     * @param args the arguments, without argv[0]
     * @param env the whole environment, or {@code null} to inherit this JVM's
     * @param path the working directory, or {@code null} for this JVM's
     * @return the exit code
     */
    public static Deferred<Integer> getProcessValue(ProcessReactor reactor, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        return run(reactor, ValueGetter::new, executable, args, env, path);
    }

    /**
     * Runs a program with an empty environment and gives its stdout, stderr and exit code; see
     * {@link #getProcessOutputAndValue(ProcessReactor, String, List, Map, Path)}.
     *
     * @param reactor the reactor
     * @param executable the program
     * @param args the arguments, without argv[0]
     * @return stdout, stderr and the exit code
     */
    public static Deferred<ProcessOutputAndValue> getProcessOutputAndValue(ProcessReactor reactor, String executable,
            List<String> args) {
        return getProcessOutputAndValue(reactor, executable, args, Map.of(), null);
    }

    /**
     * Runs a program and gives everything it wrote to stdout and to stderr, and its exit code.
     * When a signal kills it, fails with a {@link ProcessSignalException} carrying the output and
     * the signal. Twisted: {@code utils.getProcessOutputAndValue}.
     *
     * @param reactor the reactor
     * @param executable the program
     * @param args the arguments, without argv[0]
     * @param env the whole environment, or {@code null} to inherit this JVM's
     * @param path the working directory, or {@code null} for this JVM's
     * @return stdout, stderr and the exit code
     */
    public static Deferred<ProcessOutputAndValue> getProcessOutputAndValue(ProcessReactor reactor, String executable,
            List<String> args, @Nullable Map<String, String> env, @Nullable Path path) {
        return run(reactor, EverythingGetter::new, executable, args, env, path);
    }

    private static <T> Deferred<T> run(ProcessReactor reactor, Function<Deferred<T>, ProcessProtocol> protocolFor,
            String executable, List<String> args, @Nullable Map<String, String> env, @Nullable Path path) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(args, "args");
        AtomicReference<@Nullable ProcessTransport> child = new AtomicReference<>();
        Deferred<T> result = new Deferred<>(cancelled -> kill(child.get()));
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(executable);
        argv.addAll(args);
        try {
            child.set(reactor.spawnProcess(protocolFor.apply(result), executable, argv, env, path));
        }
        catch (RejectedExecutionException ex) {
            return Deferred.fail(ex);
        }
        return result;
    }

    /**
     * For the getters' {@code processEnded}: when the program could not be started, fails
     * {@code result} with the {@link UncheckedIOException} saying why.
     *
     * @return whether it could not be started
     */
    static boolean failedToStart(Failure reason, Deferred<?> result) {
        if (!(reason.value() instanceof UncheckedIOException)) {
            return false;
        }
        if (!result.isCalled()) {
            result.errback(reason);
        }
        return true;
    }

    private static void kill(@Nullable ProcessTransport child) {
        if (child == null) {
            return;
        }
        try {
            child.signalProcess("KILL");
        }
        catch (ProcessExitedAlreadyException ex) {
            // It ended on its own; the cancel still wins.
        }
    }
}
