package twisted.web.client;

/**
 * Means that a response's body could not be read to its end (the connection broke); the reason is the cause.
 *
 * <p>Twisted: {@code ResponseFailed}.
 *
 * @since 0.1.0
 */
public class ResponseFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public ResponseFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error
     */
    public ResponseFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
