package twisted.application.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedServicesHealthContributorAutoConfigurationTests {

    private static final String BEAN = "twistedServicesHealthContributor";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                    TwistedServicesAutoConfiguration.class, TwistedServicesHealthContributorAutoConfiguration.class));

    @Test
    void oneIndicatorPerServiceByDefault() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0")
                .run(context -> {
                    assertThat(context).hasBean(BEAN);
                    HealthContributor echo = context.getBean(BEAN, CompositeHealthContributor.class).getContributor("echo");
                    assertThat(echo).isInstanceOf(HealthIndicator.class);
                    Health health = ((HealthIndicator) echo).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void offWithTheHealthIndicatorProperty() {
        this.runner.withPropertyValues("management.health.twisted.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BEAN));
    }

    @Test
    void offWhenHealthIndicatorsAreOffByDefault() {
        this.runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BEAN));
        this.runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.twisted.enabled=true")
                .run(context -> assertThat(context).hasBean(BEAN));
    }

    @Test
    void backsOffForTheApplicationsContributor() {
        HealthIndicator mine = () -> Health.up().build();
        this.runner.withBean(BEAN, HealthIndicator.class, () -> mine)
                .run(context -> assertThat(context.getBean(BEAN)).isSameAs(mine));
    }

    @Test
    void absentWithoutSpringBootHealth() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
                .run(context -> assertThat(context).doesNotHaveBean(BEAN));
    }

    @Test
    void absentWithoutServices() {
        this.runner.withPropertyValues("twisted.reactor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(BEAN));
    }
}
