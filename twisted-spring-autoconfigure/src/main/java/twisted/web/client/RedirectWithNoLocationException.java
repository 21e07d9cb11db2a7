package twisted.web.client;

/**
 * Means that a redirect status came without a Location header.
 *
 * <p>Twisted: {@code RedirectWithNoLocation}.
 *
 * @since 0.1.0
 */
public class RedirectWithNoLocationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened
     */
    public RedirectWithNoLocationException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened
     * @param cause the underlying error
     */
    public RedirectWithNoLocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
