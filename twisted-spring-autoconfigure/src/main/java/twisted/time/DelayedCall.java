package twisted.time;

import java.time.Duration;

/**
 * A call scheduled by {@link ReactorTime#callLater}: it can be cancelled or moved until it has
 * run. Methods must be called on the reactor thread.
 *
 * <p>Twisted: {@code IDelayedCall}.
 *
 * @since 0.1.0
 */
public interface DelayedCall {

    /**
     * When the call is due, in the reactor's {@link ReactorTime#seconds() seconds}.
     *
     * @return the due time
     */
    double getTime();

    /**
     * Stops the call from running.
     *
     * @throws twisted.defer.AlreadyCalledException when it has already run
     * @throws twisted.internet.error.AlreadyCancelledException when it was already cancelled
     */
    void cancel();

    /**
     * Moves the call later (or earlier, with a negative amount) by {@code amount} from its current
     * due time.
     *
     * @param amount how much to move it by
     * @throws twisted.defer.AlreadyCalledException when it has already run
     * @throws twisted.internet.error.AlreadyCancelledException when it was cancelled
     */
    void delay(Duration amount);

    /**
     * Makes the call due {@code delay} from now.
     *
     * @param delay the new delay from now
     * @throws twisted.defer.AlreadyCalledException when it has already run
     * @throws twisted.internet.error.AlreadyCancelledException when it was cancelled
     */
    void reset(Duration delay);

    /**
     * Whether the call is still to run: neither run nor cancelled.
     *
     * @return {@code true} while pending
     */
    boolean active();
}
