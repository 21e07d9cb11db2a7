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
     * stderr. Every callback runs on the reactor thread, {@link ProcessProtocol#makeConnection}
     * first. Twisted: {@code reactor.spawnProcess}.
     *
     * <p><b>The process is started off the reactor thread, so this returns before it exists</b>
     * (on {@code NettyReactor}; {@code MemoryReactor} connects at once): {@code makeConnection}
     * comes later, as the first event on the reactor thread. Starting a process takes
     * milliseconds, and Twisted's reactor thread waits for it; here nothing does. The returned
     * transport is the one the protocol gets. Used before {@code makeConnection}, it keeps the
     * writes, closes and signals asked of it and carries them out, in order, right after
     * {@code connectionMade} (where they would come in Twisted); only its {@link ProcessTransport#pid()}
     * is not known yet. A program that cannot be started is reported to the protocol, as in
     * Twisted: {@code makeConnection}, the three pipes lost, then {@code processExited} and
     * {@code processEnded} with an {@link java.io.UncheckedIOException} saying why.
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
     * @return the transport, connected to the protocol soon after, on the reactor thread
     * @throws java.util.concurrent.RejectedExecutionException when the reactor's limit of
     *         processes starting at once is reached ({@code twisted.reactor.max-spawns-in-flight})
     * @throws IllegalArgumentException when an argument or environment entry cannot be passed to
     *         a process (a NUL character, an {@code =} in a variable's name)
     */
    ProcessTransport spawnProcess(ProcessProtocol processProtocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path);
}
