package twisted.internet.task;

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
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class CooperatorTests {

    private static final Duration GAP = Duration.ofMillis(10);

    private final List<String> log = new ArrayList<>();

    private static List<Double> dueTimes(Clock clock) {
        return clock.getDelayedCalls().stream().map(DelayedCall::getTime).toList();
    }

    @Test
    void cooperateNeverRunsWorkSynchronously(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(5).withGap(GAP));
        CooperativeTask<Work> task = cooperator.cooperate(Work.of("a", 3, this.log));
        assertThat(this.log).isEmpty();
        assertThat(dueTimes(clock)).containsExactly(0.01);
        task.stop();
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void sliceEndsAfterMaxStepsAndTheNextComesAfterTheGap(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(2).withGap(GAP));
        Work work = Work.of("a", 5, this.log);
        Deferred<Work> done = cooperator.coiterate(work);
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "a2");
        assertThat(dueTimes(clock)).containsExactly(0.02);
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "a2", "a3", "a4");
        assertNoResult(done);
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "a2", "a3", "a4", "a5");
        assertThat(successResultOf(done)).isSameAs(work);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void tasksTakeTurnsAndTheNextSliceResumesWithTheTaskWhoseTurnItIs(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(3).withGap(GAP));
        Deferred<Work> a = cooperator.coiterate(Work.of("a", 3, this.log));
        Deferred<Work> b = cooperator.coiterate(Work.of("b", 3, this.log));
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "b1", "a2");
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "b1", "a2", "b2", "a3", "b3");
        clock.advance(GAP);
        successResultOf(a);
        successResultOf(b);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void finishedTaskLeavesTheRoundRobinWithoutSkippingTheNextOne(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(4).withGap(GAP));
        cooperator.coiterate(Work.of("a", 1, this.log));
        cooperator.coiterate(Work.of("b", 3, this.log));
        cooperator.coiterate(Work.of("c", 3, this.log));
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "b1", "c1");
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "b1", "c1", "b2", "c2", "b3", "c3");
        clock.advance(GAP);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void sliceEndsAfterMaxWorkTimeMeasuredOnTheClock(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.DEFAULT.withGap(Duration.ofMillis(1)));
        // each step takes 4 ms of the clock's time; advancing inside a call just moves the time
        // here, as no other call is pending
        CooperativeTask<Work> task = cooperator.cooperate(Work.yielding("a", 10, this.log, step -> {
            clock.advance(Duration.ofMillis(4));
            return null;
        }));
        clock.advance(Duration.ofMillis(1));
        assertThat(this.log).containsExactly("a1", "a2", "a3");
        assertThat(clock.seconds()).isEqualTo(0.013);
        assertThat(dueTimes(clock)).containsExactly(0.014);
        task.stop();
    }

    @Test
    void defaultSlicingOnAVirtualClockFinishesInOneTurnSinceNoTimePasses(Clock clock) {
        Cooperator cooperator = new Cooperator(clock);
        Deferred<Work> done = cooperator.coiterate(Work.of("a", 1000, this.log));
        assertThat(dueTimes(clock)).containsExactly(0.0);
        clock.advance(Duration.ZERO);
        assertThat(this.log).hasSize(1000);
        successResultOf(done);
    }

    @Test
    void noSliceIsScheduledWhileEveryTaskIsPaused(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(1).withGap(GAP));
        CooperativeTask<Work> task = cooperator.cooperate(Work.of("a", 2, this.log));
        task.pause();
        assertThat(clock.getDelayedCalls()).isEmpty();
        task.resume();
        assertThat(dueTimes(clock)).containsExactly(0.01);
        task.stop();
    }

    @Test
    void stopFailsEveryUnfinishedTaskIncludingPausedAndWaitingOnes(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(6).withGap(GAP));
        Deferred<String> reply = new Deferred<>();
        CooperativeTask<Work> running = cooperator.cooperate(Work.of("a", 20, this.log));
        CooperativeTask<Work> paused = cooperator.cooperate(Work.of("b", 5, this.log));
        CooperativeTask<Work> waiting = cooperator.cooperate(Work.yielding("c", 5, this.log,
                step -> (step == 1) ? reply : null));
        paused.pause();
        List<Deferred<Work>> done = List.of(running.whenDone(), paused.whenDone(), waiting.whenDone());
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "c1", "a2", "a3", "a4", "a5");
        cooperator.stop();
        done.forEach(d -> failureResultOf(d, SchedulerStoppedException.class));
        assertThat(cooperator.isRunning()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
        reply.callback("too late");
        paused.resume();
        clock.advance(1.0);
        assertThat(this.log).hasSize(6);
    }

    @Test
    void tasksGivenAfterStopFailAtOnce(Clock clock) {
        Cooperator cooperator = new Cooperator(clock);
        cooperator.stop();
        Deferred<Work> done = cooperator.coiterate(Work.of("a", 1, this.log));
        failureResultOf(done, SchedulerStoppedException.class);
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(this.log).isEmpty();
    }

    @Test
    void cooperatorCanBeStoppedFromAWhenDoneCallback(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(10).withGap(GAP));
        Deferred<Work> other = cooperator.coiterate(Work.of("b", 5, this.log));
        cooperator.coiterate(Work.of("a", 1, this.log)).addCallback(work -> {
            cooperator.stop();
            return work;
        });
        clock.advance(GAP);
        assertThat(this.log).containsExactly("b1", "a1", "b2");
        failureResultOf(other, SchedulerStoppedException.class);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void newTaskJoinsTheRoundRobinAndTheSliceAlreadyScheduled(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(4).withGap(GAP));
        cooperator.coiterate(Work.of("a", 2, this.log));
        clock.advance(0.005);
        cooperator.coiterate(Work.of("b", 2, this.log));
        assertThat(dueTimes(clock)).containsExactly(0.01);
        clock.advance(0.005);
        assertThat(this.log).containsExactly("a1", "b1", "a2", "b2");
        clock.advance(GAP);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }
}
