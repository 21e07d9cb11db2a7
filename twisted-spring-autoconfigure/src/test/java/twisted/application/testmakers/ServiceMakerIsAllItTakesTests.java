package twisted.application.testmakers;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A new protocol needs a {@link twisted.application.ServiceMaker} and nothing else: the test-only
 * {@link GreetingServiceMaker} (found through {@code META-INF/services}, no Spring code of its own)
 * gets its options bound, its limits applied, its port published, and shows up in health, metrics
 * and the Actuator endpoint, all from the shared service path.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "twisted.services.greeting.enabled=true", "twisted.services.greeting.endpoint=tcp:0",
                "twisted.services.greeting.options.greeting=Salve", "twisted.services.greeting.max-connections=1",
                "twisted.services.greeting.idle-timeout=300ms",
                "management.endpoints.web.exposure.include=health,twisted,metrics",
                "management.endpoint.twisted.access=unrestricted", "management.endpoint.health.show-details=always" })
@AutoConfigureWebTestClient
class ServiceMakerIsAllItTakesTests {

    @Autowired
    private WebTestClient client;

    @Autowired
    private Environment environment;

    @Value("${local.twisted.greeting.port}")
    private int port;

    @Test
    void optionsAreBoundAndThePortIsPublished() throws Exception {
        assertThat(this.port).isPositive();
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write('?');
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Salve");
        }
    }

    @Test
    void limitsApply() throws Exception {
        try (Socket first = new Socket("127.0.0.1", this.port); Socket second = new Socket("127.0.0.1", this.port)) {
            second.setSoTimeout(5000);
            assertThat(second.getInputStream().read()).as("refused beyond max-connections").isEqualTo(-1);
            first.setSoTimeout(5000);
            long start = System.nanoTime();
            InputStream in = first.getInputStream();
            assertThat(in.read()).as("closed by idle-timeout").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
        this.client.get().uri("/actuator/twisted/greeting").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.refusedConnections").value(n -> assertThat(((Number) n).longValue()).isPositive());
    }

    @Test
    void actuatorDescribesTheService() {
        this.client.get().uri("/actuator/twisted/greeting").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("running").jsonPath("$.listening").isEqualTo(true)
                .jsonPath("$.source").isEqualTo("maker:greeting")
                .jsonPath("$.description").isEqualTo("Greeting for the tests")
                .jsonPath("$.endpoint").isEqualTo("tcp:0")
                .jsonPath("$.port").isEqualTo(this.environment.getProperty("local.twisted.greeting.port", Integer.class));
    }

    @Test
    void healthAndMetricsCoverTheService() throws Exception {
        this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.twistedServices.components.greeting.status").isEqualTo("UP");
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            socket.getInputStream().readAllBytes();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> this.client.get()
                .uri("/actuator/metrics/twisted.bytes.sent?tag=service:greeting").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value")
                .value(v -> assertThat(((Number) v).doubleValue()).isGreaterThanOrEqualTo(5.0)));
        this.client.get().uri("/actuator/metrics/twisted.connections.total?tag=service:greeting").exchange()
                .expectStatus().isOk();
    }

    @Test
    void theServicesOwnMonitorShowsInActuatorAndMetrics() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write('?');
            socket.getInputStream().readAllBytes();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> this.client.get().uri("/actuator/twisted/greeting")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.details.greeted")
                .value(n -> assertThat(((Number) n).longValue()).isPositive()));
        this.client.get().uri("/actuator/metrics/twisted.greeting.greeted?tag=service:greeting&tag=language:latin")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.measurements[0].value")
                .value(v -> assertThat(((Number) v).doubleValue()).isPositive());
    }

    @Test
    void aStoppingServiceLetsItsProtocolSayGoodbyeBeforeClosing() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(5000);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> this.client.get().uri("/actuator/twisted/greeting")
                    .exchange().expectBody().jsonPath("$.openConnections").isEqualTo(1));
            this.client.post().uri("/actuator/twisted/greeting").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", "stop")).exchange().expectStatus().isOk();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("Vale");
        }
        finally {
            this.client.post().uri("/actuator/twisted/greeting").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", "start")).exchange().expectStatus().isOk();
            this.port = this.environment.getProperty("local.twisted.greeting.port", Integer.class);
        }
    }

    @Test
    void actuatorStopsAndStartsIt() {
        this.client.post().uri("/actuator/twisted/greeting").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "stop")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("stopped");
        this.client.post().uri("/actuator/twisted/greeting").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("action", "start")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.state").isEqualTo("running");
        this.port = this.environment.getProperty("local.twisted.greeting.port", Integer.class);
    }
}
