package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import twisted.application.context.TwistedServices;

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
     * @param idleTimeout Maximum time a connection may stay silent before it is closed.
     */
    public record ServiceProperties(@Nullable Boolean enabled, @Nullable String endpoint,
            @DefaultValue("127.0.0.1") String address, @DefaultValue("10000") int maxConnections,
            @DefaultValue("10m") Duration idleTimeout) {

        /**
         * The settings of a service that has none configured; {@code TwistedServicesPropertiesTests}
         * checks that they are what binding nothing gives.
         */
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
