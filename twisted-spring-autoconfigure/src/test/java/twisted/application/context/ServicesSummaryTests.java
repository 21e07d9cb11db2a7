package twisted.application.context;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** The "Twisted services started" line lists every listening service: IP ports and unix paths. */
@ExtendWith(OutputCaptureExtension.class)
class ServicesSummaryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(TwistedReactorAutoConfiguration.class, TwistedServicesAutoConfiguration.class));

    @Test
    void ipPortsAndUnixPathsAreListed(CapturedOutput output, @TempDir Path dir) {
        Path socket = dir.resolve("x.sock");
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
                "twisted.services.sock.endpoint=unix:" + socket)
                .withBean("sock", Factory.class, () -> Factory.forProtocol(() -> new Protocol() { })).run(context -> {
                    assertThat(context).hasNotFailed();
                    Integer port = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class);
                    assertThat(port).isPositive();
                    assertThat(context.getEnvironment().containsProperty("local.twisted.sock.port"))
                            .as("no port for a unix socket").isFalse();
                    assertThat(output).contains("Twisted services started: {echo=" + port + ", sock=" + socket + "}");
                });
    }

    @Test
    void theSingleServiceLineKeepsItsShape(CapturedOutput output) {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0")
                .run(context -> {
                    Matcher matcher = Pattern.compile("Twisted services started: \\{echo=(\\d+)}").matcher(output.getOut());
                    assertThat(matcher.find()).isTrue();
                    assertThat(Integer.parseInt(matcher.group(1)))
                            .isEqualTo(context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class));
                });
    }
}
