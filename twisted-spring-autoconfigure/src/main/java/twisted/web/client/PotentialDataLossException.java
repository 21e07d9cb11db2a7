package twisted.web.client;

/**
 * Means that the body ended with the connection, with no length to check it against; given to the body protocol's connectionLost.
 *
 * <p>Twisted: {@code PotentialDataLoss}.
 *
 * @since 0.1.0
 */
public class PotentialDataLossException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public PotentialDataLossException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error
     */
    public PotentialDataLossException(String message, Throwable cause) {
        super(message, cause);
    }
}
