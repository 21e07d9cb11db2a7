package twisted.internet.error;

/**
 * The connection ended in a non-clean fashion: reset by the peer, aborted, or failed with an I/O
 * error (the cause). Twisted: {@code error.ConnectionLost}.
 *
 * @since 0.1.0
 */
public class ConnectionLostException extends ConnectionClosedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with Twisted's message. */
    public ConnectionLostException() {
        super("Connection to the other side was lost in a non-clean fashion.");
    }

    /**
     * Creates the exception.
     *
     * @param cause the I/O error behind it
     */
    public ConnectionLostException(Throwable cause) {
        super("Connection to the other side was lost in a non-clean fashion: " + cause.getMessage(), cause);
    }

    /**
     * Creates the exception with a message of its own, for subclasses.
     *
     * @param message what happened
     * @since 0.1.0
     */
    protected ConnectionLostException(String message) {
        super(message);
    }
}
