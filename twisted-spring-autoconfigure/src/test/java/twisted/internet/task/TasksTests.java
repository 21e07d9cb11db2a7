package twisted.internet.task;

import java.time.Duration;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.testing.Clock;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.internet.task.Tasks.deferLater;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class TasksTests {

    private int calls;

    private Callable<String> answer(String value) {
        return () -> {
            this.calls++;
            return value;
        };
    }

    @Test
    void deferLaterCallsTheFunctionAfterTheDelayAndFiresWithItsResult(Clock clock) {
        Deferred<String> d = deferLater(clock, Duration.ofSeconds(2), answer("later"));
        clock.advance(1.999);
        assertNoResult(d);
        assertThat(this.calls).isZero();
        clock.advance(0.001);
        assertThat(this.calls).isEqualTo(1);
        assertThat(successResultOf(d)).isEqualTo("later");
    }

    @Test
    void deferLaterFailsWithWhatTheFunctionThrows(Clock clock) {
        Deferred<String> d = deferLater(clock, Duration.ofSeconds(1), () -> {
            throw new IllegalStateException("no answer");
        });
        clock.advance(1.0);
        assertThat(failureResultOf(d, IllegalStateException.class).getErrorMessage()).isEqualTo("no answer");
    }

    @Test
    void cancellingCancelsTheDelayedCallAndTheFunctionNeverRuns(Clock clock) {
        Deferred<String> d = deferLater(clock, Duration.ofSeconds(1), answer("never"));
        assertThat(clock.getDelayedCalls()).hasSize(1);
        d.cancel();
        assertThat(clock.getDelayedCalls()).isEmpty();
        failureResultOf(d, CancelledException.class);
        clock.advance(5.0);
        assertThat(this.calls).isZero();
    }

    @Test
    void cancellingAfterItFiredChangesNothing(Clock clock) {
        Deferred<String> d = deferLater(clock, Duration.ofSeconds(1), answer("kept"));
        clock.advance(1.0);
        d.cancel();
        assertThat(successResultOf(d)).isEqualTo("kept");
    }

    @Test
    void withoutAFunctionItFiresWithNullAfterTheDelay(Clock clock) {
        Deferred<Void> d = deferLater(clock, Duration.ofMillis(500));
        clock.advance(0.499);
        assertNoResult(d);
        clock.advance(0.001);
        assertThat(successResultOf(d)).isNull();
    }

    @Test
    void withoutAFunctionCancellingCancelsTheDelayedCall(Clock clock) {
        Deferred<Void> d = deferLater(clock, Duration.ofMillis(500));
        d.cancel();
        assertThat(clock.getDelayedCalls()).isEmpty();
        failureResultOf(d, CancelledException.class);
    }

    @Test
    void zeroDelayFiresOnTheNextTurnNeverSynchronously(Clock clock) {
        Deferred<String> d = deferLater(clock, Duration.ZERO, answer("next turn"));
        assertNoResult(d);
        assertThat(this.calls).isZero();
        clock.advance(Duration.ZERO);
        assertThat(successResultOf(d)).isEqualTo("next turn");
    }

    @Test
    void negativeDelayIsRefusedNamingTheValue(Clock clock) {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> deferLater(clock, Duration.ofSeconds(-1), answer("never")))
                .withMessageContaining("PT-1S");
        assertThat(clock.getDelayedCalls()).isEmpty();
    }
}
