package twisted.demo;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Chapter 3's headline retriever behind HTTP: the controller returns a {@code Deferred}, fired by
 * the reactor a second later; a headline over fifty characters fails, and the failure becomes a
 * 422 answer.
 *
 * <pre>
 * curl http://127.0.0.1:8080/headline/Twisted%20Takes%20Us%20to%20the%20Moon
 * </pre>
 */
@RestController
class HeadlineController {

    private static final int MAX_LENGTH = 50;

    private final Reactor reactor;

    HeadlineController(Reactor reactor) {
        this.reactor = reactor;
    }

    @GetMapping(path = "/headline/{headline}", produces = "text/html")
    Deferred<String> headline(@PathVariable String headline) {
        return ReactorThread.onReactor(this.reactor, () -> {
            Deferred<String> d = new Deferred<>();
            this.reactor.callLater(Duration.ofSeconds(1), () -> {
                if (headline.length() > MAX_LENGTH) {
                    d.errback(new HeadlineTooLongException(headline));
                }
                else {
                    d.callback(headline);
                }
            });
            return d.thenApply(text -> "<h1>" + text + "</h1>\n");
        });
    }

    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    static class HeadlineTooLongException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        HeadlineTooLongException(String headline) {
            super("The headline ``" + headline + "'' is too long!");
        }
    }
}
