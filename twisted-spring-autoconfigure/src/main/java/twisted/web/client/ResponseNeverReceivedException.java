package twisted.web.client;

/**
 * Means that no response came.
 *
 * <p>Twisted: {@code  the connection failed, or the headers did not arrive within the response timeout:ResponseNeverReceived}.
 *
 * @since 0.1.0
 */
public class ResponseNeverReceivedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public ResponseNeverReceivedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error
     */
    public ResponseNeverReceivedException(String message, Throwable cause) {
        super(message, cause);
    }
}
