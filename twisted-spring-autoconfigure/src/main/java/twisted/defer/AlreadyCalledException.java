package twisted.defer;

/**
 * Thrown when something that may fire only once is fired again: a {@link Deferred} given a second
 * result, or a {@link twisted.time.DelayedCall} cancelled or moved after it ran.
 *
 * <p>Twisted: {@code defer.AlreadyCalledError} and {@code error.AlreadyCalled}.
 *
 * @since 0.1.0
 */
public class AlreadyCalledException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was called twice, and where, when debugging is on
     */
    public AlreadyCalledException(String message) {
        super(message);
    }
}
