package twisted.internet.error;

import org.jspecify.annotations.Nullable;

/**
 * A child process ended with exit code 0: the {@code reason} that
 * {@link twisted.internet.process.ProcessProtocol#processExited} and {@link twisted.internet.process.ProcessProtocol#processEnded} get when all went
 * well. It is a {@link ConnectionDoneException}, so code that only asks "clean or not?" treats
 * processes and connections alike.
 *
 * <p>Twisted: {@code error.ProcessDone}.
 *
 * @since 0.1.0
 */
public class ProcessDoneException extends ConnectionDoneException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** Creates the exception for a process that exited with code 0. */
    public ProcessDoneException() {
        this(0);
    }

    /**
     * Creates the exception.
     *
     * @param status the wait status, always 0 for a clean exit (kept for Twisted's {@code status})
     */
    public ProcessDoneException(int status) {
        this.status = status;
    }

    /**
     * The exit code, always 0. Twisted: {@code exitCode}.
     *
     * @return 0
     */
    public int exitCode() {
        return 0;
    }

    /**
     * The signal that ended the process: none for a clean exit. Twisted: {@code signal}.
     *
     * @return {@code null}
     */
    public @Nullable Integer signal() {
        return null;
    }

    /**
     * The wait status. Twisted: {@code status}.
     *
     * @return 0 for a clean exit
     */
    public int status() {
        return this.status;
    }

    @Override
    public String getMessage() {
        return "process finished with exit code 0";
    }
}
