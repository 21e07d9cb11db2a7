package twisted.internet.process;

/**
 * The parent's side of a child process: its three pipes (stdin, stdout, stderr) and a way to
 * signal it. {@link twisted.internet.Reactor#spawnProcess} hands one to the {@link twisted.internet.process.ProcessProtocol}.
 *
 * <pre>{@code
 * ProcessTransport cat = reactor.spawnProcess(protocol, "cat", List.of("cat"), null, null);
 * cat.write("hello\n".getBytes(StandardCharsets.UTF_8));
 * cat.closeStdin();      // cat sees end of input, prints, and exits
 * }</pre>
 *
 * <p>Only file descriptors 0, 1 and 2 exist: Java cannot hand a child more pipes, so Twisted's
 * {@code childFDs} are not supported and any other {@code fd} is refused with an
 * {@link IllegalArgumentException}. Closing a pipe is final. Its {@code ...ConnectionLost}
 * callback reaches the protocol later, on the reactor thread.
 *
 * <p>Call these methods on the reactor thread, as for any transport. The one the reactor builds
 * also accepts calls from other threads: none of them blocks, and every callback they cause still
 * runs on the reactor thread. It exists before the process does: calls made before the protocol's
 * {@code connectionMade} wait and are carried out, in order, right after it. Unlike Twisted's {@code IProcessTransport}, this is not a
 * {@link twisted.internet.Transport}: a process has no peer or host address and no producer.
 *
 * <p>Twisted: {@code twisted.internet.interfaces.IProcessTransport}.
 *
 * @since 0.1.0
 */
public interface ProcessTransport {

    /**
     * The child's process id, known from {@link ProcessProtocol#connectionMade()} on. Twisted sets
     * its {@code pid} to {@code None} once the process has been reaped; this keeps returning the
     * id the process had.
     *
     * @return the operating system's process id
     * @throws IllegalStateException while the process is still starting ({@code spawnProcess}
     *         returns before it exists), or when it could not be started
     */
    long pid();

    /**
     * Writes to the child's stdin. The bytes are copied and queued: the call never blocks, even
     * when the child does not read. Writes after {@link #closeStdin()}, or after the child has
     * closed its stdin or exited, are dropped.
     *
     * @param data the bytes
     */
    void write(byte[] data);

    /**
     * Writes to one of the child's file descriptors. Only stdin (0) can be written to.
     *
     * @param fd the child's file descriptor: 0
     * @param data the bytes
     * @throws IllegalArgumentException for any {@code fd} but 0
     */
    void writeToChild(int fd, byte[] data);

    /**
     * Closes the child's stdin once the writes queued before it have gone out, so the child sees
     * end of input. {@link ProcessProtocol#inConnectionLost()} follows. Calling it again does
     * nothing.
     */
    void closeStdin();

    /**
     * Stops reading the child's stdout: what it writes from now on is dropped (and, once the pipe
     * is closed, the child gets {@code EPIPE} or {@code SIGPIPE}). {@link ProcessProtocol#outConnectionLost()}
     * follows. Calling it again does nothing.
     */
    void closeStdout();

    /**
     * Stops reading the child's stderr, like {@link #closeStdout()} does for stdout;
     * {@link ProcessProtocol#errConnectionLost()} follows.
     */
    void closeStderr();

    /**
     * Closes one of the child's pipes: 0 as {@link #closeStdin()}, 1 as {@link #closeStdout()},
     * 2 as {@link #closeStderr()}.
     *
     * @param fd the child's file descriptor: 0, 1 or 2
     * @throws IllegalArgumentException for any other {@code fd}
     */
    void closeChildFD(int fd);

    /**
     * Sends a signal to the child: {@code "TERM"}, {@code "KILL"}, {@code "INT"}, {@code "HUP"},
     * ... with or without the {@code SIG} prefix. The process may ignore or handle it; only
     * {@link ProcessProtocol#processExited} says whether it ended.
     *
     * @param signal the signal's name
     * @throws twisted.internet.error.ProcessExitedAlreadyException when the process has already exited
     * @throws IllegalArgumentException when {@code signal} is not a signal name
     */
    void signalProcess(String signal);

    /**
     * Sends a signal to the child by number ({@code 15} for TERM, {@code 9} for KILL, ...).
     *
     * @param signal the signal's number, positive
     * @throws twisted.internet.error.ProcessExitedAlreadyException when the process has already exited
     * @throws IllegalArgumentException when {@code signal} is not positive
     */
    void signalProcess(int signal);

    /**
     * Closes stdin, stderr and stdout, in Twisted's order. It does not stop the process: a
     * child that ignores the closed pipes keeps running; {@link #signalProcess} stops it.
     */
    default void loseConnection() {
        closeStdin();
        closeStderr();
        closeStdout();
    }
}
