package twisted.web.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of Twisted Web in a WebFlux application, under {@code twisted.web}: where the resource
 * tree is served (Twisted's {@code twistd web} options), and whether controllers may return
 * Deferreds.
 *
 * @param mountPath Path the root resource answers at, and below. With "/" the tree answers every
 *        path, ahead of the controllers.
 * @param staticDirectory Directory to serve as the root when the application defines no root
 *        Resource bean (Twisted: twistd web --path).
 * @param maxBodySize Maximum size of a request body a resource accepts. Larger ones get 413.
 * @param deferredAdapter Whether WebFlux and Spring MVC controllers may return Deferred, by
 *        registering it in the framework's adapter registry.
 * @param shareReactorLoop Whether the HTTP server (Reactor Netty, behind WebFlux) runs on the
 *        reactor's event loop, Twisted's one loop for everything, so that a resource renders on the
 *        thread its request arrived on instead of hopping to the reactor thread and back. Every
 *        other part of an HTTP request (controllers, filters, Security, Actuator) then runs on the
 *        reactor thread too and must not block it.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.web")
public record TwistedWebProperties(@DefaultValue("/web") String mountPath, @Nullable Path staticDirectory,
        @DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("true") boolean deferredAdapter,
        @DefaultValue("false") boolean shareReactorLoop) {

    /**
     * Validates the settings.
     */
    public TwistedWebProperties {
        if (maxBodySize.isNegative()) {
            throw new IllegalArgumentException("twisted.web.max-body-size (" + maxBodySize + ") must not be negative");
        }
    }
}
