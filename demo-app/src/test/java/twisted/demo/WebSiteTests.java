package twisted.demo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** Chapter 4's pages in the demo, through the real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "twisted.services.httpEcho.endpoint=tcp:0", "demo.web.static-directory=web" })
@AutoConfigureWebTestClient
class WebSiteTests {

    @Autowired
    private WebTestClient client;

    @Test
    void staticIndexIsServed() {
        this.client.get().uri("/web/").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("Serving static content"));
    }

    @Test
    void agentExamplesFetchTheDemosOwnPages() {
        this.client.get().uri("/agent/clock").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("200 OK").jsonPath("$.body").value(b -> assertThat((String) b)
                        .contains("The local time is"));
        this.client.get().uri("/agent/download").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).startsWith("saved ").contains(" bytes to "));
        this.client.get().uri("/agent/post").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("You submitted: Agent"));
    }

    @Test
    void lowLevelHttpEchoesTheRequestLines(@org.springframework.beans.factory.annotation.Value("${local.twisted.httpEcho.port}") int port)
            throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /anything HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            String answer = new String(socket.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("You said:").contains("GET /anything HTTP/1.1");
        }
    }

    @Test
    void clockCalendarFormAndBusyPages() {
        this.client.get().uri("/web/clock").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("The local time is"));
        this.client.get().uri("/web/calendar/2013").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("February: 28 days"));
        this.client.get().uri("/web/calendar/nope").exchange().expectStatus().isNotFound();
        this.client.post().uri("/web/form").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("name", "<Jessica>")).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("You submitted: &lt;Jessica&gt;"));
        this.client.get().uri("/web/busy").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("Finally done"));
    }
}
