package twisted.web.client;

/**
 * Means that redirects went on past the agent's limit.
 *
 * <p>Twisted: {@code InfiniteRedirection}.
 *
 * @since 0.1.0
 */
public class InfiniteRedirectionException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public InfiniteRedirectionException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error
     */
    public InfiniteRedirectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
