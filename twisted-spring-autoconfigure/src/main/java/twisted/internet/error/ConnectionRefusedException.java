package twisted.internet.error;

/**
 * Thrown or reported when the peer refused the connection (nothing listens there).
 *
 * <p>Twisted: {@code error.ConnectionRefusedError}.
 *
 * @since 0.1.0
 */
public class ConnectionRefusedException extends ConnectionFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     */
    public ConnectionRefusedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     * @param cause the underlying error
     */
    public ConnectionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
