package twisted.application.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import twisted.application.actuate.TwistedMetrics;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                    TwistedServicesAutoConfiguration.class, TwistedMetricsAutoConfiguration.class));

    @Test
    void metersBoundToSpringBootsRegistry() {
        this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
                .withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0")
                .run(context -> {
                    assertThat(context).hasSingleBean(TwistedMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("twisted.reactor.delayed.calls").gauge()).isNotNull();
                    assertThat(registry.find("twisted.connections.active").tag("service", "echo").gauge()).isNotNull();
                    assertThat(registry.find("twisted.connections.aborted").tag("service", "echo").functionCounters())
                            .extracting(counter -> counter.getId().getTag("reason"))
                            .containsExactlyInAnyOrder("aborted", "write-buffer-limit", "close-timeout");
                });
    }

    @Test
    void metersWithTheApplicationsRegistry() {
        this.runner.withBean(SimpleMeterRegistry.class)
                .run(context -> assertThat(context).hasSingleBean(TwistedMetrics.class));
    }

    @Test
    void noMetersWithoutARegistry() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(TwistedMetrics.class));
    }

    @Test
    void noMetersWithoutMicrometer() {
        this.runner.withBean(SimpleMeterRegistry.class).withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run(context -> assertThat(context).doesNotHaveBean(TwistedMetrics.class));
    }

    @Test
    void noMetersWithoutServices() {
        this.runner.withBean(SimpleMeterRegistry.class).withPropertyValues("twisted.reactor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TwistedMetrics.class));
    }

    @Test
    void backsOffForTheApplicationsMetrics() {
        this.runner.withBean(SimpleMeterRegistry.class)
                .withBean("mine", TwistedMetrics.class, () -> new TwistedMetrics(null, null))
                .run(context -> assertThat(context).getBeans(TwistedMetrics.class).containsOnlyKeys("mine"));
    }
}
