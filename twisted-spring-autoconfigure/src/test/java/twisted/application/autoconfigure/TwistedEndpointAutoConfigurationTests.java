package twisted.application.autoconfigure;

import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import twisted.application.actuate.TwistedEndpoint;
import twisted.application.context.TwistedServices;
import twisted.application.service.MultiService;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class TwistedEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                    TwistedServicesAutoConfiguration.class, TwistedEndpointAutoConfiguration.class));

    @Test
    void endpointWhenExposed() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted",
                "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0").run(context -> {
                    assertThat(context).hasSingleBean(TwistedEndpoint.class);
                    assertThat(context.getBean(TwistedEndpoint.class).twisted()).extractingByKey("services")
                            .asInstanceOf(InstanceOfAssertFactories.MAP).containsOnlyKeys("echo");
                });
    }

    @Test
    void noEndpointUnlessExposed() {
        this.runner.run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class));
    }

    @Test
    void noEndpointWhenItsAccessIsNone() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted",
                "management.endpoint.twisted.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class));
    }

    @Test
    void noEndpointWithoutActuator() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
                .run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class));
    }

    @Test
    void noEndpointWithoutServices() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted", "twisted.reactor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TwistedEndpoint.class));
    }

    @Test
    void backsOffForTheApplicationsEndpoint() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=twisted")
                .withBean("mine", TwistedEndpoint.class, () -> new TwistedEndpoint(null,
                        new TwistedServices(new MultiService("mine"), List.of()), () -> { }))
                .run(context -> assertThat(context).getBeans(TwistedEndpoint.class).containsOnlyKeys("mine"));
    }
}
