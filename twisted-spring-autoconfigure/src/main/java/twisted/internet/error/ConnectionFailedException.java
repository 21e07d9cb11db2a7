package twisted.internet.error;

/**
 * Thrown or reported when a connection attempt failed before the connection was made.
 *
 * <p>Twisted: {@code error.ConnectError}.
 *
 * @since 0.1.0
 */
public class ConnectionFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     */
    public ConnectionFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     * @param cause the underlying error
     */
    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
