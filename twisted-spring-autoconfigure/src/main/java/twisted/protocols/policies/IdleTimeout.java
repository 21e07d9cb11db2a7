package twisted.protocols.policies;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * Runs an action when a connection has been quiet for too long: servers use it to drop clients
 * that stopped talking (SMTP, POP3, IMAP and HTTP all do). A protocol owns one, arms it when the
 * connection is made, pushes it back on every chunk of data and disarms it when the connection is
 * lost. Pushing it back moves one scheduled call; nothing is allocated per chunk.
 *
 * <pre>{@code
 * class QuietDropper extends Protocol {
 *     private final IdleTimeout idle;
 *
 *     QuietDropper(ReactorTime clock) {
 *         // a lambda, so it reads the transport when it fires; transport::loseConnection here
 *         // would bind the not-yet-connected placeholder
 *         this.idle = new IdleTimeout(clock, () -> transport.loseConnection());
 *     }
 *
 *     public void connectionMade() { idle.setTimeout(Duration.ofMinutes(10)); }
 *
 *     public void dataReceived(byte[] data) { idle.resetTimeout(); handle(data); }
 *
 *     public void connectionLost(Failure reason) { idle.cancel(); }
 * }
 * }</pre>
 *
 * <p>A close it starts with {@code loseConnection()} is bounded too: the framework's transports
 * abort a connection whose peer does not read what is left within its close timeout
 * ({@link twisted.internet.ConnectionLimits#closeTimeout()}), so an idle peer that also stopped
 * reading does not keep its connection open.
 *
 * <p>After it fires it stays disarmed, keeping its timeout, until {@link #setTimeout} arms it
 * again; {@link #resetTimeout()} does not revive it. An exception thrown by the action goes to the
 * reactor, which logs it (a test {@code Clock} rethrows it from {@code advance}). Use it on the
 * reactor thread only; not thread-safe.
 *
 * <p>Twisted: {@code twisted.protocols.policies.TimeoutMixin}, as a collaborator instead of a base
 * class: {@code timeoutConnection()} becomes the action given to the constructor.
 *
 * @since 0.1.0
 */
public final class IdleTimeout {

    private final ReactorTime clock;

    private final Runnable onTimeout;

    private @Nullable Duration timeout;

    private @Nullable DelayedCall call;

    /**
     * Creates a disarmed timeout.
     *
     * @param clock the reactor, or a test {@code Clock}
     * @param onTimeout what to do when the time is up, usually close the connection; runs on the
     *                  reactor thread, once per arming
     */
    public IdleTimeout(ReactorTime clock, Runnable onTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onTimeout = Objects.requireNonNull(onTimeout, "onTimeout");
    }

    /**
     * Sets the timeout and arms it to fire that long from now, or disarms it with {@code null}.
     * If it is armed already, the scheduled call is moved rather than replaced. Twisted:
     * {@code TimeoutMixin.setTimeout}.
     *
     * @param timeout how long the connection may stay quiet, or {@code null} for no limit
     * @return the timeout set before, or {@code null}
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public @Nullable Duration setTimeout(@Nullable Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must not be negative");
        }
        Duration previous = this.timeout;
        this.timeout = timeout;
        DelayedCall armed = this.call;
        if (armed != null && timeout == null) {
            armed.cancel();
            this.call = null;
        }
        else if (armed != null) {
            armed.reset(timeout);
        }
        else if (timeout != null) {
            this.call = this.clock.callLater(timeout, this::timedOut);
        }
        return previous;
    }

    /**
     * Restarts the countdown from now: call it whenever the peer shows signs of life, typically at
     * the top of {@code dataReceived}. Does nothing when disarmed, including after the timeout
     * fired. Twisted: {@code TimeoutMixin.resetTimeout}.
     */
    public void resetTimeout() {
        DelayedCall armed = this.call;
        if (armed != null && this.timeout != null) {
            armed.reset(this.timeout);
        }
    }

    /**
     * Disarms the timeout and forgets it, as {@code setTimeout(null)} does. Call it from
     * {@code connectionLost}, so that no call stays scheduled for a dead connection. Calling it
     * when disarmed does nothing.
     */
    public void cancel() {
        setTimeout(null);
    }

    /**
     * The timeout last set, armed or not.
     *
     * @return the timeout, or {@code null} when none is set
     */
    public @Nullable Duration getTimeout() {
        return this.timeout;
    }

    /**
     * Whether the action is scheduled to run.
     *
     * @return {@code true} while armed
     */
    public boolean isArmed() {
        return this.call != null;
    }

    private void timedOut() {
        this.call = null;
        this.onTimeout.run();
    }

    @Override
    public String toString() {
        return "IdleTimeout<" + this.timeout + ", " + (isArmed() ? "armed" : "disarmed") + ">";
    }
}
