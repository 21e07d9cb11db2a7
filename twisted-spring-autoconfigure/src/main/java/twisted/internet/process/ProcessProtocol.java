package twisted.internet.process;

import java.util.Objects;

import twisted.defer.Failure;

/**
 * The code that talks to one child process, started with {@link twisted.internet.Reactor#spawnProcess}. The
 * reactor calls {@link #makeConnection}, then, as they happen, {@link #outReceived} and
 * {@link #errReceived} with the child's output, a {@code ...ConnectionLost} call as each pipe
 * closes, {@link #processExited} when the child exits, and last {@link #processEnded}, once the
 * child has exited <em>and</em> all three pipes are closed. Every call runs on the reactor thread,
 * and the output of one pipe arrives in order.
 *
 * <pre>{@code
 * class WordCount extends ProcessProtocol {
 *     private final ByteArrayOutputStream out = new ByteArrayOutputStream();
 *
 *     @Override
 *     public void connectionMade() {
 *         transport.write("one two three\n".getBytes(StandardCharsets.US_ASCII));
 *         transport.closeStdin();
 *     }
 *
 *     @Override
 *     public void outReceived(byte[] data) {
 *         out.writeBytes(data);
 *     }
 *
 *     @Override
 *     public void processEnded(Failure reason) {
 *         if (reason.check(ProcessDoneException.class) != null) {
 *             log.info("wc says {}", out.toString(StandardCharsets.US_ASCII).strip());
 *         }
 *     }
 * }
 * reactor.spawnProcess(new WordCount(), "wc", List.of("wc", "-w"), null, null);
 * }</pre>
 *
 * <p>Output arrives in arbitrary pieces, as for {@link twisted.internet.Protocol#dataReceived}. A callback that
 * throws is logged once, and the transport then closes all three pipes (the process itself is left
 * running). One instance serves one process.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ProcessProtocol}.
 *
 * @since 0.1.0
 */
public abstract class ProcessProtocol {

    /**
     * The child process, set by {@link #makeConnection}. Before that, and never null, it is a
     * transport that refuses every call.
     */
    protected ProcessTransport transport = NotStarted.INSTANCE;

    /**
     * Attaches the transport and calls {@link #connectionMade()}. The reactor calls this once,
     * on the reactor thread, right after the child has started, or, when it could not be started,
     * before reporting that.
     *
     * @param transport the child process
     */
    public void makeConnection(ProcessTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        connectionMade();
    }

    /** The child has started: the transport may be used. Does nothing by default. */
    public void connectionMade() {
    }

    /**
     * The child wrote to one of its pipes. By default, fd 1 goes to {@link #outReceived} and
     * fd 2 to {@link #errReceived}.
     *
     * @param fd the child's file descriptor: 1 or 2
     * @param data the bytes, owned by the protocol from now on
     */
    public void childDataReceived(int fd, byte[] data) {
        if (fd == 1) {
            outReceived(data);
        }
        else if (fd == 2) {
            errReceived(data);
        }
    }

    /**
     * The child wrote to its stdout. Does nothing by default.
     *
     * @param data the bytes
     */
    public void outReceived(byte[] data) {
    }

    /**
     * The child wrote to its stderr. Does nothing by default.
     *
     * @param data the bytes
     */
    public void errReceived(byte[] data) {
    }

    /**
     * One of the child's pipes closed, called once per pipe. By default, fd 0 goes to
     * {@link #inConnectionLost()}, 1 to {@link #outConnectionLost()} and 2 to
     * {@link #errConnectionLost()}.
     *
     * @param fd the child's file descriptor: 0, 1 or 2
     */
    public void childConnectionLost(int fd) {
        switch (fd) {
            case 0 -> inConnectionLost();
            case 1 -> outConnectionLost();
            case 2 -> errConnectionLost();
            default -> {
            }
        }
    }

    /**
     * The child's stdin closed: the protocol closed it, or the child closed or exited. Does
     * nothing by default.
     */
    public void inConnectionLost() {
    }

    /** The child's stdout closed. Does nothing by default. */
    public void outConnectionLost() {
    }

    /** The child's stderr closed. Does nothing by default. */
    public void errConnectionLost() {
    }

    /**
     * The child has exited; some of its output may still be on the way. Called once. Does nothing
     * by default.
     *
     * @param reason a {@link twisted.internet.error.ProcessDoneException} for exit code 0, a
     *               {@link twisted.internet.error.ProcessTerminatedException} otherwise, or an
     *               {@link java.io.UncheckedIOException} when the program could not be started
     *               (Twisted's child would exit with code 1)
     */
    public void processExited(Failure reason) {
    }

    /**
     * The child has exited and all its pipes are closed: nothing more will arrive. Called once,
     * last. Does nothing by default.
     *
     * @param reason the same as {@link #processExited}'s
     */
    public void processEnded(Failure reason) {
    }

    /**
     * The transport: the child process, or a refusing placeholder before it started.
     *
     * @return the transport
     */
    public ProcessTransport getTransport() {
        return this.transport;
    }

    /** The transport before {@link #makeConnection}: every call is a mistake. */
    private static final class NotStarted implements ProcessTransport {

        static final NotStarted INSTANCE = new NotStarted();

        private static IllegalStateException notStarted() {
            return new IllegalStateException("the process protocol has no process yet: use the transport "
                    + "from connectionMade() on");
        }

        @Override
        public long pid() {
            throw notStarted();
        }

        @Override
        public void write(byte[] data) {
            throw notStarted();
        }

        @Override
        public void writeToChild(int fd, byte[] data) {
            throw notStarted();
        }

        @Override
        public void closeStdin() {
            throw notStarted();
        }

        @Override
        public void closeStdout() {
            throw notStarted();
        }

        @Override
        public void closeStderr() {
            throw notStarted();
        }

        @Override
        public void closeChildFD(int fd) {
            throw notStarted();
        }

        @Override
        public void signalProcess(String signal) {
            throw notStarted();
        }

        @Override
        public void signalProcess(int signal) {
            throw notStarted();
        }

        @Override
        public String toString() {
            return "ProcessTransport[not started]";
        }
    }
}
