package twisted.demo;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** Chapter 4's pages in the demo, through the real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "twisted.services.echo.endpoint=tcp:0", "twisted.services.quote.endpoint=tcp:0",
        "twisted.services.chat.endpoint=tcp:0", "twisted.services.httpEcho.endpoint=tcp:0" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class WebSiteTests {

    @Autowired
    private WebTestClient client;

    @Autowired
    private twisted.web.Resource root;

    @Test
    void staticIndexIsServed() {
        this.client.get().uri("/web/").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("Serving static content"));
    }

    /** Issue 10 item 11: the pages come from the jar, whatever directory the demo starts in. */
    @Test
    void staticPagesComeFromTheClasspathNotTheWorkingDirectory() {
        assertThat(this.root).isInstanceOf(WebSite.ClasspathSite.class);
        assertThat(new ClassPathResource("static-site/index.html").exists()).isTrue();
        assertThat(Path.of("web")).as("no pages beside the working directory").doesNotExist();
        this.client.get().uri("/web/index.html").exchange().expectStatus().isOk().expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML).expectBody(String.class)
                .value(body -> assertThat(body).contains("Serving static content"));
        this.client.get().uri("/web/missing.html").exchange().expectStatus().isNotFound();
        this.client.get().uri("/web/.hidden").exchange().expectStatus().isNotFound();
    }

    /** Issue 11: what a probe of the demo sent, answered without a 500 or an ERROR line. */
    @Test
    void argumentsWithoutValuesAndPathsBelowAFileAreAnsweredAsTwistedDoes(CapturedOutput output) {
        this.client.get().uri("/web/clock?flag").exchange().expectStatus().isOk();
        this.client.post().uri("/web/form").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("name")
                .exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("You submitted: </body>"));
        this.client.get().uri("/web/index.html/x").exchange().expectStatus().isNotFound();
        assertThat(output).doesNotContain("ERROR").doesNotContain("NullPointerException");
    }

    @Test
    void aMissingStaticDirectoryIsReportedAndThePackagedPagesServed(CapturedOutput output) {
        assertThat(WebSite.staticSite("/nonexistent/site")).isInstanceOf(WebSite.ClasspathSite.class);
        assertThat(output).contains("demo.web.static-directory (/nonexistent/site) is not a directory");
        assertThat(WebSite.staticSite("src/main/resources/static-site")).isInstanceOf(twisted.web.File.class);
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
