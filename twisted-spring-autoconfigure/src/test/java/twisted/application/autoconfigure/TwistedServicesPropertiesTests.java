package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import twisted.application.autoconfigure.TwistedServicesProperties.ServiceProperties;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedServicesPropertiesTests {

    private static TwistedServicesProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("twisted.services", Bindable.of(TwistedServicesProperties.class));
    }

    @Test
    void eachServiceBindsByNameUnderTwistedServices() {
        TwistedServicesProperties services = bind(Map.of("twisted.services.echo.endpoint", "tcp:8007",
                "twisted.services.echo.enabled", "true", "twisted.services.myService.max-connections", "100",
                "twisted.services.myService.idle-timeout", "2m", "twisted.services.myService.address", "",
                "twisted.services.quote.options.quote", "Carpe diem"));
        assertThat(services).containsKeys("echo", "myService");
        assertThat(services.get("echo")).isEqualTo(new ServiceProperties(true, "tcp:8007", "127.0.0.1", 10000,
                Duration.ofMinutes(10)));
        assertThat(services.get("myService")).isEqualTo(new ServiceProperties(null, null, "", 100, Duration.ofMinutes(2)));
        assertThat(services.getOrDefault("quote", ServiceProperties.DEFAULTS)).isEqualTo(ServiceProperties.DEFAULTS);
    }

    @Test
    void theBeanBindsTheSameWay() {
        new ApplicationContextRunner().withUserConfiguration(Enabled.class)
                .withPropertyValues("twisted.services.echo.endpoint=tcp:8007", "twisted.services.[Big.Name].enabled=false")
                .run(context -> {
                    TwistedServicesProperties services = context.getBean(TwistedServicesProperties.class);
                    assertThat(services).containsOnlyKeys("echo", "Big.Name");
                    assertThat(services.get("echo").endpoint()).isEqualTo("tcp:8007");
                    assertThat(services.get("Big.Name").enabled()).isFalse();
                });
    }

    @Test
    void nothingConfiguredIsNoService() {
        assertThat(bind(Map.of())).isEmpty();
    }

    @Test
    void defaultsAreWhatBindingNothingGives() {
        ServiceProperties bound = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("twisted.services.x", Bindable.of(ServiceProperties.class));
        assertThat(bound).isEqualTo(ServiceProperties.DEFAULTS);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TwistedServicesProperties.class)
    static class Enabled {
    }
}
