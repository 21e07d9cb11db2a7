package twisted.web.client;

/**
 * Means that the body was read to its end; given to the body protocol's connectionLost.
 *
 * <p>Twisted: {@code ResponseDone}.
 *
 * @since 0.1.0
 */
public class ResponseDoneException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public ResponseDoneException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error
     */
    public ResponseDoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
