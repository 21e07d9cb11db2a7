package twisted.demo;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo as a user meets it; services on free ports so the test never clashes with a running demo. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "twisted.services.echo-cred.endpoint=tcp:0",
        "twisted.services.httpEcho.endpoint=tcp:0",
        "spring.security.user.password=test-only" })
@AutoConfigureWebTestClient
class DemoApplicationTests {

    @Autowired
    private WebTestClient client;

    @Value("${local.twisted.echo.port}")
    private int echoPort;

    @Test
    void frontPageListsTheTour() {
        String body = this.client.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(body).startsWith("twisted-spring demo").contains("ch. 2  echo server").contains("ch. 3  Deferreds");
    }

    @Test
    void echoServiceEchoes() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.echoPort)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("hello demo".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(socket.getInputStream().readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("hello demo");
        }
    }

    @Test
    void headlineArrivesFromADeferred() {
        this.client.get().uri("/headline/Moon").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("<h1>Moon</h1>\n");
    }

    @Test
    void tooLongHeadlineIsUnprocessable() {
        this.client.get().uri("/headline/" + "1234567890".repeat(6)).exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void actuatorNeedsTheAdminButHealthIsPublic() {
        this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        this.client.get().uri("/actuator/twisted").exchange().expectStatus().isUnauthorized();
        this.client.get().uri("/actuator/twisted").headers(h -> h.setBasicAuth("admin", "test-only")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.services.echo.state").isEqualTo("running")
                .jsonPath("$.services.chat.listening").isEqualTo(true);
    }
}
