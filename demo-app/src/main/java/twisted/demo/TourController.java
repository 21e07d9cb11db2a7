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
            ch. 4  twisted.web       http://127.0.0.1:8080/web/ (static page, clock, calendar/2013, form, busy)
            ch. 4  HTTP by hand      curl http://127.0.0.1:8081/anything   (LineReceiver, protocol layer only)
            ch. 5  Agent             curl http://127.0.0.1:8080/agent/clock ; /agent/download ; /agent/post
            ch. 6  services          curl -u admin:$DEMO_ADMIN_PASSWORD http://127.0.0.1:8080/actuator/twisted
            ch. 8  databases         curl http://127.0.0.1:8080/users     (twisted.enterprise; POST /users adds)
            ch. 9  cred              nc 127.0.0.1 8009, curl -u admin:$DEMO_ADMIN_PASSWORD http://127.0.0.1:8080/whoami
            ch. 10 processes         curl http://127.0.0.1:8080/process/uname ; /threads/primes/100000
            ch. 11 testing           twisted.testing: Clock, StringTransport, MemoryReactor, TwistedExtension
            ch. 12 IRC               nc -C 127.0.0.1 6667; the bot echobot in #twisted  (twisted.services.irc)
            ch. 13 mail              SMTP nc -C 127.0.0.1 8025, POP3 nc -C 127.0.0.1 8110, IMAP nc -C 127.0.0.1 8143
                                     (twisted.services.smtp, pop3, imap)
            ch. 13 mail clients      curl -d '{"subject":"Hi","text":"Hello"}' -H 'Content-Type: application/json' http://127.0.0.1:8080/mail ;
                                     curl -u admin:$DEMO_ADMIN_PASSWORD http://127.0.0.1:8080/mail/inbox
            ch. 14 SSH               ssh -p 2222 admin@127.0.0.1 ; ssh -p 2222 admin@127.0.0.1 uptime  (twisted.services.ssh)
            ch. 14 SSH client        curl -u admin:$DEMO_ADMIN_PASSWORD 'http://127.0.0.1:8080/ssh/run?command=uptime'
            ch. 14 admin shell       ssh -p 2223 admin@127.0.0.1   (JShell with the beans in scope; twisted.services.manhole)
            """;

    @GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
    Deferred<String> tour() {
        return Deferred.succeed(TOUR.strip() + "\n");
    }
}
