package twisted.application.context;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The first step of a shutdown, before any port closes: readiness is {@code REFUSING_TRAFFIC}
 * (Spring Boot publishes it as a web application context starts closing; this lifecycle
 * publishes it when nothing has, as in an application without a web server), then the
 * {@code twisted.shutdown.accept-delay} passes, while every port, the web server's included,
 * still accepts, so that a load balancer polling {@code /actuator/health/readiness} takes the
 * node out before connections are refused. Its phase, {@link #PHASE}, is above both
 * {@link ServiceBootstrap#PHASE} and the web server's graceful shutdown, so it stops first.
 *
 * @since 0.1.0
 */
public class ReadinessGate implements SmartLifecycle {

    /** The phase: stops before the services ({@link ServiceBootstrap#PHASE}) and the web server. */
    public static final int PHASE = ServiceBootstrap.PHASE + 512;

    private static final Logger log = LoggerFactory.getLogger(ReadinessGate.class);

    private final ApplicationEventPublisher events;

    private final @Nullable ApplicationAvailability availability;

    private final Duration acceptDelay;

    private volatile boolean running;

    /**
     * Creates the gate.
     *
     * @param events where readiness is published
     * @param availability the application's availability, to publish readiness only when not yet
     *        refusing; {@code null} to always publish it
     * @param acceptDelay how long to wait before the ports close; zero for not at all
     */
    public ReadinessGate(ApplicationEventPublisher events, @Nullable ApplicationAvailability availability,
            Duration acceptDelay) {
        this.events = Objects.requireNonNull(events, "events");
        this.availability = availability;
        this.acceptDelay = Objects.requireNonNull(acceptDelay, "acceptDelay");
        if (acceptDelay.isNegative()) {
            throw new IllegalArgumentException("acceptDelay (" + acceptDelay + ") must not be negative");
        }
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stop(Runnable) is the one Spring calls");
    }

    @Override
    public void stop(Runnable callback) {
        this.running = false;
        if (this.availability == null
                || this.availability.getReadinessState() != ReadinessState.REFUSING_TRAFFIC) {
            AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
        }
        if (this.acceptDelay.isZero()) {
            callback.run();
            return;
        }
        log.info("Readiness is REFUSING_TRAFFIC; the Twisted services stop accepting in {} ms",
                this.acceptDelay.toMillis());
        CompletableFuture.delayedExecutor(this.acceptDelay.toMillis(), TimeUnit.MILLISECONDS).execute(callback);
    }

    /**
     * How long the ports keep accepting once readiness is refusing traffic.
     *
     * @return the accept delay
     */
    public Duration getAcceptDelay() {
        return this.acceptDelay;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Never paused, as {@link ServiceBootstrap}.
     *
     * @return {@code false}
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
