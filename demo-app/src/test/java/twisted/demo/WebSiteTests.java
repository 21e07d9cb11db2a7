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
        "twisted.services.chat.endpoint=tcp:0", "demo.web.static-directory=web" })
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
