package twisted.web.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.web.DeferredReactiveAdapter;

/**
 * Lets Spring MVC controllers return {@code Deferred<T>}: MVC then treats it as a single-value
 * asynchronous result, reads it on the reactor thread, and writes its result (or maps its failure)
 * as it does for a {@code Mono}. Without this, MVC would serialise the Deferred itself as a bean.
 * Off with {@code twisted.web.deferred-adapter=false}.
 *
 * <p>The adapter is registered in the adapter registry of each {@link RequestMappingHandlerAdapter}
 * of this application, not in the JVM-wide {@link ReactiveAdapterRegistry#getSharedInstance()
 * shared instance}: the adapter holds this application's reactor, and another application (or test
 * context) in the same JVM must neither inherit it nor be switched on by it. A handler adapter still
 * on the shared instance gets a fresh registry (which has every adapter the shared one has by
 * default); a registry the application set itself gets Deferred added, once.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "twisted.web.deferred-adapter", matchIfMissing = true)
public final class TwistedWebMvcAutoConfiguration {

    TwistedWebMvcAutoConfiguration() {
    }

    @Bean
    static BeanPostProcessor twistedMvcDeferredAdapterRegistrar(ObjectProvider<Reactor> reactor) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RequestMappingHandlerAdapter handlerAdapter) {
                    register(handlerAdapter, reactor.getIfAvailable());
                }
                return bean;
            }
        };
    }

    /**
     * Registers Deferred in {@code handlerAdapter}'s registry; does nothing if it is already there.
     * Runs before the handler adapter's {@code afterPropertiesSet}, which hands the registry to its
     * return value handlers.
     */
    static void register(RequestMappingHandlerAdapter handlerAdapter, @Nullable Reactor reactor) {
        ReactiveAdapterRegistry registry = handlerAdapter.getReactiveAdapterRegistry();
        if (registry == ReactiveAdapterRegistry.getSharedInstance()) {
            registry = new ReactiveAdapterRegistry();
            handlerAdapter.setReactiveAdapterRegistry(registry);
        }
        if (registry.getAdapter(Deferred.class) == null) {
            DeferredReactiveAdapter.register(registry, (reactor != null) ? reactor::callFromThread : null);
        }
    }
}
