package twisted.defer;

/**
 * Thrown by {@link DeferredQueue} when its item limit (size) is reached.
 *
 * <p>Twisted: {@code defer.QueueOverflow}.
 *
 * @since 0.1.0
 */
public class QueueOverflowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the limit that was reached
     */
    public QueueOverflowException(String message) {
        super(message);
    }
}
