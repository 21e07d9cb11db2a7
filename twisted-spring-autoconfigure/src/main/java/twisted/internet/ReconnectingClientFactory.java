package twisted.internet;

import java.time.Duration;
import java.util.Random;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * A {@link ClientFactory} that reconnects after a failed attempt or a lost connection, waiting
 * longer each time: the delay is multiplied by {@code factor} (up to {@code maxDelay}) and then
 * drawn from a normal distribution around itself with a standard deviation of
 * {@code delay * jitter}, so that many clients do not reconnect in step.
 *
 * <p>Twisted's defaults: initial delay 1 s, maximum 3600 s, factor e, jitter 0.11962656472, no
 * retry limit. As in Twisted, call {@link #resetDelay()} once a connection is good, or set
 * {@link #setAutoResetOnConnect(boolean) autoResetOnConnect} to have it done when a protocol is
 * built (beyond Twisted: forgetting {@code resetDelay} is the common bug). Call on the reactor
 * thread.
 *
 * <p>Twisted: {@code ReconnectingClientFactory}.
 *
 * @since 0.1.0
 */
public class ReconnectingClientFactory extends ClientFactory {

    private static final Logger log = LoggerFactory.getLogger(ReconnectingClientFactory.class);

    private final ReactorTime clock;

    private final Random random;

    private Duration initialDelay = Duration.ofSeconds(1);

    private Duration maxDelay = Duration.ofHours(1);

    private double factor = Math.E;

    private double jitter = 0.11962656472;

    private @Nullable Integer maxRetries;

    private boolean autoResetOnConnect;

    private double delay = 1.0;

    private int retries;

    private boolean continueTrying = true;

    private @Nullable DelayedCall pendingRetry;

    private @Nullable Connector connector;

    /**
     * A reconnecting factory whose subclass overrides {@code buildProtocol}.
     *
     * @param clock the reactor, which schedules the retries
     */
    protected ReconnectingClientFactory(ReactorTime clock) {
        this(clock, new Random());
    }

    /**
     * A reconnecting factory with a seeded random source, for tests.
     *
     * @param clock the reactor or a test Clock
     * @param random draws the jitter
     */
    protected ReconnectingClientFactory(ReactorTime clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * A reconnecting factory building protocols with {@code protocol}.
     *
     * @param clock the reactor, which schedules the retries
     * @param protocol makes the protocol for each connection
     */
    public ReconnectingClientFactory(ReactorTime clock, Supplier<? extends Protocol> protocol) {
        super(protocol);
        this.clock = clock;
        this.random = new Random();
    }

    @Override
    public @Nullable Protocol buildProtocol(Address address) {
        if (this.autoResetOnConnect) {
            resetDelay();
        }
        return super.buildProtocol(address);
    }

    @Override
    public void clientConnectionFailed(Connector connector, Failure reason) {
        if (this.continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    @Override
    public void clientConnectionLost(Connector connector, Failure reason) {
        if (this.continueTrying) {
            this.connector = connector;
            retry();
        }
    }

    /** Schedules the next attempt, unless stopped or out of retries. Twisted: {@code retry}. */
    public void retry() {
        if (!this.continueTrying || this.connector == null) {
            return;
        }
        this.retries++;
        if (this.maxRetries != null && this.retries > this.maxRetries) {
            log.info("Abandoning {} after {} retries", this.connector, this.maxRetries);
            return;
        }
        this.delay = Math.min(this.delay * this.factor, this.maxDelay.toNanos() / 1e9);
        if (this.jitter > 0) {
            this.delay = Math.max(0, this.delay + this.random.nextGaussian() * this.delay * this.jitter);
        }
        Connector target = this.connector;
        log.debug("Will retry {} in {} s", target, this.delay);
        this.pendingRetry = this.clock.callLater(this.delay, () -> {
            this.pendingRetry = null;
            target.connect();
        });
    }

    /** Stops reconnecting, and abandons an attempt in progress. Twisted: {@code stopTrying}. */
    public void stopTrying() {
        if (this.pendingRetry != null && this.pendingRetry.active()) {
            this.pendingRetry.cancel();
        }
        this.pendingRetry = null;
        this.continueTrying = false;
        if (this.connector != null) {
            try {
                this.connector.stopConnecting();
            }
            catch (IllegalStateException notConnecting) {
                // nothing in progress
            }
        }
    }

    /** Back to the initial delay and zero retries; call once a connection is good. */
    public void resetDelay() {
        this.delay = this.initialDelay.toNanos() / 1e9;
        this.retries = 0;
        this.pendingRetry = null;
        this.continueTrying = true;
    }

    /**
     * The current delay, in seconds, as last computed.
     *
     * @return the delay
     */
    public double getDelay() {
        return this.delay;
    }

    /**
     * How many retries since the last reset.
     *
     * @return the count
     */
    public int getRetries() {
        return this.retries;
    }

    /**
     * Whether the factory still reconnects.
     *
     * @return {@code false} after {@link #stopTrying()}
     */
    public boolean isTrying() {
        return this.continueTrying;
    }

    /**
     * The first delay. Twisted: {@code initialDelay}.
     *
     * @param initialDelay a positive duration
     */
    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
        this.delay = initialDelay.toNanos() / 1e9;
    }

    /**
     * The longest delay. Twisted: {@code maxDelay}.
     *
     * @param maxDelay a positive duration
     */
    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    /**
     * How much each delay grows. Twisted: {@code factor}.
     *
     * @param factor at least 1
     */
    public void setFactor(double factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor (" + factor + ") must be at least 1");
        }
        this.factor = factor;
    }

    /**
     * The relative standard deviation of each delay; 0 for none. Twisted: {@code jitter}.
     *
     * @param jitter at least 0
     */
    public void setJitter(double jitter) {
        if (jitter < 0) {
            throw new IllegalArgumentException("jitter (" + jitter + ") must not be negative");
        }
        this.jitter = jitter;
    }

    /**
     * The most retries before giving up, or {@code null} for no limit. Twisted: {@code maxRetries}.
     *
     * @param maxRetries the limit
     */
    public void setMaxRetries(@Nullable Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * Whether building a protocol (a connection was made) resets the delay.
     *
     * @param autoReset whether to reset automatically
     */
    public void setAutoResetOnConnect(boolean autoReset) {
        this.autoResetOnConnect = autoReset;
    }
}
