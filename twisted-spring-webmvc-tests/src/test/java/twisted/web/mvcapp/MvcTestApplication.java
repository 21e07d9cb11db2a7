package twisted.web.mvcapp;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * A Spring MVC (Tomcat) application with the starter, as a user builds it: a controller returning
 * Deferreds that the reactor fires. It scans only this package.
 */
@SpringBootApplication
public class MvcTestApplication {

    /** Greeting returned as JSON. */
    public record Greeting(String text) {
    }

    @RestController
    static class GreetingController {

        private final Reactor reactor;

        GreetingController(Reactor reactor) {
            this.reactor = reactor;
        }

        @GetMapping("/greeting/{name}")
        Deferred<Greeting> greeting(@PathVariable String name) {
            Deferred<Greeting> d = new Deferred<>();
            this.reactor.callLater(Duration.ofMillis(20), () -> d.callback(new Greeting("hello " + name)));
            return d;
        }

        @GetMapping("/missing")
        Deferred<Greeting> missing() {
            Deferred<Greeting> d = new Deferred<>();
            this.reactor.callLater(Duration.ofMillis(20),
                    () -> d.errback(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such greeting")));
            return d;
        }

        @GetMapping("/nested")
        Map<String, Deferred<Greeting>> nested() {
            return Map.of("greeting", new Deferred<>());
        }
    }
}
