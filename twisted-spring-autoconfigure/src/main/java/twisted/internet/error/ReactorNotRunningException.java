package twisted.internet.error;

/**
 * The reactor is not running: it was stopped, or stopped twice, or a call that needs a running
 * reactor came after shutdown. Twisted: {@code error.ReactorNotRunning}.
 *
 * @since 0.1.0
 */
public class ReactorNotRunningException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused
     */
    public ReactorNotRunningException(String message) {
        super(message);
    }
}
