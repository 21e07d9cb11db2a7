package twisted.defer;

/**
 * Thrown by {@link DeferredQueue} when its getter limit (backlog) is reached.
 *
 * <p>Twisted: {@code defer.QueueUnderflow}.
 *
 * @since 0.1.0
 */
public class QueueUnderflowException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the limit that was reached
     */
    public QueueUnderflowException(String message) {
        super(message);
    }
}
