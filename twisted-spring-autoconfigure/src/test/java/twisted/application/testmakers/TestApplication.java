package twisted.application.testmakers;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * A small application for the full-server tests: the services these test makers provide, from
 * properties, and a controller returning Deferreds. Tests in other packages name it in
 * {@code @SpringBootTest(classes = ...)}; it scans only this package.
 */
@SpringBootApplication
public class TestApplication {

    /** Thrown to show that {@code @ResponseStatus} maps an errback. */
    @ResponseStatus(HttpStatus.CONFLICT)
    static class HeadlineTooLong extends RuntimeException {

        HeadlineTooLong(String message) {
            super(message);
        }
    }

    /** Greeting returned as JSON. */
    public record Greeting(String text) {
    }

    @RestController
    static class DeferredController {

        private final Reactor reactor;

        DeferredController(Reactor reactor) {
            this.reactor = reactor;
        }

        @GetMapping("/deferred/hello/{name}")
        Deferred<Greeting> hello(@PathVariable String name) {
            Deferred<Greeting> d = new Deferred<>();
            this.reactor.callLater(Duration.ofMillis(20), () -> d.callback(new Greeting("hello " + name)));
            return d;
        }

        @GetMapping("/deferred/missing")
        Deferred<Greeting> missing() {
            Deferred<Greeting> d = new Deferred<>();
            this.reactor.callLater(Duration.ofMillis(20),
                    () -> d.errback(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such greeting")));
            return d;
        }

        /** A Deferred inside a body: the Jackson guard turns it into an error. */
        @GetMapping("/deferred/nested")
        Map<String, Deferred<Greeting>> nested() {
            return Map.of("greeting", new Deferred<>());
        }

        @GetMapping("/deferred/headline/{text}")
        Deferred<String> headline(@PathVariable String text) {
            return Deferred.<String>succeed(text).thenApply(t -> {
                if (t.length() > 10) {
                    throw new HeadlineTooLong("too long");
                }
                return "<h1>" + t + "</h1>";
            });
        }
    }
}
