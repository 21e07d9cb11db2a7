package twisted.application.internet;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.internet.ConnectionLimits;

/**
 * The limits every listening service takes: how many connections may be open at once (more are
 * refused cleanly, logged once per burst and counted), how long a connection may stay silent
 * before it is closed, what each connection may hold unsent and how long its close may take
 * ({@link ConnectionLimits}, set on every connection of the service), and how long stopping the
 * service waits for its connections to end by themselves (its drain time) before it closes them.
 *
 * @param maxConnections the most open connections; at least 1
 * @param idleTimeout how long without incoming data before closing; {@code null} for never
 * @param connectionLimits the write buffer bound and close timeout of each connection;
 *        {@code null} to keep the reactor's
 * @param drainTime how long stopping waits, once the port is closed, for open connections to
 *        end by themselves (see {@link twisted.internet.ShutdownNotice}); zero closes them at once
 * @since 0.1.0
 */
public record ServerLimits(int maxConnections, @Nullable Duration idleTimeout,
        @Nullable ConnectionLimits connectionLimits, Duration drainTime) {

    /** No limit on connections, no idle timeout, the reactor's connection limits, no drain. */
    public static final ServerLimits NONE = new ServerLimits(Integer.MAX_VALUE, null, null);

    /**
     * Validates the limits.
     */
    public ServerLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections (" + maxConnections + ") must be at least 1");
        }
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout (" + idleTimeout + ") must be positive");
        }
        Objects.requireNonNull(drainTime, "drainTime");
        if (drainTime.isNegative()) {
            throw new IllegalArgumentException("drainTime (" + drainTime + ") must be zero or positive");
        }
    }

    /**
     * Limits on connections, silence and each connection, with no drain.
     *
     * @param maxConnections the most open connections; at least 1
     * @param idleTimeout how long without incoming data before closing; {@code null} for never
     * @param connectionLimits the write buffer bound and close timeout of each connection;
     *        {@code null} to keep the reactor's
     */
    public ServerLimits(int maxConnections, @Nullable Duration idleTimeout, @Nullable ConnectionLimits connectionLimits) {
        this(maxConnections, idleTimeout, connectionLimits, Duration.ZERO);
    }

    /**
     * Limits on connections and silence, with the reactor's connection limits.
     *
     * @param maxConnections the most open connections; at least 1
     * @param idleTimeout how long without incoming data before closing; {@code null} for never
     */
    public ServerLimits(int maxConnections, @Nullable Duration idleTimeout) {
        this(maxConnections, idleTimeout, null);
    }

    /**
     * These limits with another drain time.
     *
     * @param drainTime how long stopping waits for connections to end by themselves; zero for
     *        not at all
     * @return the new limits
     */
    public ServerLimits withDrainTime(Duration drainTime) {
        return new ServerLimits(this.maxConnections, this.idleTimeout, this.connectionLimits, drainTime);
    }
}
