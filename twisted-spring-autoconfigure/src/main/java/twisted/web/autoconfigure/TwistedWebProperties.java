package twisted.web.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of Twisted Web in a WebFlux application, under {@code twisted.web}: where the resource
 * tree is served (Twisted's {@code twistd web} options), whether controllers may return
 * Deferreds, and the limits of the HTTP server's connections.
 *
 * @param mountPath Path the root resource answers at, and below. With "/" the tree answers every
 *        path, ahead of the controllers.
 * @param staticDirectory Directory to serve as the root when the application defines no root
 *        Resource bean (Twisted: twistd web --path).
 * @param maxBodySize Maximum size of a request body a resource accepts, whatever its kind (raw,
 *        urlencoded form, or multipart form counted whole). Larger ones get 413.
 * @param deferredAdapter Whether WebFlux and Spring MVC controllers may return Deferred, by
 *        registering it in the framework's adapter registry.
 * @param shareReactorLoop Whether the HTTP server (Reactor Netty, behind WebFlux) runs on the
 *        reactor's event loop, Twisted's one loop for everything, so that a resource renders on the
 *        thread its request arrived on instead of hopping to the reactor thread and back. Every
 *        other part of an HTTP request (controllers, filters, Security, Actuator) then runs on the
 *        reactor thread too and must not block it.
 * @param requestHeaderTimeout Maximum time a client may take to send a request's line and headers,
 *        from when its connection opens or from the first byte of a later request. Past it the
 *        client gets 408 and the connection is closed. Applies to every request of the WebFlux
 *        server (Reactor Netty), controllers included.
 * @param maxConnections Maximum number of HTTP connections open at once on the WebFlux server
 *        (Reactor Netty). More are closed as they are accepted, logged once per burst.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.web")
public record TwistedWebProperties(@DefaultValue("/web") String mountPath, @Nullable Path staticDirectory,
        @DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("true") boolean deferredAdapter,
        @DefaultValue("false") boolean shareReactorLoop, @DefaultValue("20s") Duration requestHeaderTimeout,
        @DefaultValue("10000") int maxConnections) {

    /**
     * Validates the settings.
     */
    public TwistedWebProperties {
        if (maxBodySize.isNegative()) {
            throw new IllegalArgumentException("twisted.web.max-body-size (" + maxBodySize + ") must not be negative");
        }
        if (requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
            throw new IllegalArgumentException("twisted.web.request-header-timeout (" + requestHeaderTimeout
                    + ") must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("twisted.web.max-connections (" + maxConnections + ") must be at least 1");
        }
    }
}
