package twisted.demo;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import twisted.defer.Deferred;

/**
 * The demo's front page: which chapters of the book this build can show. The page itself is
 * computed through a Deferred and handed to WebFlux as a {@code Mono}, the edge conversion every
 * controller can use.
 */
@RestController
class TourController {

    private static final String TOUR = """
            twisted-spring demo: Twisted Network Programming Essentials on Spring Boot

            ch. 3  Deferreds         twisted.defer.Deferred (library; see the tests)
            ch. 11 testing           twisted.testing.Clock, DeferredAssertions, TwistedExtension

            More chapters arrive as services switched on in application.yml.
            """;

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<String> tour() {
        Deferred<String> page = new Deferred<>();
        Mono<String> response = page.thenApply(String::strip).toMono();
        page.callback(TOUR);
        return response;
    }
}
