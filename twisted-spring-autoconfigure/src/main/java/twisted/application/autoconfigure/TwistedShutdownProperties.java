package twisted.application.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the services stop, under {@code twisted.shutdown}. When the context closes (SIGTERM, say),
 * readiness turns {@code REFUSING_TRAFFIC} first; after the accept delay every listening service
 * closes its port, tells its connections it drains and waits up to its drain time for them to end,
 * all services at once; then what is left is closed, each connection within its close timeout.
 * Both default to zero: closing a context then closes every connection at once, as before, so a
 * test suite that closes many contexts is not slowed by idle connections; a deployment behind a
 * load balancer sets them (see the deployment docs). The accept delay, and the drain time plus the
 * close timeout, each run within one Spring lifecycle phase: keep them under
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30s by default); the services warn at
 * startup when the drain would not fit.
 *
 * @param drainTime Maximum time a stopping service waits, once its port is closed, for its
 *        connections to end by themselves. Each connection is first told in its protocol's terms
 *        (SMTP: 421 once a transaction in flight is done; IRC: a NOTICE). Zero closes them at
 *        once. A service may override it with twisted.services.NAME.drain-time.
 * @param acceptDelay Time between readiness turning REFUSING_TRAFFIC and the services closing
 *        their ports (and the web server stopping), so that a load balancer polling readiness
 *        stops sending new connections first. Zero for no delay.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.shutdown")
public record TwistedShutdownProperties(@DefaultValue("0s") Duration drainTime, @DefaultValue("0s") Duration acceptDelay) {

    /**
     * Validates the durations.
     */
    public TwistedShutdownProperties {
        if (drainTime.isNegative()) {
            throw new IllegalArgumentException("twisted.shutdown.drain-time (" + drainTime + ") must not be negative");
        }
        if (acceptDelay.isNegative()) {
            throw new IllegalArgumentException("twisted.shutdown.accept-delay (" + acceptDelay + ") must not be negative");
        }
    }
}
