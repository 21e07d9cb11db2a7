package twisted.internet.error;

/**
 * Thrown or reported when the host name could not be resolved.
 *
 * <p>Twisted: {@code error.DNSLookupError}.
 *
 * @since 0.1.0
 */
public class DNSLookupException extends ConnectionFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     */
    public DNSLookupException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened, naming the address
     * @param cause the underlying error
     */
    public DNSLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
