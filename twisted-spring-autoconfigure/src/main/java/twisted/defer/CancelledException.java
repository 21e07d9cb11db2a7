package twisted.defer;

import java.util.concurrent.CancellationException;

/**
 * The failure a {@link Deferred} errbacks with when it is cancelled and its canceller did not fire
 * it. It extends {@link CancellationException}, so code written for {@code CompletableFuture}
 * recognises it.
 *
 * <p>Twisted: {@code defer.CancelledError}.
 *
 * @since 0.1.0
 */
public class CancelledException extends CancellationException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a generic message. */
    public CancelledException() {
        super("Deferred was cancelled");
    }

    /**
     * Creates the exception.
     *
     * @param message why the operation was cancelled
     */
    public CancelledException(String message) {
        super(message);
    }
}
