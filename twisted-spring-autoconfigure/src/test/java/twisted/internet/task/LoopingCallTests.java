package twisted.internet.task;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.defer.Deferred;
import twisted.testing.Clock;
import twisted.testing.TwistedExtension;
import twisted.time.DelayedCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class LoopingCallTests {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final List<Double> times = new ArrayList<>();

    private final List<Long> counts = new ArrayList<>();

    private final List<Deferred<String>> pending = new ArrayList<>();

    private LoopingCall recording(Clock clock) {
        return new LoopingCall(clock, () -> this.times.add(clock.seconds()));
    }

    private LoopingCall counting(Clock clock) {
        return LoopingCall.withCount(clock, count -> this.counts.add(count));
    }

    /** A loop whose every call returns a new unfired Deferred, kept in {@link #pending}. */
    private LoopingCall waiting(Clock clock) {
        return new LoopingCall(clock, () -> {
            this.times.add(clock.seconds());
            Deferred<String> d = new Deferred<>();
            this.pending.add(d);
            return d;
        });
    }

    private static List<Double> dueTimes(Clock clock) {
        return clock.getDelayedCalls().stream().map(DelayedCall::getTime).toList();
    }

    @Test
    void callsAtOnceThenOncePerInterval(Clock clock) {
        LoopingCall loop = recording(clock);
        Deferred<LoopingCall> done = loop.start(SECOND);
        assertThat(this.times).containsExactly(0.0);
        clock.advance(0.999);
        assertThat(this.times).containsExactly(0.0);
        clock.advance(0.001);
        clock.advance(1.0);
        assertThat(this.times).containsExactly(0.0, 1.0, 2.0);
        loop.stop();
        assertThat(successResultOf(done)).isSameAs(loop);
    }

    @Test
    void startNotNowMakesTheFirstCallOneIntervalLater(Clock clock) {
        LoopingCall loop = recording(clock);
        loop.start(SECOND, false);
        assertThat(this.times).isEmpty();
        assertThat(dueTimes(clock)).containsExactly(1.0);
        clock.advance(1.0);
        assertThat(this.times).containsExactly(1.0);
        loop.stop();
    }

    @Test
    void missedIntervalsAreSkippedAndTheNextCallStaysOnTheGrid(Clock clock) {
        LoopingCall loop = recording(clock);
        loop.start(SECOND);
        clock.advance(3.5);
        assertThat(this.times).containsExactly(0.0, 3.5);
        assertThat(dueTimes(clock)).containsExactly(4.0);
        clock.advance(0.5);
        assertThat(this.times).containsExactly(0.0, 3.5, 4.0);
        loop.stop();
    }

    @Test
    void gridIsCountedFromTheStartTime(Clock clock) {
        clock.advance(0.25);
        LoopingCall loop = recording(clock);
        loop.start(SECOND);
        assertThat(dueTimes(clock)).containsExactly(1.25);
        clock.advance(2.0);
        assertThat(this.times).containsExactly(0.25, 2.25);
        assertThat(dueTimes(clock)).containsExactly(3.25);
        loop.stop();
    }

    @Test
    void withCountPassesTheIntervalsElapsedSinceTheLastCall(Clock clock) {
        LoopingCall loop = counting(clock);
        loop.start(SECOND);
        clock.advance(1.0);
        clock.advance(3.5);
        clock.advance(0.5);
        assertThat(this.counts).containsExactly(1L, 1L, 3L, 1L);
        loop.stop();
    }

    @Test
    void withCountStartedNotNowCountsFromTheStart(Clock clock) {
        LoopingCall loop = counting(clock);
        loop.start(SECOND, false);
        clock.advance(2.5);
        clock.advance(0.5);
        assertThat(this.counts).containsExactly(2L, 1L);
        loop.stop();
    }

    @Test
    void withCountCountsIntervalsSpentWaitingOnTheFunctionsDeferred(Clock clock) {
        List<Deferred<String>> results = new ArrayList<>();
        LoopingCall loop = LoopingCall.withCount(clock, count -> {
            this.counts.add(count);
            Deferred<String> d = new Deferred<>();
            results.add(d);
            return d;
        });
        loop.start(SECOND);
        clock.advance(2.5);
        results.get(0).callback("slow");
        clock.advance(0.5);
        assertThat(this.counts).containsExactly(1L, 3L);
        loop.stop();
        results.get(1).callback("done");
    }

    @Test
    void withCountIsAlwaysOneForAZeroInterval(Clock clock) {
        LoopingCall[] loop = new LoopingCall[1];
        loop[0] = LoopingCall.withCount(clock, count -> {
            this.counts.add(count);
            if (this.counts.size() == 3) {
                loop[0].stop();
            }
            return null;
        });
        Deferred<LoopingCall> done = loop[0].start(Duration.ZERO);
        clock.advance(5.0);
        assertThat(this.counts).containsExactly(1L, 1L, 1L);
        successResultOf(done);
    }

    @Test
    void zeroIntervalRunsAgainOnTheNextTurnNeverSynchronously(Clock clock) {
        LoopingCall[] loop = new LoopingCall[1];
        loop[0] = new LoopingCall(clock, () -> {
            this.times.add(clock.seconds());
            if (this.times.size() == 4) {
                loop[0].stop();
            }
            return null;
        });
        Deferred<LoopingCall> done = loop[0].start(Duration.ZERO);
        assertThat(this.times).containsExactly(0.0);
        assertThat(dueTimes(clock)).containsExactly(0.0);
        clock.advance(Duration.ZERO);
        assertThat(this.times).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(successResultOf(done)).isSameAs(loop[0]);
    }

    @Test
    void functionsDeferredDelaysTheNextCallUntilItFires(Clock clock) {
        LoopingCall loop = waiting(clock);
        loop.start(SECOND);
        clock.advance(5.0);
        assertThat(this.times).containsExactly(0.0);
        assertThat(clock.getDelayedCalls()).isEmpty();
        this.pending.get(0).callback("late");
        assertThat(dueTimes(clock)).containsExactly(6.0);
        clock.advance(1.0);
        assertThat(this.times).containsExactly(0.0, 6.0);
        loop.stop();
        this.pending.get(1).callback("done");
    }

    @Test
    void exceptionStopsTheLoopAndFailsItsDeferred(Clock clock) {
        LoopingCall loop = new LoopingCall(clock, () -> {
            this.times.add(clock.seconds());
            if (this.times.size() == 2) {
                throw new IllegalStateException("boom");
            }
            return null;
        });
        Deferred<LoopingCall> done = loop.start(SECOND);
        clock.advance(1.0);
        assertThat(failureResultOf(done, IllegalStateException.class).getErrorMessage()).isEqualTo("boom");
        assertThat(loop.isRunning()).isFalse();
        clock.advance(5.0);
        assertThat(this.times).containsExactly(0.0, 1.0);
    }

    @Test
    void exceptionInTheFirstCallFailsTheDeferredBeforeStartReturns(Clock clock) {
        LoopingCall loop = new LoopingCall(clock, () -> {
            throw new IOException("no disk");
        });
        Deferred<LoopingCall> done = loop.start(SECOND);
        failureResultOf(done, IOException.class);
        assertThat(loop.isRunning()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void failedDeferredStopsTheLoopAndFailsItsDeferred(Clock clock) {
        LoopingCall loop = waiting(clock);
        Deferred<LoopingCall> done = loop.start(SECOND);
        assertNoResult(done);
        this.pending.get(0).errback(new IllegalArgumentException("bad reply"));
        failureResultOf(done, IllegalArgumentException.class);
        assertThat(loop.isRunning()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopCancelsTheScheduledCallAndFiresWithTheLoopingCall(Clock clock) {
        LoopingCall loop = recording(clock);
        Deferred<LoopingCall> done = loop.start(SECOND);
        assertNoResult(done);
        loop.stop();
        assertThat(loop.isRunning()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(successResultOf(done)).isSameAs(loop);
    }

    @Test
    void stopWhileTheFunctionsDeferredIsPendingFiresWhenThatOneDoes(Clock clock) {
        LoopingCall loop = waiting(clock);
        Deferred<LoopingCall> done = loop.start(SECOND);
        loop.stop();
        assertNoResult(done);
        this.pending.get(0).callback("finished");
        assertThat(successResultOf(done)).isSameAs(loop);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopFromInsideTheFunctionEndsTheLoopAfterThatCall(Clock clock) {
        LoopingCall[] loop = new LoopingCall[1];
        loop[0] = new LoopingCall(clock, () -> {
            this.times.add(clock.seconds());
            if (this.times.size() == 2) {
                loop[0].stop();
            }
            return null;
        });
        Deferred<LoopingCall> done = loop[0].start(SECOND);
        clock.advance(1.0);
        assertThat(successResultOf(done)).isSameAs(loop[0]);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void resetSkipsTheNextCallAndRestartsTheGridFromNowMovingTheSameCall(Clock clock) {
        LoopingCall loop = recording(clock);
        loop.start(SECOND);
        clock.advance(0.5);
        DelayedCall scheduled = clock.getDelayedCalls().get(0);
        loop.reset();
        assertThat(clock.getDelayedCalls()).containsExactly(scheduled);
        assertThat(scheduled.getTime()).isEqualTo(1.5);
        clock.advance(1.0);
        assertThat(this.times).containsExactly(0.0, 1.5);
        assertThat(dueTimes(clock)).containsExactly(2.5);
        loop.stop();
    }

    @Test
    void withCountRestartsCountingFromAReset(Clock clock) {
        LoopingCall loop = counting(clock);
        loop.start(SECOND);
        clock.advance(3.5);
        clock.advance(0.25);
        loop.reset();
        clock.advance(1.0);
        assertThat(this.counts).containsExactly(1L, 3L, 1L);
        loop.stop();
    }

    @Test
    void negativeIntervalIsRefusedNamingTheValue(Clock clock) {
        LoopingCall loop = recording(clock);
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> loop.start(Duration.ofSeconds(-2)))
                .withMessageContaining("interval (PT-2S)");
        assertThat(loop.isRunning()).isFalse();
        assertThat(this.times).isEmpty();
    }

    @Test
    void startingTwiceIsRefused(Clock clock) {
        LoopingCall loop = recording(clock);
        loop.start(SECOND);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> loop.start(SECOND))
                .withMessageContaining("already running");
        assertThat(this.times).containsExactly(0.0);
        loop.stop();
    }

    @Test
    void stopOrResetWhenNotRunningIsRefused(Clock clock) {
        LoopingCall loop = recording(clock);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(loop::stop)
                .withMessageContaining("not running");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(loop::reset)
                .withMessageContaining("not running");
    }

    @Test
    void exposesItsIntervalAndWhetherItRuns(Clock clock) {
        LoopingCall loop = recording(clock);
        assertThat(loop.getInterval()).isNull();
        assertThat(loop.isRunning()).isFalse();
        loop.start(Duration.ofMillis(250));
        assertThat(loop.getInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(loop.isRunning()).isTrue();
        loop.stop();
        assertThat(loop.isRunning()).isFalse();
    }

    @Test
    void canBeStartedAgainAfterStopWithANewGrid(Clock clock) {
        LoopingCall loop = recording(clock);
        Deferred<LoopingCall> first = loop.start(SECOND);
        loop.stop();
        clock.advance(0.4);
        Deferred<LoopingCall> second = loop.start(SECOND);
        assertThat(second).isNotSameAs(first);
        clock.advance(1.0);
        assertThat(this.times).containsExactly(0.0, 0.4, 1.4);
        loop.stop();
        successResultOf(first);
        successResultOf(second);
    }

    @Test
    void callInFlightAtARestartEndsTheOldRunAndLeavesTheNewOneAlone(Clock clock) {
        LoopingCall loop = waiting(clock);
        Deferred<LoopingCall> first = loop.start(SECOND);
        loop.stop();
        Deferred<LoopingCall> second = loop.start(SECOND, false);
        this.pending.get(0).errback(new IllegalStateException("old call failed"));
        failureResultOf(first, IllegalStateException.class);
        assertThat(loop.isRunning()).isTrue();
        assertNoResult(second);
        assertThat(dueTimes(clock)).containsExactly(1.0);
        loop.stop();
        assertThat(successResultOf(second)).isSameAs(loop);
    }

    @Test
    void callInFlightAtARestartThatSucceedsDoesNotStartASecondLoop(Clock clock) {
        LoopingCall loop = waiting(clock);
        Deferred<LoopingCall> first = loop.start(SECOND);
        loop.stop();
        Deferred<LoopingCall> second = loop.start(SECOND, false);
        this.pending.get(0).callback("old call done");
        assertThat(successResultOf(first)).isSameAs(loop);
        assertThat(dueTimes(clock)).containsExactly(1.0);
        loop.stop();
        assertThat(successResultOf(second)).isSameAs(loop);
    }
}
