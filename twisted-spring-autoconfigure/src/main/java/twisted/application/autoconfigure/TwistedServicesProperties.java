package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services to run, under {@code twisted.services.<name>}: built-in and plugin services by
 * their maker's name ({@code echo}, {@code quote}, {@code chat}, ...), and the application's own
 * {@code Factory} beans by bean name.
 *
 * @param services each service's settings, by name
 * @since 0.1.0
 */
@ConfigurationProperties("twisted")
public record TwistedServicesProperties(@DefaultValue Map<String, ServiceProperties> services) {

    /**
     * The settings of one service; every service takes the same ones. A maker's own options go
     * under {@code twisted.services.<name>.options}.
     *
     * @param enabled whether to run the service; makers' services are off unless enabled, a
     *        Factory bean's service is on once it has an endpoint
     * @param endpoint where to listen, as an endpoint description such as
     *        {@code tcp:8000:interface=127.0.0.1}; the maker's default when not set
     * @param address interface to bind when the endpoint names none; empty for every interface
     * @param maxConnections most connections open at once; more are refused, logged and counted
     * @param idleTimeout how long a connection may stay silent before it is closed
     */
    public record ServiceProperties(@Nullable Boolean enabled, @Nullable String endpoint,
            @DefaultValue("127.0.0.1") String address, @DefaultValue("10000") int maxConnections,
            @DefaultValue("10m") Duration idleTimeout) {

        /** The settings of a service that has none configured. */
        static final ServiceProperties DEFAULTS = new ServiceProperties(null, null, "127.0.0.1", 10000,
                Duration.ofMinutes(10));

        /**
         * Validates the limits.
         */
        public ServiceProperties {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("max-connections (" + maxConnections + ") must be at least 1");
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle-timeout (" + idleTimeout + ") must be positive");
            }
        }
    }
}
