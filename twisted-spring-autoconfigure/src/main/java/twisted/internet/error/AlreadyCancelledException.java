package twisted.internet.error;

/**
 * Thrown when a {@link twisted.time.DelayedCall} that was cancelled is cancelled or moved again.
 *
 * <p>Twisted: {@code error.AlreadyCancelled}.
 *
 * @since 0.1.0
 */
public class AlreadyCancelledException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was cancelled
     */
    public AlreadyCancelledException(String message) {
        super(message);
    }
}
