package twisted.testing.autoconfigure;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import twisted.internet.Reactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented pattern for testing one's own service end to end: enable it on {@code tcp:0}
 * in a slice with {@code @AutoConfigureTwisted}, read the port back with
 * {@code @Value("${local.twisted.<name>.port}")} and talk to it over a socket. The service is the
 * test-only {@code greeting} maker ({@code twisted.application.testmakers.GreetingServiceMaker}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "twisted.services.greeting.enabled=true", "twisted.services.greeting.endpoint=tcp:0",
        "twisted.services.greeting.options.greeting=Salve" })
@AutoConfigureTwisted
class OwnServiceEndToEndTests {

    @SpringBootConfiguration
    static class NoApplication {
    }

    @Autowired
    private Reactor reactor;

    @Value("${local.twisted.greeting.port}")
    private int port;

    @Test
    void theServiceAnswersOnItsPublishedPort() throws Exception {
        assertThat(this.reactor.isRunning()).isTrue();
        assertThat(this.port).isPositive();
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write('?');
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Salve");
        }
    }
}
