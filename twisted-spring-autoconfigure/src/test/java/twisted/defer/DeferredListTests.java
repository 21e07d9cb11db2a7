package twisted.defer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import twisted.testing.Clock;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class DeferredListTests {

    @Test
    void firesWithEveryOutcomeInInputOrderOnceAllHaveFired() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a, b), false, true);
        b.errback(new IllegalStateException("b failed"));
        assertNoResult(list);
        a.callback("a");
        List<Outcome<String>> outcomes = successResultOf(list);
        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0)).isEqualTo(Outcome.success("a"));
        assertThat(outcomes.get(1).succeeded()).isFalse();
        assertThat(outcomes.get(1).failure().getErrorMessage()).isEqualTo("b failed");
    }

    @Test
    void emptyListFiresAtOnce() {
        assertThat(successResultOf(new DeferredList<String>(List.of()))).isEmpty();
    }

    @Test
    void fireOnOneErrbackFailsWithFirstErrorAtTheFirstFailure() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a, b), true, true);
        b.errback(new IllegalStateException("b failed"));
        FirstErrorException error = (FirstErrorException) failureResultOf(list, FirstErrorException.class).value();
        assertThat(error.getIndex()).isEqualTo(1);
        assertThat(error.getSubFailure().getErrorMessage()).isEqualTo("b failed");
        a.callback("late");
    }

    @Test
    void withoutConsumeErrorsTheMembersKeepTheirFailures() {
        Deferred<String> a = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a));
        a.errback(new IllegalStateException("kept"));
        successResultOf(list);
        assertThat(a.hasFailed()).isTrue();
        failureResultOf(a, IllegalStateException.class);
    }

    @Test
    void withConsumeErrorsTheMembersFailuresBecomeNull() {
        Deferred<String> a = new Deferred<>();
        DeferredList<String> list = new DeferredList<>(List.of(a), false, true);
        a.errback(new IllegalStateException("consumed"));
        successResultOf(list);
        assertThat(successResultOf(a)).isNull();
    }

    @Test
    void cancelCancelsEveryMemberNotYetFired() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> a = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<String> b = Deferred.succeed("done");
        DeferredList<String> list = new DeferredList<>(List.of(a, b), false, true);
        list.cancel();
        assertThat(cancels).hasValue(1);
        List<Outcome<String>> outcomes = successResultOf(list);
        assertThat(outcomes.get(0).failure().value()).isInstanceOf(CancelledException.class);
        assertThat(outcomes.get(1).result()).isEqualTo("done");
    }

    @Test
    void cancelFiresTheListWithCancelledEvenWhenAMemberDoesNotFire() {
        // Twisted's DeferredList.cancel only cancels the members: when one does not fire (here it
        // is paused), the list stays pending and fires later with the members' results.
        Deferred<String> stuck = new Deferred<>();
        stuck.pause();
        DeferredList<String> list = new DeferredList<>(List.of(stuck), false, true);
        list.cancel();
        failureResultOf(list, CancelledException.class);
        stuck.unpause();
        assertThat(successResultOf(stuck)).as("the member's late CancelledException is consumed").isNull();
    }

    @Test
    void timeoutOnAListWhoseMemberDoesNotFireStillTimesOut() {
        // The reason for the difference above: in Twisted, addTimeout on such a list never fires.
        Clock clock = new Clock();
        Deferred<String> stuck = new Deferred<>();
        stuck.pause();
        Deferred<Object> list = new DeferredList<>(List.of(stuck), false, true).addTimeout(Duration.ofSeconds(5), clock);
        clock.advance(5.0);
        failureResultOf(list, DeferredTimeoutException.class);
        stuck.unpause();
    }

    @Test
    void pausedGatherResultsHoldsTheListOfResultsNotTheRawOutcomes() {
        // Twisted's gatherResults is the DeferredList itself with a parsing callback, so while it
        // is paused its result is the raw list of (success, result) pairs.
        Deferred<String> a = new Deferred<>();
        Deferred<List<String>> all = DeferredList.gatherResults(List.of(a));
        all.pause();
        a.callback("A");
        assertThat(all.currentResult()).isEqualTo(List.of("A"));
        all.unpause();
        assertThat(successResultOf(all)).containsExactly("A");
    }

    @Test
    void gatherResultsGivesTheValuesInOrder() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = Deferred.succeed(2);
        Deferred<List<Integer>> all = DeferredList.gatherResults(List.of(a, b));
        a.callback(1);
        assertThat(successResultOf(all)).containsExactly(1, 2);
    }

    @Test
    void gatherResultsFailsWithTheFirstError() {
        Deferred<Integer> a = new Deferred<>();
        Deferred<Integer> b = new Deferred<>();
        Deferred<List<Integer>> all = DeferredList.gatherResults(List.of(a, b), true);
        b.errback(new IllegalStateException("b"));
        FirstErrorException error = (FirstErrorException) failureResultOf(all, FirstErrorException.class).value();
        assertThat(error.getIndex()).isEqualTo(1);
        a.callback(1);
    }

    @Test
    void cancellingGatherResultsCancelsTheMembers() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<Integer> a = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<Integer> b = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<List<Integer>> all = DeferredList.gatherResults(List.of(a, b), true);
        all.cancel();
        assertThat(cancels).hasValue(2);
        failureResultOf(all, FirstErrorException.class, CancelledException.class);
    }

    @Test
    void raceGivesTheFirstSuccessAndCancelsTheOthers() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> slow = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<String> fast = new Deferred<>();
        Deferred<IndexedResult<String>> winner = DeferredList.race(List.of(slow, fast));
        fast.callback("fast");
        assertThat(successResultOf(winner)).isEqualTo(new IndexedResult<>(1, "fast"));
        assertThat(cancels).hasValue(1);
        assertThat(successResultOf(slow)).as("the loser's cancellation is consumed").isNull();
    }

    @Test
    void raceIgnoresFailuresWhileOneMaySucceed() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<IndexedResult<String>> winner = DeferredList.race(List.of(a, b));
        a.errback(new IllegalStateException());
        assertNoResult(winner);
        b.callback("b");
        assertThat(successResultOf(winner).index()).isEqualTo(1);
    }

    @Test
    void raceFailsWithAllFailuresWhenEveryMemberFails() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        Deferred<IndexedResult<String>> winner = DeferredList.race(List.of(a, b));
        a.errback(new IllegalStateException("a"));
        b.errback(new IllegalArgumentException("b"));
        FailureGroupException group = (FailureGroupException) failureResultOf(winner, FailureGroupException.class).value();
        assertThat(group.getFailures()).extracting(Failure::getErrorMessage).containsExactly("a", "b");
    }

    @Test
    void raceOfNothingFailsAtOnce() {
        failureResultOf(DeferredList.race(List.<Deferred<String>>of()), FailureGroupException.class);
    }

    @Test
    void fireOnOneCallbackGivesTheFirstSuccessAndLeavesTheOthersRunning() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> a = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<String> b = new Deferred<>();
        Deferred<IndexedResult<String>> first = DeferredList.fireOnOneCallback(List.of(a, b), false, false);
        b.callback("b");
        assertThat(successResultOf(first)).isEqualTo(new IndexedResult<>(1, "b"));
        assertThat(cancels).hasValue(0);
        a.callback("a");
    }

    @Test
    void fireOnOneCallbackOfAnEmptyListFiresAtOnce() {
        failureResultOf(DeferredList.fireOnOneCallback(List.<Deferred<String>>of(), false, false),
                FailureGroupException.class);
    }
}
