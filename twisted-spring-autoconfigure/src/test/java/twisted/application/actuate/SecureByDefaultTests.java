package twisted.application.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import twisted.application.testmakers.TestApplication;

/** With no management settings, only health is on the web, and the twisted endpoint is read-only. */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0" })
@AutoConfigureWebTestClient
class SecureByDefaultTests {

    @Autowired
    private WebTestClient client;

    @Test
    void onlyHealthIsExposed() {
        this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        this.client.get().uri("/actuator/twisted").exchange().expectStatus().isNotFound();
    }

    @SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "twisted.services.echo.enabled=true", "twisted.services.echo.endpoint=tcp:0",
            "management.endpoints.web.exposure.include=twisted" })
    @AutoConfigureWebTestClient
    @org.junit.jupiter.api.Nested
    class WhenExposed {

        @Autowired
        private WebTestClient exposed;

        @Test
        void readingIsAllowedButStoppingIsNot() {
            this.exposed.get().uri("/actuator/twisted").exchange().expectStatus().isOk();
            this.exposed.post().uri("/actuator/twisted/echo").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("action", "stop")).exchange().expectStatus().is4xxClientError();
            this.exposed.get().uri("/actuator/twisted/echo").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.state").isEqualTo("running");
        }
    }
}
