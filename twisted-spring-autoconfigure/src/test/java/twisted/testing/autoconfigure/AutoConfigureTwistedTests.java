package twisted.testing.autoconfigure;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import twisted.application.context.TwistedServices;
import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.internet.Threads;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @AutoConfigureTwisted} on a plain configuration brings a started reactor and the configured services. */
class AutoConfigureTwistedTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PlainTestConfiguration.class);

    @Configuration(proxyBeanMethods = false)
    @AutoConfigureTwisted
    static class PlainTestConfiguration {
    }

    @Test
    void aStartedReactorWithNoServiceConfigured() {
        this.runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Reactor.class).hasSingleBean(TwistedServices.class);
            Reactor reactor = context.getBean(Reactor.class);
            assertThat(reactor.isRunning()).isTrue();
            String later = Threads.blockingCallFromThread(reactor, () -> {
                Deferred<String> d = new Deferred<>();
                reactor.callLater(Duration.ofMillis(10), () -> d.callback("later"));
                return d;
            }, Duration.ofSeconds(5));
            assertThat(later).isEqualTo("later");
        });
    }

    @Test
    void aServiceConfiguredOnTcp0AnswersASocket() {
        this.runner.withPropertyValues("twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    int port = context.getEnvironment().getProperty("local.twisted.echo.port", Integer.class);
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.setSoTimeout(5000);
                        socket.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
                        byte[] buffer = new byte[16];
                        int n = socket.getInputStream().read(buffer);
                        assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("ping");
                    }
                });
    }
}
