package twisted.defer;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The failure of a {@link Deferred} whose {@link Deferred#addTimeout timeout} ran out. It extends
 * the JDK's {@link TimeoutException}, so {@code failure.trap(TimeoutException.class)} catches it.
 *
 * <p>Twisted: {@code defer.TimeoutError}.
 *
 * @since 0.1.0
 */
public class DeferredTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param timeout the timeout that ran out
     */
    public DeferredTimeoutException(Duration timeout) {
        super("Deferred timed out after " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    /**
     * The timeout that ran out.
     *
     * @return the duration given to {@code addTimeout}
     */
    public Duration getTimeout() {
        return this.timeout;
    }
}
