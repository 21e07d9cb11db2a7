package twisted.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A child process ended with a non-zero exit code, or was killed by a signal: the {@code reason}
 * that {@link twisted.internet.process.ProcessProtocol#processExited} and {@link twisted.internet.process.ProcessProtocol#processEnded} get then.
 * Exactly one of {@link #exitCode()} and {@link #signal()} is set. It is a
 * {@link ConnectionLostException}, as in Twisted.
 *
 * <p>The JDK reports a process killed by signal N as exit value 128 + N, the same as a process
 * that called {@code exit(128 + N)}; see {@code twisted.internet.process.ProcessSpawner} for the
 * rule that tells the two apart. The {@link #status()} is built from the code or signal the way
 * {@code waitpid} encodes them, because the JDK does not expose the raw status.
 *
 * <p>Twisted: {@code error.ProcessTerminated}.
 *
 * @since 0.1.0
 */
public class ProcessTerminatedException extends ConnectionLostException {

    private static final long serialVersionUID = 1L;

    private final @Nullable Integer exitCode;

    private final @Nullable Integer signal;

    private final int status;

    /**
     * Creates the exception.
     *
     * @param exitCode the exit code, or {@code null} when a signal ended the process
     * @param signal the signal's number, or {@code null} when the process exited by itself
     * @param status the wait status
     * @throws IllegalArgumentException when neither or both of {@code exitCode} and {@code signal}
     *         are given
     */
    public ProcessTerminatedException(@Nullable Integer exitCode, @Nullable Integer signal, int status) {
        if ((exitCode == null) == (signal == null)) {
            throw new IllegalArgumentException("exactly one of exitCode (" + exitCode + ") and signal (" + signal
                    + ") must be given");
        }
        this.exitCode = exitCode;
        this.signal = signal;
        this.status = status;
    }

    /**
     * A process that exited by itself with a non-zero code.
     *
     * @param exitCode the exit code
     * @return the exception, with the status {@code exitCode << 8}
     */
    public static ProcessTerminatedException exited(int exitCode) {
        return new ProcessTerminatedException(exitCode, null, (exitCode & 0xff) << 8);
    }

    /**
     * A process killed by a signal.
     *
     * @param signal the signal's number
     * @return the exception, with the status {@code signal}
     */
    public static ProcessTerminatedException killedBy(int signal) {
        return new ProcessTerminatedException(null, signal, signal & 0x7f);
    }

    /**
     * The exit code, or {@code null} when a signal ended the process. Twisted: {@code exitCode}.
     *
     * @return the exit code or {@code null}
     */
    public @Nullable Integer exitCode() {
        return this.exitCode;
    }

    /**
     * The signal that ended the process, or {@code null} when it exited by itself. Twisted:
     * {@code signal}.
     *
     * @return the signal's number or {@code null}
     */
    public @Nullable Integer signal() {
        return this.signal;
    }

    /**
     * The wait status, encoded as {@code waitpid} would. Twisted: {@code status}.
     *
     * @return the status
     */
    public int status() {
        return this.status;
    }

    @Override
    public String getMessage() {
        return (this.signal != null) ? "process ended by signal " + this.signal
                : "process ended with exit code " + this.exitCode;
    }
}
