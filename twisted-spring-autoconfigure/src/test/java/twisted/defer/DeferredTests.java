package twisted.defer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith({ OutputCaptureExtension.class, TwistedExtension.class })
class DeferredTests {

    private final List<Object> seen = new ArrayList<>();

    // ------------------------------------------------------------------ firing once

    @Test
    void callbackRunsTheCallbacksSynchronously() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this.seen::add);
        assertThat(this.seen).isEmpty();
        d.callback("result");
        assertThat(this.seen).containsExactly("result");
    }

    @Test
    void callbackAddedAfterFiringRunsAtOnce() {
        Deferred<String> d = Deferred.succeed("early");
        d.addCallback(this.seen::add);
        assertThat(this.seen).containsExactly("early");
    }

    @Test
    void secondCallbackThrowsAlreadyCalled() {
        Deferred<String> d = new Deferred<>();
        d.callback("one");
        assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> d.callback("two"));
        assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> d.errback(new Exception()));
        assertThat(successResultOf(d)).isEqualTo("one");
    }

    @Test
    void alreadyCalledNamesCreatorAndFirstInvokerWhenDebugging() {
        Deferred.setDebugging(true);
        try {
            Deferred<String> d = new Deferred<>();
            d.callback("one");
            assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> d.callback("two"))
                    .withMessageContaining("Deferred was created here")
                    .withMessageContaining("Deferred was first fired here")
                    .withMessageContaining("alreadyCalledNamesCreatorAndFirstInvokerWhenDebugging");
        }
        finally {
            Deferred.setDebugging(false);
        }
    }

    @Test
    void callbackWithAFailureBehavesLikeErrback() {
        Deferred<Object> d = new Deferred<>();
        d.addErrback(failure -> "recovered from " + failure.getErrorMessage());
        d.callback(new Failure(new IllegalStateException("boom")));
        assertThat(successResultOf(d)).isEqualTo("recovered from boom");
    }

    @Test
    void callbackWithADeferredIsRefused() {
        Deferred<Object> d = new Deferred<>();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> d.callback(new Deferred<>()));
        assertNoResult(d);
    }

    // ------------------------------------------------------------------ callbacks and errbacks

    @Test
    void eachCallbackReceivesThePreviousResult() {
        Deferred<Integer> d = new Deferred<>();
        d.addCallback(n -> n + 1).addCallback(n -> (Integer) n * 10);
        d.callback(1);
        assertThat(successResultOf(d)).isEqualTo(20);
    }

    @Test
    void callbackThatThrowsSwitchesToTheErrbackPath() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> {
            throw new java.io.IOException("checked, thrown from a callback");
        }).addCallback(this.seen::add);
        d.callback("x");
        assertThat(this.seen).isEmpty();
        assertThat(failureResultOf(d, java.io.IOException.class).getErrorMessage())
                .isEqualTo("checked, thrown from a callback");
    }

    @Test
    void errbackThatReturnsAValuePutsTheChainBackOnTheSuccessPath() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(failure -> "fine").addCallback(result -> result + " again");
        d.errback(new RuntimeException("bad"));
        assertThat(successResultOf(d)).isEqualTo("fine again");
    }

    @Test
    void errbackThatReturnsTheFailureKeepsTheChainFailing() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(failure -> failure).addCallback(this.seen::add);
        d.errback(new RuntimeException("still bad"));
        assertThat(this.seen).isEmpty();
        failureResultOf(d, RuntimeException.class);
    }

    @Test
    void addCallbacksErrbackDoesNotSeeAFailureFromItsOwnCallback() {
        Deferred<String> d = new Deferred<>();
        d.addCallbacks(result -> {
            throw new IllegalStateException("from callback");
        }, failure -> "handled");
        d.callback("x");
        assertThat(failureResultOf(d, IllegalStateException.class).getErrorMessage()).isEqualTo("from callback");
    }

    @Test
    void addCallbackThenAddErrbackSeesAFailureFromTheCallback() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> {
            throw new IllegalStateException("from callback");
        }).addErrback(failure -> "handled " + failure.getErrorMessage());
        d.callback("x");
        assertThat(successResultOf(d)).isEqualTo("handled from callback");
    }

    @Test
    void addBothSeesValuesAndFailures() {
        Deferred<String> ok = new Deferred<>();
        Deferred<String> bad = new Deferred<>();
        ok.addBoth(this.seen::add);
        bad.addBoth(result -> this.seen.add(result.getClass().getSimpleName()));
        ok.callback("v");
        bad.errback(new RuntimeException());
        assertThat(this.seen).containsExactly("v", "Failure");
    }

    @Test
    void callbackAddedFromInsideACallbackRunsInOrder() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> {
            d.addCallback(inner -> {
                this.seen.add("added inside");
                return inner;
            });
            this.seen.add("first");
            return result;
        }).addCallback(result -> {
            this.seen.add("second");
            return result;
        });
        d.callback("x");
        assertThat(this.seen).containsExactly("first", "second", "added inside");
    }

    // ------------------------------------------------------------------ chaining

    @Test
    void callbackReturningAnUnfiredDeferredPausesTheChainUntilItFires() {
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        outer.addCallback(result -> inner).addCallback(this.seen::add);
        outer.callback("outer");
        assertThat(this.seen).isEmpty();
        assertThat(outer.isPaused()).isTrue();
        assertThat(outer.toString()).contains("waiting on Deferred@");
        inner.callback("inner");
        assertThat(this.seen).containsExactly("inner");
        assertThat(inner.currentResult()).as("inner's result is handed over").isNull();
    }

    @Test
    void callbackReturningAFiredDeferredTakesItsResult() {
        Deferred<String> inner = Deferred.succeed("ready");
        Deferred<String> outer = new Deferred<>();
        outer.addCallback(result -> inner);
        outer.callback("x");
        assertThat(successResultOf(outer)).isEqualTo("ready");
        assertThat(inner.currentResult()).isNull();
    }

    @Test
    void failureOfTheInnerDeferredContinuesOnTheOutersErrbackPath() {
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        outer.addCallback(result -> inner).addErrback(failure -> "caught " + failure.getErrorMessage());
        outer.callback("x");
        inner.errback(new IllegalStateException("inner failed"));
        assertThat(successResultOf(outer)).isEqualTo("caught inner failed");
        assertThat(inner.hasFailed()).as("the inner failure was handed on, not left behind").isFalse();
    }

    @Test
    void callbackReturningADeferredWhoseCallbacksAreRunningWaitsForTheEndOfItsChain() {
        // Twisted takes the inner result as it was before the running callback returned, and the
        // inner chain goes on with that callback's return value: one result in two chains.
        Deferred<String> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        outer.addCallback(ignored -> inner);
        inner.addCallback(value -> {
            outer.callback("go");
            return value + " then more";
        }).addCallback(value -> value + " and the end");
        inner.callback("inner");
        assertThat(successResultOf(outer)).isEqualTo("inner then more and the end");
        assertThat(inner.currentResult()).as("inner's result is handed over").isNull();
    }

    @Test
    void aDeferredAlreadyWaitedOnCannotBeReturnedByASecondCallback() {
        Deferred<String> shared = new Deferred<>();
        Deferred<String> first = new Deferred<>();
        Deferred<String> second = new Deferred<>();
        first.addCallback(result -> shared);
        second.addCallback(result -> shared);
        first.callback("a");
        second.callback("b");
        assertThat(failureResultOf(second, IllegalStateException.class).getErrorMessage())
                .contains("already waits on");
        shared.callback("done");
        assertThat(successResultOf(first)).isEqualTo("done");
    }

    @Test
    void callbackReturningItsOwnDeferredFails() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> d);
        d.callback("x");
        failureResultOf(d, IllegalStateException.class);
    }

    @Test
    void oneHundredThousandNestedDeferredsFiredInnermostLastDoNotOverflowTheStack() {
        int depth = 100_000;
        List<Deferred<Integer>> ds = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            ds.add(new Deferred<>());
        }
        for (int i = 0; i < depth - 1; i++) {
            Deferred<Integer> next = ds.get(i + 1);
            ds.get(i).addCallback(result -> next);
        }
        for (int i = 0; i < depth - 1; i++) {
            ds.get(i).callback(i);
        }
        assertNoResult(ds.get(0));
        ds.get(depth - 1).callback(42);
        assertThat(successResultOf(ds.get(0))).isEqualTo(42);
    }

    @Test
    void oneHundredThousandNestedDeferredsBuiltRecursivelyDoNotOverflowTheStack() {
        Deferred<Integer> innermost = new Deferred<>();
        Deferred<Integer> current = nestAround(innermost, 100_000);
        innermost.callback(7);
        assertThat(successResultOf(current)).isEqualTo(7);
    }

    @Test
    void oneHundredThousandNestedFailuresUnwindWithoutOverflow() {
        Deferred<Integer> innermost = new Deferred<>();
        Deferred<Integer> current = nestAround(innermost, 100_000);
        innermost.errback(new IllegalStateException("deep"));
        failureResultOf(current, IllegalStateException.class);
    }

    /** Wraps {@code innermost} in {@code depth} Deferreds, each waiting on the one inside it. */
    private static Deferred<Integer> nestAround(Deferred<Integer> innermost, int depth) {
        Deferred<Integer> current = innermost;
        for (int i = 0; i < depth; i++) {
            Deferred<Integer> inner = current;
            Deferred<Integer> outer = new Deferred<>();
            outer.addCallback(ignored -> inner);
            outer.callback(0);
            current = outer;
        }
        return current;
    }

    // ------------------------------------------------------------------ pause

    @Test
    void pausedDeferredRunsNoCallbacksUntilUnpaused() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(this.seen::add);
        d.pause();
        d.pause();
        d.callback("x");
        assertThat(this.seen).isEmpty();
        d.unpause();
        assertThat(this.seen).isEmpty();
        d.unpause();
        assertThat(this.seen).containsExactly("x");
    }

    @Test
    void callbackThatPausesItsDeferredStopsTheChain() {
        Deferred<String> d = new Deferred<>();
        d.addCallback(result -> {
            d.pause();
            return result;
        }).addCallback(this.seen::add);
        d.callback("x");
        assertThat(this.seen).isEmpty();
        d.unpause();
        assertThat(this.seen).containsExactly("x");
    }

    @Test
    void unpauseWithoutPauseIsRefused() {
        Deferred<String> d = new Deferred<>();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(d::unpause)
                .withMessageContaining("not paused");
    }

    @Test
    void failureArrivingWhilePausedIsTrackedAsUnhandled() {
        long mark = UnhandledFailures.mark();
        Deferred<String> d = new Deferred<>();
        d.pause();
        d.errback(new IllegalStateException("while paused"));
        assertThat(UnhandledFailures.drainPendingSince(mark)).extracting(Failure::getErrorMessage)
                .containsExactly("while paused");
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancelWithoutCancellerErrbacksWithCancelledAndSwallowsOneLateResult() {
        Deferred<String> d = new Deferred<>();
        d.cancel();
        failureResultOf(d, CancelledException.class);
        d.callback("late result from the producer");
        assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> d.callback("second late result"));
    }

    @Test
    void cancelCallsTheCancellerWhichMayFireTheDeferred() {
        Deferred<String> d = new Deferred<>(self -> self.callback("cancelled politely"));
        d.cancel();
        assertThat(successResultOf(d)).isEqualTo("cancelled politely");
    }

    @Test
    void cancellerThatDoesNotFireLeadsToCancelledAndLateResultsAreErrors() {
        AtomicInteger calls = new AtomicInteger();
        Deferred<String> d = new Deferred<>(self -> calls.incrementAndGet());
        d.cancel();
        assertThat(calls).hasValue(1);
        failureResultOf(d, CancelledException.class);
        assertThatExceptionOfType(AlreadyCalledException.class).isThrownBy(() -> d.callback("late"));
    }

    @Test
    void cancellerThatThrowsIsLoggedAndTheDeferredStillErrbacks(CapturedOutput output) {
        Deferred<String> d = new Deferred<>(self -> {
            throw new IllegalStateException("canceller exploded");
        });
        d.cancel();
        failureResultOf(d, CancelledException.class);
        assertThat(output.getAll()).contains("Canceller of").contains("canceller exploded");
    }

    @Test
    void cancelAfterFiringDoesNothing() {
        AtomicInteger calls = new AtomicInteger();
        Deferred<String> d = new Deferred<>(self -> calls.incrementAndGet());
        d.callback("done");
        d.cancel();
        assertThat(calls).hasValue(0);
        assertThat(successResultOf(d)).isEqualTo("done");
    }

    @Test
    void cancelOfADeferredWaitingOnAnotherIsForwardedToTheInnerOne() {
        AtomicInteger innerCancels = new AtomicInteger();
        Deferred<String> inner = new Deferred<>(self -> innerCancels.incrementAndGet());
        Deferred<String> outer = new Deferred<>();
        outer.addCallback(result -> inner);
        outer.callback("x");
        outer.cancel();
        assertThat(innerCancels).hasValue(1);
        failureResultOf(outer, CancelledException.class);
    }

    @Test
    void cancelOfDeferredsWaitingOnEachOtherInACycleTerminates() {
        Deferred<String> a = new Deferred<>();
        Deferred<String> b = new Deferred<>();
        a.addCallback(result -> b);
        b.addCallback(result -> a);
        a.callback("a");
        b.callback("b");
        a.cancel();
        b.cancel();
        assertThat(a.isPaused()).isTrue();
        assertThat(b.isPaused()).isTrue();
    }

    @Test
    void cancelForwardsThroughADeepChainWithoutOverflow() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<Integer> innermost = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<Integer> current = nestAround(innermost, 100_000);
        current.cancel();
        assertThat(cancels).hasValue(1);
        failureResultOf(current, CancelledException.class);
    }

    // ------------------------------------------------------------------ factories

    @Test
    void succeedAndFailAreAlreadyFired() {
        assertThat(successResultOf(Deferred.succeed("v"))).isEqualTo("v");
        assertThat(failureResultOf(Deferred.fail(new IllegalStateException("x")), IllegalStateException.class)
                .getErrorMessage()).isEqualTo("x");
    }

    @Test
    void maybeDeferredTurnsEveryOutcomeIntoADeferred() {
        assertThat(successResultOf(Deferred.maybeDeferred(() -> "value"))).isEqualTo("value");
        Deferred<String> existing = new Deferred<>();
        assertThat(Deferred.maybeDeferred(() -> existing)).isSameAs(existing);
        failureResultOf(Deferred.maybeDeferred(() -> {
            throw new java.io.IOException("thrown");
        }), java.io.IOException.class);
        assertThat(successResultOf(Deferred.maybeDeferred(() -> java.util.concurrent.CompletableFuture.completedFuture("stage"))))
                .isEqualTo("stage");
        assertThat(successResultOf(Deferred.maybeDeferred(() -> reactor.core.publisher.Mono.just("mono")))).isEqualTo("mono");
        existing.callback("unused");
    }

    @Test
    void executeGivesATypedDeferred() {
        Deferred<Integer> d = Deferred.execute(() -> 6 * 7);
        assertThat(successResultOf(d)).isEqualTo(42);
        failureResultOf(Deferred.execute(() -> {
            throw new ArithmeticException();
        }), ArithmeticException.class);
    }

    // ------------------------------------------------------------------ typed stages

    @Test
    void thenApplyGivesANewDeferredAndLeavesThisOneUnchanged() {
        Deferred<String> d = new Deferred<>();
        Deferred<Integer> length = d.thenApply(String::length);
        d.callback("four");
        assertThat(successResultOf(length)).isEqualTo(4);
        assertThat(successResultOf(d)).isEqualTo("four");
    }

    @Test
    void thenComposeWaitsForTheReturnedDeferred() {
        Deferred<String> d = new Deferred<>();
        Deferred<Integer> later = new Deferred<>();
        Deferred<Integer> composed = d.thenCompose(s -> later);
        d.callback("x");
        assertNoResult(composed);
        later.callback(3);
        assertThat(successResultOf(composed)).isEqualTo(3);
    }

    @Test
    void thenAcceptRunsTheActionAndFiresWithNull() {
        Deferred<String> d = Deferred.succeed("v");
        assertThat(successResultOf(d.thenAccept(this.seen::add))).isNull();
        assertThat(this.seen).containsExactly("v");
    }

    @Test
    void recoverTurnsAFailureIntoAValueAndCountsItAsHandled() {
        long mark = UnhandledFailures.mark();
        Deferred<String> d = new Deferred<>();
        Deferred<String> recovered = d.recover(failure -> "default");
        d.errback(new IllegalStateException());
        assertThat(successResultOf(recovered)).isEqualTo("default");
        assertThat(d.hasFailed()).as("this Deferred keeps its own result").isTrue();
        assertThat(UnhandledFailures.drainPendingSince(mark)).as("the failure went to the branch").isEmpty();
    }

    @Test
    void recoverWithWaitsForTheFallbackDeferred() {
        Deferred<String> fallback = new Deferred<>();
        Deferred<String> recovered = Deferred.<String>fail(new IllegalStateException()).recoverWith(failure -> fallback);
        assertNoResult(recovered);
        fallback.callback("fallback");
        assertThat(successResultOf(recovered)).isEqualTo("fallback");
    }

    @Test
    void typedStagesPassFailuresThroughAndMayThrow() {
        Deferred<Integer> failed = Deferred.<String>fail(new IllegalStateException("early")).thenApply(String::length);
        assertThat(failureResultOf(failed, IllegalStateException.class).getErrorMessage()).isEqualTo("early");
        Deferred<Integer> thrown = Deferred.succeed("x").thenApply(s -> {
            throw new java.io.IOException("in stage");
        });
        failureResultOf(thrown, java.io.IOException.class);
    }

    @Test
    void oneHundredThousandTypedStagesFireWithoutOverflow() {
        Deferred<Integer> root = new Deferred<>();
        Deferred<Integer> current = root;
        for (int i = 0; i < 100_000; i++) {
            current = current.thenApply(n -> n + 1);
        }
        root.callback(0);
        assertThat(successResultOf(current)).isEqualTo(100_000);
    }

    @Test
    void oneHundredThousandComposedStagesFireWithoutOverflow() {
        Deferred<Integer> root = new Deferred<>();
        Deferred<Integer> current = root;
        for (int i = 0; i < 100_000; i++) {
            current = current.thenCompose(n -> Deferred.succeed(n + 1));
        }
        root.callback(0);
        assertThat(successResultOf(current)).isEqualTo(100_000);
    }

    @Test
    void cancellingATypedStageCancelsTheDeferredItCameFrom() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> d = new Deferred<>(self -> cancels.incrementAndGet());
        Deferred<Integer> length = d.thenApply(String::length);
        length.cancel();
        assertThat(cancels).hasValue(1);
        failureResultOf(length, CancelledException.class);
        failureResultOf(d, CancelledException.class);
    }

    // ------------------------------------------------------------------ chainDeferred

    @Test
    void chainDeferredFiresTheOtherDeferredWithThisResult() {
        Deferred<String> d = new Deferred<>();
        Deferred<String> other = new Deferred<>();
        d.chainDeferred(other);
        d.callback("passed on");
        assertThat(successResultOf(other)).isEqualTo("passed on");
        assertThat(successResultOf(d)).isNull();
    }
}
