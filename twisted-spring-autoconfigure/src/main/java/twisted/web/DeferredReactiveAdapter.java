package twisted.web;

import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;
import reactor.core.publisher.Mono;
import twisted.defer.Deferred;

/**
 * Makes {@link Deferred} a reactive type Spring knows, so that a WebFlux or Spring MVC controller
 * may return {@code Deferred<T>}: its result becomes the response body and its failure goes through
 * the framework's error handling ({@code ResponseStatusException}, {@code @ResponseStatus},
 * {@code @ExceptionHandler}).
 *
 * <p>With a reactor, the response subscribes to the Deferred on the reactor thread, so a Deferred
 * fired there is never touched from an HTTP thread. Register into the registry the controllers use:
 * WebFlux's {@code webFluxAdapterRegistry} bean, or the one of Spring MVC's
 * {@code RequestMappingHandlerAdapter}. WebFlux does not consult the shared instance.
 *
 * @since 0.1.0
 */
public final class DeferredReactiveAdapter {

    private DeferredReactiveAdapter() {
    }

    /**
     * Registers {@code Deferred} in {@code registry}.
     *
     * @param registry the registry
     * @param reactorThread runs work on the Deferreds' thread (the reactor's {@code callFromThread}),
     *        or {@code null} to touch them from the subscribing thread
     */
    @SuppressWarnings("unchecked")
    public static void register(ReactiveAdapterRegistry registry, @Nullable Executor reactorThread) {
        registry.registerReactiveType(ReactiveTypeDescriptor.nonDeferredAsyncValue(Deferred.class, Deferred::new),
                source -> toMono((Deferred<Object>) source, reactorThread),
                publisher -> fromPublisher((Publisher<Object>) publisher, reactorThread));
    }

    private static Mono<Object> toMono(Deferred<Object> deferred, @Nullable Executor reactorThread) {
        return (reactorThread != null) ? deferred.toMono(reactorThread) : deferred.toMono();
    }

    private static Deferred<Object> fromPublisher(Publisher<Object> publisher, @Nullable Executor reactorThread) {
        return (reactorThread != null) ? Deferred.fromPublisher(publisher, reactorThread) : Deferred.fromPublisher(publisher);
    }
}
