package twisted.web.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.reactive.DispatcherHandler;
import twisted.internet.Reactor;
import twisted.web.DeferredReactiveAdapter;

/**
 * Lets WebFlux controllers return {@code Deferred<T>}, by registering it in WebFlux's own adapter
 * registry (the {@code webFluxAdapterRegistry} bean). Off with
 * {@code twisted.web.deferred-adapter=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(DispatcherHandler.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "twisted.web.deferred-adapter", matchIfMissing = true)
public final class TwistedWebFluxAutoConfiguration {

    static final String REGISTRY_BEAN = "webFluxAdapterRegistry";

    TwistedWebFluxAutoConfiguration() {
    }

    @Bean
    static BeanPostProcessor twistedDeferredAdapterRegistrar(ObjectProvider<Reactor> reactor) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ReactiveAdapterRegistry registry && REGISTRY_BEAN.equals(beanName)) {
                    Reactor available = reactor.getIfAvailable();
                    DeferredReactiveAdapter.register(registry, (available != null) ? available::callFromThread : null);
                }
                return bean;
            }
        };
    }
}
