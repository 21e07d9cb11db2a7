package twisted.demo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Chapter 8 over HTTP, on the demo's embedded H2 database (the same context as
 * {@link DemoApplicationTests}, so each test uses emails of its own; the test configuration gives
 * each context a database of its own).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "twisted.services.echo-cred.endpoint=tcp:0",
        "twisted.services.httpEcho.endpoint=tcp:0",
        "spring.security.user.password=test-only" })
@AutoConfigureWebTestClient
class UsersControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void usersAddedInOneInteractionAreFoundByEmail() {
        this.client.post().uri("/users").bodyValue(List.of(user("jane@foo.com", "Jane"), user("joel@foo.com", "Joel")))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.added").isEqualTo(2);
        this.client.get().uri("/users/jane@foo.com").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("Jane\n");
        this.client.get().uri("/users").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.email == 'joel@foo.com')].name").isEqualTo("Joel");
    }

    @Test
    void batchWithATakenEmailIsRolledBackWhole() {
        this.client.post().uri("/users").bodyValue(List.of(user("ann@foo.com", "Ann"))).exchange().expectStatus().isOk();
        this.client.post().uri("/users").bodyValue(List.of(user("bob@foo.com", "Bob"), user("ann@foo.com", "Ann again")))
                .exchange().expectStatus().isEqualTo(409);
        this.client.get().uri("/users/bob@foo.com").exchange().expectStatus().isNotFound();
        this.client.get().uri("/users/ann@foo.com").exchange().expectBody(String.class).isEqualTo("Ann\n");
    }

    @Test
    void unknownUserIsNotFound() {
        this.client.get().uri("/users/nobody@foo.com").exchange().expectStatus().isNotFound();
    }

    private static Map<String, String> user(String email, String name) {
        return Map.of("email", email, "name", name);
    }
}
