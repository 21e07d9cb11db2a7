package twisted.web.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the resource tree is served, under {@code twisted.web}: Twisted's {@code twistd web}
 * options.
 *
 * @param mountPath path the root resource answers at, and below; {@code /} makes the tree answer
 *        every path, ahead of the controllers
 * @param staticDirectory directory to serve as the root when the application defines no root
 *        {@code Resource} bean (Twisted: {@code twistd web --path})
 * @param maxBodySize largest request body a resource accepts; larger ones get 413
 * @param shareReactorLoop whether the HTTP server (Reactor Netty, behind WebFlux) runs on the
 *        reactor's event loop, Twisted's one loop for everything, so that a resource renders on
 *        the thread its request arrived on instead of hopping to the reactor thread and back; every
 *        other part of an HTTP request (controllers, filters, Security, Actuator) then runs on the
 *        reactor thread too and must not block it
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.web")
public record TwistedWebProperties(@DefaultValue("/web") String mountPath, @Nullable Path staticDirectory,
        @DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("false") boolean shareReactorLoop) {

    /**
     * Validates the settings.
     */
    public TwistedWebProperties {
        if (maxBodySize.isNegative()) {
            throw new IllegalArgumentException("twisted.web.max-body-size (" + maxBodySize + ") must not be negative");
        }
    }
}
