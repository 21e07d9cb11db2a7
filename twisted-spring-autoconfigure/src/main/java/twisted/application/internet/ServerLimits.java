package twisted.application.internet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import twisted.internet.ConnectionLimits;

/**
 * The limits every listening service takes: how many connections may be open at once (more are
 * refused cleanly, logged once per burst and counted), how long a connection may stay silent
 * before it is closed, and what each connection may hold unsent and how long its close may take
 * ({@link ConnectionLimits}, set on every connection of the service).
 *
 * @param maxConnections the most open connections; at least 1
 * @param idleTimeout how long without incoming data before closing; {@code null} for never
 * @param connectionLimits the write buffer bound and close timeout of each connection;
 *        {@code null} to keep the reactor's
 * @since 0.1.0
 */
public record ServerLimits(int maxConnections, @Nullable Duration idleTimeout,
        @Nullable ConnectionLimits connectionLimits) {

    /** No limit on connections, no idle timeout, the reactor's connection limits. */
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
}
