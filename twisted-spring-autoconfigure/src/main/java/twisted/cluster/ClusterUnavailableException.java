package twisted.cluster;

/**
 * The cluster's shared engine (Redis) cannot be reached: a publish or registry operation failed
 * without an answer.
 *
 * @since 0.1.0
 */
public class ClusterUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be done
     * @param cause the engine's error
     */
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
