package twisted.application.internet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The limits every listening service takes: how many connections may be open at once (more are
 * refused cleanly, logged once per burst and counted) and how long a connection may stay silent
 * before it is closed.
 *
 * @param maxConnections the most open connections; at least 1
 * @param idleTimeout how long without incoming data before closing; {@code null} for never
 * @since 0.1.0
 */
public record ServerLimits(int maxConnections, @Nullable Duration idleTimeout) {

    /** No limit on connections, no idle timeout. */
    public static final ServerLimits NONE = new ServerLimits(Integer.MAX_VALUE, null);

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
}
