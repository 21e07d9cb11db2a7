package twisted.demo;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Chapter 10 as a user of the demo meets it: a pool thread counts, a real {@code uname} runs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "spring.security.user.password=test-only" })
@AutoConfigureWebTestClient
class ThreadsAndProcessesControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void primesAreCountedOnAPoolThreadAndAnsweredOnTheReactorThread() {
        String body = this.client.get().uri("/threads/primes/100").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).startsWith("There are 25 primes below 100.\n")
                .containsPattern("Counted on twisted-reactor-pool-\\S+, answered on twisted-reactor-\\d+-\\d+\\.");
    }

    @Test
    void primesOutsideTheLimitAreABadRequest() {
        this.client.get().uri("/threads/primes/1").exchange().expectStatus().isBadRequest();
        this.client.get().uri("/threads/primes/" + (ThreadsAndProcessesController.MAX_PRIMES_LIMIT + 1)).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void unameAnswersWhatUnameSays() throws Exception {
        Process uname = new ProcessBuilder("uname", "-a").start();
        String expected = new String(uname.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(uname.waitFor(10, TimeUnit.SECONDS)).isTrue();
        this.client.get().uri("/process/uname").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo(expected);
    }
}
