package twisted.web.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;
import twisted.defer.Deferred;
import twisted.web.mvcapp.MvcTestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The user's steps (issue 10): a Spring MVC application on Tomcat with the starter, a controller
 * returning {@code Deferred<Greeting>}, and a real HTTP client on the real port.
 */
@SpringBootTest(classes = MvcTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeferredInSpringMvcTests {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private JsonMapper jsonMapper;

    @Test
    void runsAsAServletApplication() {
        assertThat(this.context).isInstanceOf(ServletWebServerApplicationContext.class);
    }

    @Test
    void controllerReturningADeferredAnswersWithTheJsonOfItsResult() throws Exception {
        HttpResponse<String> response = get("/greeting/bob");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(this.jsonMapper.readValue(response.body(), Map.class)).isEqualTo(Map.of("text", "hello bob"));
    }

    @Test
    void errbackWithResponseStatusExceptionGivesItsStatus() throws Exception {
        assertThat(get("/missing").statusCode()).isEqualTo(404);
    }

    @Test
    void deferredNestedInABodyIsAnErrorNotABean() throws Exception {
        HttpResponse<String> response = get("/nested");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("\"called\"");
        assertThatExceptionOfType(DatabindException.class)
                .isThrownBy(() -> this.jsonMapper.writeValueAsString(Map.of("greeting", new Deferred<>())))
                .withMessageContaining("Return the Deferred itself from the controller")
                .withMessageContaining("a Deferred nested in a body cannot be written");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET().build();
        return this.client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
