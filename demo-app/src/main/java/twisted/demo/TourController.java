package twisted.demo;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import twisted.defer.Deferred;

/**
 * The demo's front page: which chapters of the book this build shows, and how to try them.
 */
@RestController
class TourController {

    private static final String TOUR = """
            twisted-spring demo: Twisted Network Programming Essentials on Spring Boot

            ch. 2  echo server       nc 127.0.0.1 8007        (twisted.services.echo)
            ch. 2  quote server      nc 127.0.0.1 8017        (twisted.services.quote)
            ch. 2  chat server       telnet 127.0.0.1 8023    (twisted.services.chat)
            ch. 3  Deferreds         curl http://127.0.0.1:8080/headline/Hello
            ch. 6  services          curl -u admin:$DEMO_ADMIN_PASSWORD http://127.0.0.1:8080/actuator/twisted
            ch. 9  cred              nc 127.0.0.1 8009, curl -u admin:$DEMO_ADMIN_PASSWORD http://127.0.0.1:8080/whoami
            ch. 11 testing           twisted.testing: Clock, StringTransport, MemoryReactor, TwistedExtension
            """;

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> tour() {
        return Deferred.succeed(TOUR.strip() + "\n");
    }
}
