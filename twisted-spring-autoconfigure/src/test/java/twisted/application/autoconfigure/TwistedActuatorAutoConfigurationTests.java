package twisted.application.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import twisted.application.actuate.TwistedEndpoint;
import twisted.application.actuate.TwistedMetrics;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                    TwistedServicesAutoConfiguration.class, TwistedActuatorAutoConfiguration.class));

    @Test
    void endpointOnlyWhenExposed() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class));
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted")
                .run(context -> assertThat(context).hasSingleBean(TwistedEndpoint.class));
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted",
                "management.endpoint.twisted.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class));
    }

    @Test
    void healthAndMetricsByDefault() {
        this.runner.run(context -> assertThat(context).hasBean("twistedServicesHealthContributor")
                .hasSingleBean(TwistedMetrics.class));
    }

    @Test
    void healthCanBeSwitchedOff() {
        this.runner.withPropertyValues("management.health.twisted.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("twistedServicesHealthContributor"));
    }

    @Test
    void nothingWithoutActuator() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
                .run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class)
                        .doesNotHaveBean(TwistedMetrics.class));
    }

    @Test
    void backsOffForTheUsersBeans() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted")
                .withBean("mine", TwistedMetrics.class, () -> new TwistedMetrics(null, null))
                .run(context -> assertThat(context).getBeans(TwistedMetrics.class).containsOnlyKeys("mine"));
    }
}
