package twisted.web.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedWebMvcAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedWebMvcAutoConfiguration.class))
            .withUserConfiguration(HandlerAdapterConfiguration.class);

    @Test
    void registersDeferredInTheHandlerAdaptersRegistry() {
        this.runner.run(context -> {
            ReactiveAdapterRegistry registry = context.getBean(RequestMappingHandlerAdapter.class)
                    .getReactiveAdapterRegistry();
            assertThat(registry.getAdapter(Deferred.class)).isNotNull();
            assertThat(registry).isNotSameAs(ReactiveAdapterRegistry.getSharedInstance());
        });
    }

    @Test
    void eachApplicationHasItsOwnRegistryAndTheSharedOneIsLeftAlone() {
        this.runner.run(first -> this.runner.run(second -> {
            assertThat(first.getBean(RequestMappingHandlerAdapter.class).getReactiveAdapterRegistry())
                    .isNotSameAs(second.getBean(RequestMappingHandlerAdapter.class).getReactiveAdapterRegistry());
            assertThat(ReactiveAdapterRegistry.getSharedInstance().getAdapter(Deferred.class)).isNull();
        }));
    }

    @Test
    void registrationIsIdempotent() {
        RequestMappingHandlerAdapter handlerAdapter = new RequestMappingHandlerAdapter();
        TwistedWebMvcAutoConfiguration.register(handlerAdapter, null);
        ReactiveAdapterRegistry registry = handlerAdapter.getReactiveAdapterRegistry();
        Object adapter = registry.getAdapter(Deferred.class);
        TwistedWebMvcAutoConfiguration.register(handlerAdapter, null);
        assertThat(handlerAdapter.getReactiveAdapterRegistry()).isSameAs(registry);
        assertThat(registry.getAdapter(Deferred.class)).isSameAs(adapter);
    }

    @Test
    void addsToARegistryTheApplicationSetItself() {
        ReactiveAdapterRegistry own = new ReactiveAdapterRegistry();
        this.runner.withBean("ownRegistry", ReactiveAdapterRegistry.class, () -> own).run(context -> {
            RequestMappingHandlerAdapter handlerAdapter = context.getBean(RequestMappingHandlerAdapter.class);
            assertThat(handlerAdapter.getReactiveAdapterRegistry()).isSameAs(own);
            assertThat(own.getAdapter(Deferred.class)).isNotNull();
        });
    }

    @Test
    void offByProperty() {
        this.runner.withPropertyValues("twisted.web.deferred-adapter=false").run(context -> {
            assertThat(context).doesNotHaveBean("twistedMvcDeferredAdapterRegistrar");
            assertThat(context.getBean(RequestMappingHandlerAdapter.class).getReactiveAdapterRegistry()
                    .getAdapter(Deferred.class)).isNull();
        });
    }

    @Test
    void notInANonServletApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedWebMvcAutoConfiguration.class))
                .withUserConfiguration(HandlerAdapterConfiguration.class)
                .run(context -> assertThat(context).doesNotHaveBean("twistedMvcDeferredAdapterRegistrar"));
    }

    @Configuration(proxyBeanMethods = false)
    static class HandlerAdapterConfiguration {

        @Bean
        RequestMappingHandlerAdapter requestMappingHandlerAdapter(
                ObjectProvider<ReactiveAdapterRegistry> own) {
            RequestMappingHandlerAdapter handlerAdapter = new RequestMappingHandlerAdapter();
            own.ifAvailable(handlerAdapter::setReactiveAdapterRegistry);
            return handlerAdapter;
        }
    }
}
