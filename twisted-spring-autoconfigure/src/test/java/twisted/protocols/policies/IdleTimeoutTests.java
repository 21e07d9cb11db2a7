package twisted.protocols.policies;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.testing.Clock;
import twisted.testing.TwistedExtension;
import twisted.time.DelayedCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(TwistedExtension.class)
class IdleTimeoutTests {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private int timeouts;

    private IdleTimeout idle(Clock clock) {
        return new IdleTimeout(clock, () -> this.timeouts++);
    }

    @Test
    void setTimeoutArmsItToFireAfterThePeriod(Clock clock) {
        IdleTimeout idle = idle(clock);
        assertThat(idle.setTimeout(TEN_SECONDS)).isNull();
        assertThat(idle.isArmed()).isTrue();
        clock.advance(9.999);
        assertThat(this.timeouts).isZero();
        clock.advance(0.001);
        assertThat(this.timeouts).isEqualTo(1);
        assertThat(idle.isArmed()).isFalse();
    }

    @Test
    void resetTimeoutRestartsTheCountdownByMovingTheSameCall(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.setTimeout(TEN_SECONDS);
        clock.advance(6.0);
        DelayedCall armed = clock.getDelayedCalls().get(0);
        idle.resetTimeout();
        assertThat(clock.getDelayedCalls()).containsExactly(armed);
        assertThat(armed.getTime()).isEqualTo(16.0);
        clock.advance(9.999);
        assertThat(this.timeouts).isZero();
        clock.advance(0.001);
        assertThat(this.timeouts).isEqualTo(1);
    }

    @Test
    void firesOnceThenStaysDisarmedKeepingItsTimeoutUntilSetAgain(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.setTimeout(TEN_SECONDS);
        clock.advance(10.0);
        idle.resetTimeout();
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(100.0);
        assertThat(this.timeouts).isEqualTo(1);
        assertThat(idle.getTimeout()).isEqualTo(TEN_SECONDS);
        assertThat(idle.setTimeout(TEN_SECONDS)).isEqualTo(TEN_SECONDS);
        clock.advance(10.0);
        assertThat(this.timeouts).isEqualTo(2);
    }

    @Test
    void setTimeoutNullDisarmsAndGivesBackThePreviousTimeout(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.setTimeout(TEN_SECONDS);
        assertThat(idle.setTimeout(null)).isEqualTo(TEN_SECONDS);
        assertThat(idle.isArmed()).isFalse();
        assertThat(idle.getTimeout()).isNull();
        assertThat(clock.getDelayedCalls()).isEmpty();
        idle.resetTimeout();
        clock.advance(20.0);
        assertThat(this.timeouts).isZero();
    }

    @Test
    void cancelDisarmsAndDoesNothingWhenAlreadyDisarmed(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.cancel();
        idle.setTimeout(TEN_SECONDS);
        idle.cancel();
        idle.cancel();
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(idle.getTimeout()).isNull();
        clock.advance(20.0);
        assertThat(this.timeouts).isZero();
    }

    @Test
    void setTimeoutWhileArmedMovesTheSameCallToTheNewPeriodFromNow(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.setTimeout(TEN_SECONDS);
        clock.advance(4.0);
        DelayedCall armed = clock.getDelayedCalls().get(0);
        assertThat(idle.setTimeout(Duration.ofSeconds(2))).isEqualTo(TEN_SECONDS);
        assertThat(clock.getDelayedCalls()).containsExactly(armed);
        assertThat(armed.getTime()).isEqualTo(6.0);
        clock.advance(2.0);
        assertThat(this.timeouts).isEqualTo(1);
    }

    @Test
    void zeroTimeoutFiresOnTheNextTurnNeverSynchronously(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.setTimeout(Duration.ZERO);
        assertThat(this.timeouts).isZero();
        clock.advance(Duration.ZERO);
        assertThat(this.timeouts).isEqualTo(1);
    }

    @Test
    void negativeTimeoutIsRefusedNamingTheValueAndChangesNothing(Clock clock) {
        IdleTimeout idle = idle(clock);
        idle.setTimeout(TEN_SECONDS);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> idle.setTimeout(Duration.ofSeconds(-5)))
                .withMessageContaining("timeout (PT-5S)");
        assertThat(idle.getTimeout()).isEqualTo(TEN_SECONDS);
        clock.advance(10.0);
        assertThat(this.timeouts).isEqualTo(1);
    }

    @Test
    void actionThatThrowsReachesTheReactorAndLeavesItDisarmed(Clock clock) {
        IdleTimeout idle = new IdleTimeout(clock, () -> {
            throw new IllegalStateException("close failed");
        });
        idle.setTimeout(TEN_SECONDS);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> clock.advance(10.0))
                .withMessage("close failed");
        assertThat(idle.isArmed()).isFalse();
        idle.resetTimeout();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void actionMayArmItAgain(Clock clock) {
        IdleTimeout[] idle = new IdleTimeout[1];
        idle[0] = new IdleTimeout(clock, () -> {
            this.timeouts++;
            if (this.timeouts < 3) {
                idle[0].setTimeout(Duration.ofSeconds(1));
            }
        });
        idle[0].setTimeout(Duration.ofSeconds(1));
        clock.advance(1.0);
        clock.advance(1.0);
        clock.advance(1.0);
        assertThat(this.timeouts).isEqualTo(3);
        assertThat(idle[0].isArmed()).isFalse();
    }
}
