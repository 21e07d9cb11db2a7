package twisted.internet.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.defer.UnhandledFailures;
import twisted.testing.Clock;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class CooperativeTaskTests {

    private static final Duration GAP = Duration.ofMillis(10);

    private final List<String> log = new ArrayList<>();

    private static Cooperator oneStepPerSlice(Clock clock) {
        return new Cooperator(clock, Slicing.bySteps(1).withGap(GAP));
    }

    @Test
    void whenDoneGivesANewDeferredEachCallAllFiringWithTheIterator(Clock clock) {
        Work work = Work.of("a", 2, this.log);
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(work);
        Deferred<Work> first = task.whenDone();
        Deferred<Work> second = task.whenDone();
        assertThat(first).isNotSameAs(second);
        clock.pump(0.01, 0.01);
        assertNoResult(first);
        clock.advance(GAP);
        assertThat(successResultOf(first)).isSameAs(work);
        assertThat(successResultOf(second)).isSameAs(work);
        assertThat(successResultOf(task.whenDone())).isSameAs(work);
        assertThat(task.isFinished()).isTrue();
    }

    @Test
    void iteratorExceptionFailsTheTaskAndEveryWhenDone(Clock clock) {
        IllegalStateException boom = new IllegalStateException("boom");
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.failingAt("a", 5, this.log, 2, boom));
        Deferred<Work> first = task.whenDone();
        Deferred<Work> second = task.whenDone();
        clock.pump(0.01, 0.01);
        assertThat(failureResultOf(first, IllegalStateException.class).value()).isSameAs(boom);
        assertThat(failureResultOf(second, IllegalStateException.class).value()).isSameAs(boom);
        assertThat(failureResultOf(task.whenDone(), IllegalStateException.class).value()).isSameAs(boom);
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(this.log).containsExactly("a1", "a2");
        assertThatExceptionOfType(TaskFailedException.class).isThrownBy(task::pause);
    }

    @Test
    void failureNobodyWaitsForIsHeldAsAnUnhandledFailure(Clock clock) {
        long mark = UnhandledFailures.mark();
        IllegalStateException boom = new IllegalStateException("nobody listens");
        oneStepPerSlice(clock).cooperate(Work.failingAt("a", 5, this.log, 1, boom));
        clock.advance(GAP);
        List<Failure> unhandled = UnhandledFailures.drainPendingSince(mark);
        assertThat(unhandled).extracting(Failure::value).containsExactly(boom);
    }

    @Test
    void failureIsHandedToTheFirstWhenDoneAskedAfterTheEnd(Clock clock) {
        long mark = UnhandledFailures.mark();
        IllegalStateException boom = new IllegalStateException("claimed later");
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.failingAt("a", 5, this.log, 1, boom));
        clock.advance(GAP);
        assertThat(failureResultOf(task.whenDone()).value()).isSameAs(boom);
        assertThat(UnhandledFailures.drainPendingSince(mark)).isEmpty();
    }

    @Test
    void yieldedDeferredMakesTheTaskWaitWithoutHoldingUpOthers(Clock clock) {
        Cooperator cooperator = new Cooperator(clock, Slicing.bySteps(10).withGap(GAP));
        Deferred<String> reply = new Deferred<>();
        CooperativeTask<Work> waiting = cooperator.cooperate(Work.yielding("a", 2, this.log,
                step -> (step == 1) ? reply : null));
        Deferred<Work> other = cooperator.coiterate(Work.of("b", 3, this.log));
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "b1", "b2", "b3");
        assertThat(waiting.isPaused()).isTrue();
        successResultOf(other);
        assertThat(clock.getDelayedCalls()).isEmpty();
        reply.callback("arrived");
        assertThat(waiting.isPaused()).isFalse();
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "b1", "b2", "b3", "a2");
        successResultOf(waiting.whenDone());
    }

    @Test
    void failedYieldedDeferredFailsTheTask(Clock clock) {
        Deferred<String> reply = new Deferred<>();
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.yielding("a", 3, this.log,
                step -> (step == 1) ? reply : null));
        Deferred<Work> done = task.whenDone();
        clock.advance(GAP);
        reply.errback(new IllegalArgumentException("bad reply"));
        failureResultOf(done, IllegalArgumentException.class);
        assertThat(task.isFinished()).isTrue();
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(this.log).containsExactly("a1");
    }

    @Test
    void pauseStopsTheWorkAndPausesCountUntilAsManyResumes(Clock clock) {
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.of("a", 3, this.log));
        clock.advance(GAP);
        task.pause();
        task.pause();
        clock.advance(1.0);
        task.resume();
        clock.advance(1.0);
        assertThat(this.log).containsExactly("a1");
        assertThat(task.isPaused()).isTrue();
        task.resume();
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "a2");
        task.stop();
    }

    @Test
    void pausedTaskStaysPausedWhenTheDeferredItWaitsOnFires(Clock clock) {
        Deferred<String> reply = new Deferred<>();
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.yielding("a", 2, this.log,
                step -> (step == 1) ? reply : null));
        clock.advance(GAP);
        task.pause();
        reply.callback("arrived");
        assertThat(task.isPaused()).isTrue();
        assertThat(clock.getDelayedCalls()).isEmpty();
        task.resume();
        clock.advance(GAP);
        assertThat(this.log).containsExactly("a1", "a2");
        task.stop();
    }

    @Test
    void resumeOfATaskThatIsNotPausedIsRefused(Clock clock) {
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.of("a", 1, this.log));
        assertThatExceptionOfType(NotPausedException.class).isThrownBy(task::resume)
                .withMessageContaining("not paused");
        task.stop();
    }

    @Test
    void stopEndsTheTaskAndWhenDoneFailsWithTaskStopped(Clock clock) {
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.of("a", 5, this.log));
        Deferred<Work> done = task.whenDone();
        clock.advance(GAP);
        task.stop();
        failureResultOf(done, TaskStoppedException.class);
        failureResultOf(task.whenDone(), TaskStoppedException.class);
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(this.log).containsExactly("a1");
        assertThatExceptionOfType(TaskStoppedException.class).isThrownBy(task::stop);
        assertThatExceptionOfType(TaskStoppedException.class).isThrownBy(task::pause);
    }

    @Test
    void stopWhileWaitingOnADeferredLeavesItAndIgnoresItsOutcome(Clock clock) {
        Deferred<String> reply = new Deferred<>();
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.yielding("a", 3, this.log,
                step -> (step == 1) ? reply : null));
        clock.advance(GAP);
        task.stop();
        assertThat(reply.isCalled()).isFalse();
        reply.errback(new IllegalStateException("after the end"));
        clock.advance(1.0);
        assertThat(this.log).containsExactly("a1");
        failureResultOf(task.whenDone(), TaskStoppedException.class);
    }

    @Test
    void pauseOrStopAfterTheIteratorIsExhaustedThrowsTaskDone(Clock clock) {
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.of("a", 0, this.log));
        clock.advance(GAP);
        assertThat(task.isFinished()).isTrue();
        assertThatExceptionOfType(TaskDoneException.class).isThrownBy(task::pause)
                .withMessageContaining("exhausted");
        assertThatExceptionOfType(TaskDoneException.class).isThrownBy(task::stop);
    }

    @Test
    void resumingATaskStoppedWhilePausedDoesNoMoreWork(Clock clock) {
        CooperativeTask<Work> task = oneStepPerSlice(clock).cooperate(Work.of("a", 3, this.log));
        clock.advance(GAP);
        task.pause();
        task.stop();
        task.resume();
        assertThat(task.isPaused()).isFalse();
        assertThat(clock.getDelayedCalls()).isEmpty();
        clock.advance(1.0);
        assertThat(this.log).containsExactly("a1");
    }
}
