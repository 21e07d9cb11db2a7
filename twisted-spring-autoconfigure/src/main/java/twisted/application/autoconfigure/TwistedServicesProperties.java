package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import twisted.application.context.TwistedServices;
import twisted.internet.ConnectionLimits;

/**
 * The services to run, under {@code twisted.services.<name>}: built-in and plugin services by
 * their maker's name ({@code echo}, {@code quote}, {@code chat}, ...), and the application's own
 * {@code Factory} beans by bean name.
 *
 * <p>The map is the binding: {@code twisted.services.echo.endpoint=tcp:8007} binds the
 * {@link ServiceProperties} of {@code echo}, so this class claims the {@code twisted.services}
 * sub-tree and nothing above it. Spring fills it once, at startup; treat it as read-only.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(TwistedServices.PREFIX)
public class TwistedServicesProperties extends LinkedHashMap<String, TwistedServicesProperties.ServiceProperties> {

    private static final long serialVersionUID = 1L;

    /**
     * The settings of one service; every service takes the same ones. A maker's own options go
     * under {@code twisted.services.<name>.options}.
     *
     * @param enabled Whether to run the service. A maker's service is off unless enabled; a
     *        Factory bean's service is on once enabled or given an endpoint, unless set to false.
     * @param endpoint Endpoint description to listen on, such as tcp:8000:interface=127.0.0.1.
     *        When not set, the maker's default.
     * @param address Interface to bind when the endpoint names none. Empty for every interface.
     * @param maxConnections Maximum number of connections open at once. More are refused, logged
     *        and counted.
     * @param idleTimeout Maximum time a connection may stay silent (nothing received) before it
     *        is closed, without a word. When not set, the maker's default: 10m, or none for a
     *        service whose protocol closes silent connections itself (imap, pop3, smtp, irc, ssh,
     *        manhole: their own timeouts or pings apply); 10m for a Factory bean's service. 0 for
     *        none: only the protocol's own timeouts, if any, end a silent connection.
     * @param writeBufferHighWater Unsent bytes past which a connection is not writable: its
     *        registered producer is paused and it stops reading from its peer until they drain.
     * @param writeBufferLimit Maximum unsent bytes a connection that is not writable may hold.
     *        A write past it aborts the connection (logged and counted): a peer that does not
     *        read, even with others writing to it, cannot make the server buffer without bound.
     * @param closeTimeout Maximum time closing a connection may wait for its unsent bytes to be
     *        sent. After it the connection is aborted (logged and counted).
     * @param drainTime Maximum time the stopping service waits, once its port is closed, for its
     *        connections to end by themselves. When not set, twisted.shutdown.drain-time.
     */
    public record ServiceProperties(@Nullable Boolean enabled, @Nullable String endpoint,
            @DefaultValue("127.0.0.1") String address, @DefaultValue("10000") int maxConnections,
            @Nullable Duration idleTimeout, @DefaultValue("64KB") DataSize writeBufferHighWater,
            @DefaultValue("4MB") DataSize writeBufferLimit, @DefaultValue("10s") Duration closeTimeout,
            @Nullable Duration drainTime) {

        /**
         * The settings of a service that has none configured; {@code TwistedServicesPropertiesTests}
         * checks that they are what binding nothing gives, and that the connection limits are the
         * library's ({@link ConnectionLimits#DEFAULTS}).
         */
        static final ServiceProperties DEFAULTS = new ServiceProperties(null, null, "127.0.0.1", 10000, null,
                DataSize.ofKilobytes(64), DataSize.ofMegabytes(4), Duration.ofSeconds(10), null);

        /**
         * Validates the limits.
         */
        public ServiceProperties {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("max-connections (" + maxConnections + ") must be at least 1");
            }
            if (idleTimeout != null && idleTimeout.isNegative()) {
                throw new IllegalArgumentException("idle-timeout (" + idleTimeout + ") must be positive, or 0 for none");
            }
            if (writeBufferHighWater.toBytes() < 1 || writeBufferHighWater.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("write-buffer-high-water (" + writeBufferHighWater
                        + ") must be between 1B and " + Integer.MAX_VALUE + "B");
            }
            if (writeBufferLimit.compareTo(writeBufferHighWater) < 0) {
                throw new IllegalArgumentException("write-buffer-limit (" + writeBufferLimit
                        + ") must be at least write-buffer-high-water (" + writeBufferHighWater + ")");
            }
            if (closeTimeout.isNegative() || closeTimeout.isZero()) {
                throw new IllegalArgumentException("close-timeout (" + closeTimeout + ") must be positive");
            }
            if (drainTime != null && drainTime.isNegative()) {
                throw new IllegalArgumentException("drain-time (" + drainTime + ") must not be negative");
            }
        }

        /**
         * The limits each connection of the service gets.
         *
         * @return the write buffer bound and close timeout
         */
        public ConnectionLimits connectionLimits() {
            return new ConnectionLimits((int) this.writeBufferHighWater.toBytes(), this.writeBufferLimit.toBytes(),
                    this.closeTimeout);
        }
    }
}
