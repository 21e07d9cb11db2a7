package twisted.internet.error;

/**
 * Why a connection ended: {@link ConnectionDoneException} when it closed cleanly,
 * {@link ConnectionLostException} when it did not. A protocol's {@code connectionLost} always
 * gets one of the two, wrapped in a {@link twisted.defer.Failure}.
 *
 * <p>Twisted: {@code error.ConnectionClosed}.
 *
 * @since 0.1.0
 */
public class ConnectionClosedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error, if any
     */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public ConnectionClosedException(String message) {
        super(message);
    }
}
