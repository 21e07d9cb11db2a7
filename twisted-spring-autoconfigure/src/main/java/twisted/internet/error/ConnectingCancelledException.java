package twisted.internet.error;

/**
 * Thrown or reported when the connection attempt was abandoned on purpose.
 *
 * <p>Twisted: {@code error.ConnectingCancelledError}.
 *
 * @since 0.1.0
 */
public class ConnectingCancelledException extends ConnectionFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     */
    public ConnectingCancelledException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     * @param cause the underlying error
     */
    public ConnectingCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
