package twisted.testing.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/** A {@code @WebFluxTest} of a controller that uses the reactor needs no hand-built reactor bean. */
@WebFluxTest(controllers = WebFluxSliceReactorTests.LaterController.class)
@Import(WebFluxSliceReactorTests.LaterController.class)
class WebFluxSliceReactorTests {

    @Autowired
    private WebTestClient client;

    @SpringBootConfiguration
    static class SliceApplication {
    }

    @RestController
    static class LaterController {

        private final Reactor reactor;

        LaterController(Reactor reactor) {
            this.reactor = reactor;
        }

        @GetMapping("/later")
        Deferred<String> later() {
            Deferred<String> d = new Deferred<>();
            this.reactor.callLater(Duration.ofMillis(20), () -> d.callback("later, from the reactor"));
            return d;
        }
    }

    @Test
    void theControllerGetsAStartedReactor() {
        this.client.get().uri("/later").exchange().expectStatus().isOk().expectBody(String.class)
                .isEqualTo("later, from the reactor");
    }
}
