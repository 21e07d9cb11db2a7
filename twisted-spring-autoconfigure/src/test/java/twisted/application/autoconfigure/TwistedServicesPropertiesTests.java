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
import org.springframework.util.unit.DataSize;
import twisted.application.ServiceMaker;
import twisted.application.autoconfigure.TwistedServicesProperties.ServiceProperties;
import twisted.internet.ConnectionLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
                "twisted.services.myService.write-buffer-high-water", "16KB",
                "twisted.services.myService.write-buffer-limit", "1MB", "twisted.services.myService.close-timeout", "3s",
                "twisted.services.myService.drain-time", "20s",
                "twisted.services.quote.options.quote", "Carpe diem"));
        assertThat(services).containsKeys("echo", "myService");
        assertThat(services.get("echo")).isEqualTo(new ServiceProperties(true, "tcp:8007", "127.0.0.1", 10000, null,
                DataSize.ofKilobytes(64), DataSize.ofMegabytes(4), Duration.ofSeconds(10), null));
        assertThat(services.get("myService")).isEqualTo(new ServiceProperties(null, null, "", 100, Duration.ofMinutes(2),
                DataSize.ofKilobytes(16), DataSize.ofMegabytes(1), Duration.ofSeconds(3), Duration.ofSeconds(20)));
        assertThat(services.get("myService").connectionLimits())
                .isEqualTo(new ConnectionLimits(16 * 1024, 1024 * 1024, Duration.ofSeconds(3)));
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
    void connectionLimitsDefaultToTheLibrarys() {
        assertThat(ServiceProperties.DEFAULTS.connectionLimits()).isEqualTo(ConnectionLimits.DEFAULTS);
    }

    @Test
    void anUnsetIdleTimeoutIsLeftToTheMaker() {
        assertThat(ServiceProperties.DEFAULTS.idleTimeout()).as("the maker's default, or 10m for a Factory bean")
                .isNull();
        assertThat(ServiceMaker.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aNegativeIdleTimeoutIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ServiceProperties(null, null, "", 1, Duration.ofSeconds(-1),
                        DataSize.ofKilobytes(64), DataSize.ofMegabytes(4), Duration.ofSeconds(1), null))
                .withMessage("idle-timeout (PT-1S) must be positive, or 0 for none");
    }

    @Test
    void aWriteBufferLimitBelowTheHighWaterMarkNamesBothProperties() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ServiceProperties(null, null, "", 1, Duration.ofMinutes(1), DataSize.ofKilobytes(64),
                        DataSize.ofKilobytes(32), Duration.ofSeconds(1), null))
                .withMessage("write-buffer-limit (32768B) must be at least write-buffer-high-water (65536B)");
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
