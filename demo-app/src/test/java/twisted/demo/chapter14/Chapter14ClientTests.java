package twisted.demo.chapter14;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chapter 14 with the project's own SSH client, as the demo runs it: {@code GET /ssh/run} runs a
 * command over the demo's ssh service and answers its output and exit status, for the admin only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.user.password=test-only")
@AutoConfigureWebTestClient
class Chapter14ClientTests {

    @Autowired
    private WebTestClient client;

    private Map<String, Object> run(String command) {
        return this.client.get().uri(uri -> uri.path("/ssh/run").queryParam("command", command).build())
                .headers(headers -> headers.setBasicAuth("admin", "test-only")).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    @Test
    void ourClientRunsACommandOnTheDemosSshService() {
        this.client.get().uri("/ssh/run?command=whoami").exchange().expectStatus().isUnauthorized();
        assertThat(run("whoami")).containsEntry("exitStatus", 0).containsEntry("stdout", "admin\n")
                .containsEntry("stderr", "");
        assertThat(run("reboot")).containsEntry("exitStatus", 127).containsEntry("stderr", "reboot: command not found\n");
    }
}
