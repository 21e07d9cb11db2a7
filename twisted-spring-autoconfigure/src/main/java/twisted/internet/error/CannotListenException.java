package twisted.internet.error;

/**
 * Thrown or reported when a port could not be bound (in use, or no permission); thrown straight from listenTCP and friends.
 *
 * <p>Twisted: {@code error.CannotListenError}.
 *
 * @since 0.1.0
 */
public class CannotListenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     */
    public CannotListenException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     * @param cause the underlying error
     */
    public CannotListenException(String message, Throwable cause) {
        super(message, cause);
    }
}
