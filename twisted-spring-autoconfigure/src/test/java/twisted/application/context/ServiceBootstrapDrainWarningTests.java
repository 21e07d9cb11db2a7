package twisted.application.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServiceBootstrap} warns at startup when the longest drain time does not fit in Spring's
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, which bounds the phase the services drain in.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceBootstrapDrainWarningTests {

    private static final String WARNING = "does not fit in spring.lifecycle.timeout-per-shutdown-phase";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                    TwistedServicesAutoConfiguration.class))
            .withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0");

    @Test
    void aDrainLongerThanThePhaseTimeoutIsWarnedAbout(CapturedOutput output) {
        this.runner.withPropertyValues("twisted.services.echo.drain-time=45s").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TwistedServices.class).get("echo").orElseThrow().listening().getDrainTime())
                    .hasSeconds(45);
        });
        assertThat(output).contains("The longest Twisted drain time (45000 ms) " + WARNING + " (30000 ms)");
    }

    @Test
    void aDrainThatFitsIsNotWarnedAbout(CapturedOutput output) {
        this.runner.withPropertyValues("twisted.shutdown.drain-time=45s",
                "spring.lifecycle.timeout-per-shutdown-phase=1m").run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain(WARNING);
    }
}
