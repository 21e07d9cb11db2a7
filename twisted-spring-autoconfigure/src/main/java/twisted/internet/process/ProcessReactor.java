package twisted.internet.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A reactor that starts child processes and drives a {@link ProcessProtocol} with their output:
 * every {@code twisted.internet.Reactor} is one. Twisted: {@code IReactorProcess}.
 *
 * @since 0.1.0
 */
public interface ProcessReactor {

    /**
     * Starts a child process and connects {@code processProtocol} to its stdin, stdout and
     * stderr. {@link ProcessProtocol#makeConnection} runs before this returns when called on the
     * reactor thread, and as the first event on the reactor thread otherwise; every callback runs
     * on the reactor thread. Twisted: {@code reactor.spawnProcess}.
     *
     * <pre>{@code
     * reactor.spawnProcess(protocol, "ls", List.of("ls", "-l"), null, Path.of("/tmp"));
     * }</pre>
     *
     * <p><b>{@code args.get(0)} is argv[0], the program's name for itself, not its first
     * argument</b>, as in Twisted. The classic bug is {@code List.of("-l")}: {@code -l} is taken
     * as argv[0] and {@code ls} runs without it. Java cannot give a child an argv[0] of its own,
     * so the child sees {@code executable} there and {@code args.get(0)} is dropped.
     *
     * <p>{@code env}: {@code null} passes on this JVM's environment; a map, even an empty one,
     * is the child's whole environment (Twisted's rule; {@code ProcessBuilder} alone would
     * inherit). An {@code executable} without a {@code /} is looked up on this JVM's
     * {@code PATH}, whatever {@code env} says. Twisted's {@code usePTY}, {@code childFDs},
     * {@code uid} and {@code gid} are not supported.
     *
     * <p>The reactor does not stop its children when it stops (neither does Twisted's): signal
     * them from a {@code BEFORE SHUTDOWN} trigger if they must not outlive it.
     *
     * @param processProtocol receives the child's output and fate; one instance per process
     * @param executable the program: a path, or a name looked up on {@code PATH}
     * @param args argv[0] followed by the arguments
     * @param env the child's whole environment, or {@code null} to inherit this JVM's
     * @param path the child's working directory, or {@code null} for this JVM's
     * @return the transport, already connected to the protocol
     * @throws java.io.UncheckedIOException when the program cannot be started (Twisted reports
     *         this later, as a process exiting with code 1)
     * @throws IllegalArgumentException when an argument or environment entry cannot be passed to
     *         a process (a NUL character, an {@code =} in a variable's name)
     */
    ProcessTransport spawnProcess(ProcessProtocol processProtocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path);
}
