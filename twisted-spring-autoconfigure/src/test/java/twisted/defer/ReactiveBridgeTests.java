package twisted.defer;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

@ExtendWith(TwistedExtension.class)
class ReactiveBridgeTests {

    // ------------------------------------------------------------------ CompletionStage

    @Test
    void toCompletableFutureCompletesWithTheResult() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        assertThat(future).isNotDone();
        d.callback("v");
        assertThat(future).isCompletedWithValue("v");
        assertThat(successResultOf(d)).as("the chain is unchanged").isEqualTo("v");
    }

    @Test
    void toCompletableFutureCompletesExceptionallyWithTheOriginalException() {
        long mark = UnhandledFailures.mark();
        IllegalStateException error = new IllegalStateException("bad");
        Deferred<String> d = Deferred.fail(error);
        CompletableFuture<String> future = d.toCompletableFuture();
        assertThat(future).isCompletedExceptionally();
        assertThat(future.handle((v, e) -> e).join()).isSameAs(error);
        assertThat(UnhandledFailures.drainPendingSince(mark)).as("the future took the failure").isEmpty();
    }

    @Test
    void cancellingTheFutureCancelsTheDeferred() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> d = new Deferred<>(self -> cancels.incrementAndGet());
        d.toCompletableFuture().cancel(false);
        assertThat(cancels).hasValue(1);
        failureResultOf(d, CancelledException.class);
    }

    @Test
    void fromCompletionStageFollowsTheStage() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        assertNoResult(d);
        future.complete("done");
        assertThat(successResultOf(d)).isEqualTo("done");
    }

    @Test
    void fromCompletionStageUnwrapsTheException() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future.thenApply(s -> s));
        future.completeExceptionally(new IllegalStateException("cause"));
        assertThat(failureResultOf(d, IllegalStateException.class).getErrorMessage()).isEqualTo("cause");
    }

    @Test
    void cancellingTheDeferredCancelsTheStage() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        d.cancel();
        assertThat(future).isCancelled();
        failureResultOf(d, CancelledException.class);
    }

    @Test
    void aCancelledStageArrivesAsCancelledException() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        future.cancel(true);
        Failure failure = failureResultOf(d, CancelledException.class);
        assertThat(failure.value().getCause()).isInstanceOf(CancellationException.class);
    }

    @Test
    void fromCompletionStageWithAnExecutorFiresThroughIt() {
        CompletableFuture<String> future = new CompletableFuture<>();
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        Deferred<String> d = Deferred.fromCompletionStage(future, queued::add);
        future.complete("v");
        assertNoResult(d);
        queued.forEach(Runnable::run);
        assertThat(successResultOf(d)).isEqualTo("v");
    }

    // ------------------------------------------------------------------ Mono and Publisher

    @Test
    void toMonoEmitsTheResult() {
        Deferred<String> d = new Deferred<>();
        Mono<String> mono = d.toMono();
        StepVerifier.create(mono).then(() -> d.callback("v")).expectNext("v").verifyComplete();
    }

    @Test
    void toMonoOfANullResultIsEmpty() {
        StepVerifier.create(Deferred.succeed(null).toMono()).verifyComplete();
    }

    @Test
    void toMonoErrorsWithTheOriginalException() {
        IllegalStateException error = new IllegalStateException("bad");
        StepVerifier.create(Deferred.fail(error).toMono()).expectErrorMatches(e -> e == error).verify();
    }

    @Test
    void cancellingTheSubscriptionCancelsTheDeferred() {
        AtomicInteger cancels = new AtomicInteger();
        Deferred<String> d = new Deferred<>(self -> cancels.incrementAndGet());
        StepVerifier.create(d.toMono()).thenCancel().verify();
        assertThat(cancels).hasValue(1);
        failureResultOf(d, CancelledException.class);
    }

    @Test
    void fromPublisherTakesTheMonosValue() {
        Sinks.One<String> sink = Sinks.one();
        Deferred<String> d = Deferred.fromPublisher(sink.asMono());
        assertNoResult(d);
        sink.tryEmitValue("v");
        assertThat(successResultOf(d)).isEqualTo("v");
    }

    @Test
    void fromPublisherOfAnEmptyMonoFiresWithNull() {
        Object result = successResultOf(Deferred.fromPublisher(Mono.empty()));
        assertThat(result).isNull();
    }

    @Test
    void fromPublisherTakesTheFirstElementOfAFluxAndCancelsTheRest() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Deferred<Integer> d = Deferred.fromPublisher(Flux.range(1, 10).doOnCancel(() -> cancelled.set(true)));
        assertThat(successResultOf(d)).isEqualTo(1);
        assertThat(cancelled).isTrue();
    }

    @Test
    void fromPublisherWithAnExecutorHandsItOneFiringPerResult() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        Deferred<String> valued = Deferred.fromPublisher(Mono.just("v"), queued::add);
        assertThat(queued).as("the value, and no second task for the completion after it").hasSize(1);
        Deferred<String> empty = Deferred.fromPublisher(Mono.empty(), queued::add);
        assertThat(queued).hasSize(2);
        queued.forEach(Runnable::run);
        assertThat(successResultOf(valued)).isEqualTo("v");
        assertThat(successResultOf(empty)).isNull();
    }

    @Test
    void fromPublisherCarriesTheError() {
        failureResultOf(Deferred.fromPublisher(Mono.error(new IllegalStateException())), IllegalStateException.class);
    }

    @Test
    void cancellingTheDeferredCancelsTheSubscription() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Deferred<Long> d = Deferred.fromPublisher(Mono.delay(Duration.ofHours(1)).doOnCancel(() -> cancelled.set(true)));
        d.cancel();
        assertThat(cancelled).isTrue();
        failureResultOf(d, CancelledException.class);
    }

    @Test
    void roundTripThroughMonoKeepsValueAndError() {
        assertThat(successResultOf(Deferred.<String>fromPublisher(Deferred.succeed("x").toMono()))).isEqualTo("x");
        IllegalStateException error = new IllegalStateException();
        assertThat(failureResultOf(Deferred.fromPublisher(Deferred.fail(error).toMono())).value()).isSameAs(error);
    }
}
