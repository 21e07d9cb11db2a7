package twisted.defer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import twisted.testing.Clock;
import twisted.time.ReactorTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's chapter 3 ("Writing Asynchronous Code with Deferreds"): the headline retriever and the
 * eight exercises at the end of the chapter, each with the output Twisted gives. Where Twisted
 * prints "Unhandled error in Deferred" when the Deferred is collected, these tests ask
 * {@link UnhandledFailures} which failures are left unhandled, deterministically.
 */
class Chapter3ExercisesTests {

    private final List<String> printed = new ArrayList<>();

    private long mark;

    @BeforeEach
    void markFailures() {
        this.mark = UnhandledFailures.mark();
    }

    private void print(String label, Object value) {
        this.printed.add(label + " " + value);
    }

    private Object callback1(Object result) {
        print("Callback 1 said:", result);
        return result;
    }

    private Object callback2(Object result) {
        print("Callback 2 said:", result);
        return null;
    }

    private Object callback3(Object result) throws Exception {
        throw new Exception("Callback 3");
    }

    private Object errback1(Failure failure) {
        print("Errback 1 had an error on", failure);
        return failure;
    }

    private Object errback2(Failure failure) throws Exception {
        throw new Exception("Errback 2");
    }

    private Object errback3(Failure failure) {
        print("Errback 3 took care of", failure);
        return "Everything is fine now.";
    }

    private List<String> unhandled() {
        return UnhandledFailures.drainPendingSince(this.mark).stream().map(Failure::getErrorMessage).toList();
    }

    @Test
    void exercise1TwoCallbacks() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this::callback1);
        d.addCallback(this::callback2);
        d.callback("Test");
        assertThat(this.printed).containsExactly("Callback 1 said: Test", "Callback 2 said: Test");
        assertThat(unhandled()).isEmpty();
    }

    @Test
    void exercise2CallbackThatRaisesLeavesAnUnhandledError() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this::callback1);
        d.addCallback(this::callback2);
        d.addCallback(this::callback3);
        d.callback("Test");
        assertThat(this.printed).containsExactly("Callback 1 said: Test", "Callback 2 said: Test");
        assertThat(unhandled()).containsExactly("Callback 3");
    }

    @Test
    void exercise3ErrbackTakesCareOfTheCallbacksError() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this::callback1);
        d.addCallback(this::callback2);
        d.addCallback(this::callback3);
        d.addErrback(this::errback3);
        d.callback("Test");
        assertThat(this.printed).containsExactly("Callback 1 said: Test", "Callback 2 said: Test",
                "Errback 3 took care of [Failure instance: java.lang.Exception: Callback 3]");
        assertThat(unhandled()).isEmpty();
    }

    @Test
    void exercise4ErrbackThatReturnsTheFailureLeavesItUnhandled() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(this::errback1);
        d.errback(new Exception("Test"));
        assertThat(this.printed).containsExactly("Errback 1 had an error on [Failure instance: java.lang.Exception: Test]");
        assertThat(unhandled()).containsExactly("Test");
    }

    @Test
    void exercise5SecondErrbackHandlesWhatTheFirstPassedOn() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(this::errback1);
        d.addErrback(this::errback3);
        d.errback(new Exception("Test"));
        assertThat(this.printed).containsExactly(
                "Errback 1 had an error on [Failure instance: java.lang.Exception: Test]",
                "Errback 3 took care of [Failure instance: java.lang.Exception: Test]");
        assertThat(unhandled()).isEmpty();
    }

    @Test
    void exercise6ErrbackThatRaisesReplacesTheFailure() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(this::errback2);
        d.errback(new Exception("Test"));
        assertThat(this.printed).isEmpty();
        assertThat(unhandled()).containsExactly("Errback 2");
    }

    @Test
    void exercise7ErrbackInTheSameStageDoesNotSeeItsCallbacksError() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this::callback1);
        d.addCallback(this::callback2);
        d.addCallbacks(this::callback3, this::errback3);
        d.callback("Test");
        assertThat(this.printed).containsExactly("Callback 1 said: Test", "Callback 2 said: Test");
        assertThat(unhandled()).containsExactly("Callback 3");
    }

    @Test
    void exercise8RecoveredChainContinuesOnTheCallbackPath() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this::callback3);
        d.addCallbacks(this::callback2, this::errback3);
        d.addCallbacks(this::callback1, this::errback2);
        d.callback("Test");
        assertThat(this.printed).containsExactly(
                "Errback 3 took care of [Failure instance: java.lang.Exception: Callback 3]",
                "Callback 1 said: Everything is fine now.");
        assertThat(unhandled()).isEmpty();
    }

    @Test
    void headlineRetrieverWrapsTheHeadlineInH1AfterOneSecond() {
        Clock clock = new Clock();
        Deferred<String> d = new HeadlineRetriever(clock).getHeadline("Breaking News: Twisted Takes Us to the Moon!");
        d.addCallbacks(result -> {
            print("", result);
            return null;
        }, failure -> {
            print("", failure);
            return null;
        });
        assertThat(this.printed).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(this.printed).containsExactly(" <h1>Breaking News: Twisted Takes Us to the Moon!</h1>");
    }

    @Test
    void headlineRetrieverRejectsAHeadlineLongerThanFiftyCharacters() {
        Clock clock = new Clock();
        String headline = "1234567890".repeat(6);
        Deferred<String> d = new HeadlineRetriever(clock).getHeadline(headline);
        d.addCallbacks(result -> {
            print("", result);
            return null;
        }, failure -> {
            print("", failure);
            return null;
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(this.printed).containsExactly(
                " [Failure instance: java.lang.Exception: The headline ``" + headline + "'' is too long!]");
        assertThat(unhandled()).isEmpty();
    }

    /** The book's {@code HeadlineRetriever}, with the reactor injected. */
    static final class HeadlineRetriever {

        private final ReactorTime reactor;

        private Deferred<String> d = new Deferred<>();

        HeadlineRetriever(ReactorTime reactor) {
            this.reactor = reactor;
        }

        Deferred<String> getHeadline(String input) {
            this.d = new Deferred<>();
            this.reactor.callLater(1, () -> processHeadline(input));
            this.d.addCallback(result -> "<h1>" + result + "</h1>");
            return this.d;
        }

        private void processHeadline(String headline) {
            if (headline.length() > 50) {
                this.d.errback(new Exception("The headline ``" + headline + "'' is too long!"));
            }
            else {
                this.d.callback(headline);
            }
        }
    }
}
