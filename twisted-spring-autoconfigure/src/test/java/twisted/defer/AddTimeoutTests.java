package twisted.defer;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.testing.Clock;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class AddTimeoutTests {

    @Test
    void timeoutCancelsAndFailsWithDeferredTimeout(Clock clock) {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(5), clock);
        clock.advance(4.9);
        assertNoResult(d);
        clock.advance(0.1);
        Failure failure = failureResultOf(d, DeferredTimeoutException.class);
        assertThat(failure.check(TimeoutException.class)).isNotNull();
        assertThat(((DeferredTimeoutException) failure.value()).getTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void resultBeforeTheTimeoutRemovesTheTimer(Clock clock) {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(5), clock);
        d.callback("in time");
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(successResultOf(d)).isEqualTo("in time");
    }

    @Test
    void timeoutRunsTheCanceller(Clock clock) {
        boolean[] cancelled = new boolean[1];
        Deferred<String> d = new Deferred<>(self -> cancelled[0] = true);
        d.addTimeout(Duration.ofSeconds(1), clock);
        clock.advance(1.0);
        assertThat(cancelled[0]).isTrue();
        failureResultOf(d, DeferredTimeoutException.class);
    }

    @Test
    void cancellerThatFiresWithAValueKeepsThatValue(Clock clock) {
        Deferred<String> d = new Deferred<>(self -> self.callback("cancelled with a value"));
        d.addTimeout(Duration.ofSeconds(1), clock);
        clock.advance(1.0);
        assertThat(successResultOf(d)).isEqualTo("cancelled with a value");
    }

    @Test
    void customConversionSeesTheResultAndTheTimeout(Clock clock) {
        Deferred<String> d = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(2), clock, (result, timeout) -> "gave up after " + timeout.toSeconds() + "s");
        clock.advance(2.0);
        assertThat(successResultOf(d)).isEqualTo("gave up after 2s");
    }

    @Test
    void timeoutCoversOnlyCallbacksAddedBeforeIt(Clock clock) {
        Deferred<String> d = new Deferred<>();
        Deferred<String> slow = new Deferred<>();
        d.addTimeout(Duration.ofSeconds(1), clock);
        d.addCallback(result -> slow);
        d.callback("fast");
        clock.advance(10.0);
        assertNoResult(d);
        slow.callback("slow but fine");
        assertThat(successResultOf(d)).isEqualTo("slow but fine");
    }

    @Test
    void timeoutOfADeferredWaitingOnAnotherCancelsTheInner(Clock clock) {
        boolean[] innerCancelled = new boolean[1];
        Deferred<String> inner = new Deferred<>(self -> innerCancelled[0] = true);
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> inner);
        d.addTimeout(Duration.ofSeconds(1), clock);
        d.callback("x");
        clock.advance(1.0);
        assertThat(innerCancelled[0]).isTrue();
        failureResultOf(d, DeferredTimeoutException.class);
    }
}
