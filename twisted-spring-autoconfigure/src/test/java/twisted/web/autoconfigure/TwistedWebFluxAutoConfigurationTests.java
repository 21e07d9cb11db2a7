package twisted.web.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedWebFluxAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedWebFluxAutoConfiguration.class))
            .withUserConfiguration(RegistryConfiguration.class);

    @Test
    void registersDeferredInWebFluxsRegistry() {
        this.runner.run(context -> assertThat(context.getBean("webFluxAdapterRegistry", ReactiveAdapterRegistry.class)
                .getAdapter(Deferred.class)).isNotNull());
    }

    @Test
    void offByProperty() {
        this.runner.withPropertyValues("twisted.web.deferred-adapter=false")
                .run(context -> assertThat(context.getBean("webFluxAdapterRegistry", ReactiveAdapterRegistry.class)
                        .getAdapter(Deferred.class)).isNull());
    }

    @Test
    void onByDefaultAsTheWebPropertiesSay() {
        TwistedWebProperties defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate("twisted.web",
                Bindable.of(TwistedWebProperties.class));
        assertThat(defaults.deferredAdapter()).isTrue();
        this.runner.run(context -> assertThat(context.getBean("webFluxAdapterRegistry", ReactiveAdapterRegistry.class)
                .getAdapter(Deferred.class)).isNotNull());
    }

    @Test
    void notInANonReactiveApplication() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TwistedWebFluxAutoConfiguration.class))
                .withUserConfiguration(RegistryConfiguration.class)
                .run(context -> assertThat(context.getBean("webFluxAdapterRegistry", ReactiveAdapterRegistry.class)
                        .getAdapter(Deferred.class)).isNull());
    }

    @Configuration(proxyBeanMethods = false)
    static class RegistryConfiguration {

        @Bean
        ReactiveAdapterRegistry webFluxAdapterRegistry() {
            return new ReactiveAdapterRegistry();
        }
    }
}
