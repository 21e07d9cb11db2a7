package twisted.internet.error;

/**
 * Thrown or reported when the connection attempt took longer than its timeout.
 *
 * <p>Twisted: {@code error.TimeoutError }.
 *
 * @since 0.1.0
 */
public class ConnectTimeoutException extends ConnectionFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     */
    public ConnectTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     * @param cause the underlying error
     */
    public ConnectTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
