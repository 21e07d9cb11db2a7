package twisted.application.autoconfigure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import twisted.application.testmakers.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The whole starter in a running application: services on real sockets, Actuator, and a
 * controller returning Deferreds.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
        "twisted.services.echo.close-timeout=1s",
        "twisted.services.greeting.enabled=true", "twisted.services.greeting.endpoint=tcp:0",
        "management.endpoints.web.exposure.include=health,twisted,metrics",
        "management.endpoint.twisted.access=unrestricted", "management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient
class TwistedApplicationTests {

    @Autowired
    private WebTestClient client;

    @Autowired
    private Environment environment;

    @Value("${local.twisted.echo.port}")
    private int echoPort;

    private static String exchange(int port, String send) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[256];
            int n = socket.getInputStream().read(buffer);
            return new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }

    @Test
    void servicesAnswerOnTheirPublishedPorts() throws Exception {
        assertThat(exchange(this.echoPort, "ping")).isEqualTo("ping");
        int greeting = this.environment.getProperty("local.twisted.greeting.port", Integer.class);
        assertThat(exchange(greeting, "hello?")).isEqualTo("An apple a day keeps the doctor away");
    }

    @Test
    void actuatorListsServicesWithLiveConnectionCounts() throws Exception {
        try (Socket open = new Socket("127.0.0.1", this.echoPort)) {
            open.setSoTimeout(5000);
            open.getOutputStream().write('x');
            assertThat(open.getInputStream().read()).isEqualTo('x');
            this.client.get().uri("/actuator/twisted").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.reactor.running").isEqualTo(true)
                    .jsonPath("$.reactor.threads").isEqualTo(1)
                    .jsonPath("$.services.echo.state").isEqualTo("running")
                    .jsonPath("$.services.echo.listening").isEqualTo(true)
                    .jsonPath("$.services.echo.openConnections").isEqualTo(1)
                    .jsonPath("$.services.echo.bytesIn").value(n -> assertThat(((Number) n).longValue()).isPositive())
                    .jsonPath("$.services.greeting.endpoint").isEqualTo("tcp:0")
                    .jsonPath("$.services.greeting.address").value(a -> assertThat((String) a).contains("127.0.0.1"))
                    .jsonPath("$.services.greeting.description").isEqualTo("Greeting for the tests");
        }
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> this.client.get().uri("/actuator/twisted/echo").exchange()
                .expectBody().jsonPath("$.openConnections").isEqualTo(0));
    }

    @Test
    void stoppingAServiceClosesItsPortAndHealthGoesDownThenStartingBringsBothBack() throws Exception {
        this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.twistedServices.components.echo.status").isEqualTo("UP");

        this.client.post().uri("/actuator/twisted/echo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "stop")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("stopped").jsonPath("$.listening").isEqualTo(false)
                .jsonPath("$.name").isEqualTo("echo").jsonPath("$.address").value(address -> assertThat(address).isNull());
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", this.echoPort).close());
        this.client.get().uri("/actuator/health").exchange().expectStatus().is5xxServerError().expectBody()
                .jsonPath("$.components.twistedServices.components.echo.status").isEqualTo("DOWN");

        this.client.post().uri("/actuator/twisted/echo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "start")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("running").jsonPath("$.listening").isEqualTo(true);
        int port = this.environment.getProperty("local.twisted.echo.port", Integer.class);
        this.echoPort = port;
        this.client.get().uri("/actuator/twisted/echo").exchange().expectBody().jsonPath("$.port").isEqualTo(port);
        assertThat(exchange(port, "back")).isEqualTo("back");
        this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.twistedServices.components.echo.status").isEqualTo("UP");
    }

    private long echoStat(String path) {
        Number value = (Number) this.client.get().uri("/actuator/twisted/echo").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get(path);
        return value.longValue();
    }

    @SuppressWarnings("unchecked")
    private long echoAborted(String reason) {
        Map<String, Object> body = this.client.get().uri("/actuator/twisted/echo").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) ((Map<String, Object>) body.get("abortedConnections")).get(reason)).longValue();
    }

    @Test
    void stoppingAServiceWhosePeerNeverReadsEndsWithinItsCloseTimeoutAndCountsStayExact() throws Exception {
        long abortedBefore = echoAborted("close-timeout");
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress("127.0.0.1", this.echoPort), 5000);
            // Sends until the echo, whose replies are never read, stops reading; ends when aborted.
            Thread writer = new Thread(() -> {
                try {
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 1024; i++) {
                        stuck.getOutputStream().write(chunk);
                    }
                }
                catch (IOException ex) {
                    // the connection was aborted, or the test closed the socket
                }
            });
            writer.setDaemon(true);
            writer.start();
            await().atMost(10, TimeUnit.SECONDS).until(() -> echoStat("bytesOut") > 1024 * 1024);
            assertThat(echoStat("openConnections")).isEqualTo(1);

            this.client.post().uri("/actuator/twisted/echo").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", "stop")).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.state").isEqualTo("stopped").jsonPath("$.openConnections").isEqualTo(0);
            assertThat(echoAborted("close-timeout")).isEqualTo(abortedBefore + 1);

            this.client.post().uri("/actuator/twisted/echo").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", "start")).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.state").isEqualTo("running").jsonPath("$.openConnections").isEqualTo(0);
            this.echoPort = this.environment.getProperty("local.twisted.echo.port", Integer.class);
            assertThat(exchange(this.echoPort, "after")).isEqualTo("after");
            await().atMost(5, TimeUnit.SECONDS).until(() -> echoStat("openConnections") == 0);
            writer.join(10000);
        }
    }

    @Test
    void unknownServiceIs404AndABadActionIsRefused() {
        this.client.get().uri("/actuator/twisted/nope").exchange().expectStatus().isNotFound();
        this.client.post().uri("/actuator/twisted/echo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "explode")).exchange().expectStatus().is4xxClientError();
    }

    @Test
    void metricsArePublished() throws Exception {
        exchange(this.echoPort, "count me");
        this.client.get().uri("/actuator/metrics/twisted.connections.total?tag=service:echo").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.measurements[0].value")
                .value(v -> assertThat(((Number) v).doubleValue()).isGreaterThanOrEqualTo(1.0));
        this.client.get().uri("/actuator/metrics/twisted.bytes.received?tag=service:echo").exchange()
                .expectStatus().isOk();
        this.client.get().uri("/actuator/metrics/twisted.reactor.lag").exchange().expectStatus().isOk();
        this.client.get().uri("/actuator/metrics/twisted.deferred.unhandled").exchange().expectStatus().isOk();
    }

    @Test
    void controllerReturningADeferredAnswersWithItsValue() {
        this.client.get().uri("/deferred/hello/bob").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.text").isEqualTo("hello bob");
    }

    @Test
    void errbacksMapToErrorStatuses() {
        this.client.get().uri("/deferred/missing").exchange().expectStatus().isNotFound();
        this.client.get().uri("/deferred/headline/short").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("<h1>short</h1>");
        this.client.get().uri("/deferred/headline/much-too-long").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void deferredNestedInABodyIsAnErrorNotABean() {
        this.client.get().uri("/deferred/nested").exchange().expectStatus().isEqualTo(500).expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain("\"called\""));
    }
}
