package twisted.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.AlreadyCalledException;
import twisted.internet.error.AlreadyCancelledException;
import twisted.time.DelayedCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClockTests {

    private final Clock clock = new Clock();

    private final List<String> ran = new ArrayList<>();

    private Runnable record(String name) {
        return () -> this.ran.add(name);
    }

    @Test
    void timeStartsAtZeroAndMovesOnlyOnAdvance() {
        assertThat(this.clock.seconds()).isZero();
        this.clock.advance(Duration.ofMillis(1500));
        assertThat(this.clock.seconds()).isEqualTo(1.5);
        this.clock.advance(0.5);
        assertThat(this.clock.seconds()).isEqualTo(2.0);
    }

    @Test
    void callRunsWhenItsTimeHasCome() {
        DelayedCall call = this.clock.callLater(Duration.ofSeconds(2), record("due"));
        assertThat(call.getTime()).isEqualTo(2.0);
        this.clock.advance(Duration.ofMillis(1999));
        assertThat(this.ran).isEmpty();
        this.clock.advance(Duration.ofMillis(1));
        assertThat(this.ran).containsExactly("due");
        assertThat(call.active()).isFalse();
    }

    @Test
    void zeroDelayNeverRunsSynchronously() {
        this.clock.callLater(Duration.ZERO, record("next turn"));
        assertThat(this.ran).isEmpty();
        this.clock.advance(Duration.ZERO);
        assertThat(this.ran).containsExactly("next turn");
    }

    @Test
    void callsDueAtTheSameInstantRunFirstInFirstOut() {
        for (int i = 0; i < 20; i++) {
            this.clock.callLater(1.0, record("call " + i));
        }
        this.clock.callLater(0.5, record("earlier"));
        this.clock.advance(1.0);
        assertThat(this.ran).hasSize(21).startsWith("earlier", "call 0", "call 1").endsWith("call 19");
    }

    @Test
    void callScheduledDuringAdvanceRunsInItWhenAlreadyDue() {
        this.clock.callLater(1.0, () -> {
            this.ran.add("outer");
            this.clock.callLater(0, record("scheduled by outer"));
        });
        this.clock.advance(1.0);
        assertThat(this.ran).containsExactly("outer", "scheduled by outer");
    }

    @Test
    void cancelledCallNeverRunsAndCannotBeCancelledTwice() {
        DelayedCall call = this.clock.callLater(1.0, record("cancelled"));
        call.cancel();
        assertThat(call.active()).isFalse();
        this.clock.advance(2.0);
        assertThat(this.ran).isEmpty();
        assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(call::cancel);
        assertThatExceptionOfType(AlreadyCancelledException.class).isThrownBy(() -> call.reset(Duration.ofSeconds(1)));
    }

    @Test
    void callThatRanCannotBeCancelledOrMoved() {
        DelayedCall call = this.clock.callLater(1.0, record("ran"));
        this.clock.advance(1.0);
        assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(call::cancel);
        assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> call.delay(Duration.ofSeconds(1)));
    }

    @Test
    void delayMovesTheCallFromItsDueTime() {
        DelayedCall call = this.clock.callLater(1.0, record("delayed"));
        call.delay(Duration.ofSeconds(2));
        assertThat(call.getTime()).isEqualTo(3.0);
        this.clock.advance(2.9);
        assertThat(this.ran).isEmpty();
        this.clock.advance(0.1);
        assertThat(this.ran).containsExactly("delayed");
    }

    @Test
    void resetMovesTheCallRelativeToNow() {
        DelayedCall call = this.clock.callLater(1.0, record("reset"));
        this.clock.advance(0.5);
        call.reset(Duration.ofSeconds(1));
        assertThat(call.getTime()).isEqualTo(1.5);
        this.clock.advance(0.9);
        assertThat(this.ran).isEmpty();
        this.clock.advance(0.1);
        assertThat(this.ran).containsExactly("reset");
    }

    @Test
    void getDelayedCallsListsPendingCallsSoonestFirst() {
        DelayedCall late = this.clock.callLater(2.0, record("late"));
        DelayedCall early = this.clock.callLater(1.0, record("early"));
        assertThat(this.clock.getDelayedCalls()).containsExactly(early, late);
        this.clock.advance(1.0);
        assertThat(this.clock.getDelayedCalls()).containsExactly(late);
        late.cancel();
        assertThat(this.clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void callThatThrowsDoesNotStopTheOthersAndIsRethrownAfterThem() {
        this.clock.callLater(1.0, () -> {
            throw new IllegalStateException("first");
        });
        this.clock.callLater(1.0, record("still runs"));
        this.clock.callLater(1.0, () -> {
            throw new IllegalArgumentException("second");
        });
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.clock.advance(1.0))
                .withMessage("first")
                .satisfies(ex -> assertThat(ex.getSuppressed()).hasSize(1));
        assertThat(this.ran).containsExactly("still runs");
    }

    @Test
    void pumpAdvancesStepByStep() {
        this.clock.callLater(1.0, () -> this.ran.add("at " + this.clock.seconds()));
        this.clock.callLater(3.0, () -> this.ran.add("at " + this.clock.seconds()));
        this.clock.pump(1.0, 1.0, 1.0);
        assertThat(this.ran).containsExactly("at 1.0", "at 3.0");
    }

    @Test
    void negativeDelaysAreRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> this.clock.callLater(Duration.ofSeconds(-1), record("never")));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.clock.callLater(-0.1, record("x")))
                .withMessageContaining("-0.1");
    }
}
