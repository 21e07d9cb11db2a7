package twisted.defer;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * Conversions between {@link Deferred} and {@link CompletionStage}, {@link Mono} and
 * {@link Publisher}, with results, failures, empty values and cancellation carried both ways.
 */
final class ReactiveBridge {

    private ReactiveBridge() {
    }

    static <T> Deferred<T> fromCompletionStage(CompletionStage<? extends T> stage, @Nullable Executor executor) {
        CompletableFuture<? extends T> future = stage.toCompletableFuture();
        Deferred<T> deferred = new Deferred<>(d -> future.cancel(true));
        future.whenComplete((value, error) -> fire(deferred, executor, value, error));
        return deferred;
    }

    static <T> Deferred<T> fromPublisher(Publisher<? extends T> publisher, @Nullable Executor executor) {
        Disposable.Swap subscription = Disposables.swap();
        Deferred<T> deferred = new Deferred<>(d -> subscription.dispose());
        Mono<? extends T> first = (publisher instanceof Mono<? extends T> mono) ? mono : Mono.from(publisher);
        // Reactor calls the completion callback right after the value's: hand the executor one firing,
        // not a second one that fails once the reactor has stopped. Signals are serial, so no lock.
        boolean[] valued = new boolean[1];
        subscription.update(first.subscribe(
                value -> {
                    valued[0] = true;
                    fire(deferred, executor, value, null);
                },
                error -> fire(deferred, executor, null, error),
                () -> {
                    if (!valued[0]) {
                        fire(deferred, executor, null, null);
                    }
                }));
        return deferred;
    }

    static <T> CompletableFuture<T> toCompletableFuture(Deferred<T> deferred) {
        CompletableFuture<T> future = new CompletableFuture<>();
        deferred.observe(result -> {
            if (result instanceof Failure failure) {
                future.completeExceptionally(failure.value());
            }
            else {
                future.complete(cast(result));
            }
        });
        future.whenComplete((value, error) -> {
            if (error instanceof CancellationException && !deferred.isCalled()) {
                deferred.cancel();
            }
        });
        return future;
    }

    static <T> Mono<T> toMono(Deferred<T> deferred, Executor executor) {
        return Mono.create(sink -> executor.execute(() -> {
            boolean[] cancelled = new boolean[1];
            sink.onCancel(() -> executor.execute(() -> {
                cancelled[0] = true;
                deferred.cancel();
            }));
            deferred.observe(result -> {
                if (!cancelled[0]) {
                    emit(sink, result);
                }
            });
        }));
    }

    private static <T> void emit(reactor.core.publisher.MonoSink<T> sink, @Nullable Object result) {
        if (result instanceof Failure failure) {
            sink.error(failure.value());
        }
        else if (result == null) {
            sink.success();
        }
        else {
            sink.success(cast(result));
        }
    }

    static <T> Mono<T> toMono(Deferred<T> deferred) {
        return Mono.create(sink -> {
            boolean[] cancelled = new boolean[1];
            sink.onCancel(() -> {
                cancelled[0] = true;
                deferred.cancel();
            });
            deferred.observe(result -> {
                if (!cancelled[0]) {
                    emit(sink, result);
                }
            });
        });
    }

    /** Fires {@code deferred} once, through {@code executor} when there is one. */
    private static <T> void fire(Deferred<T> deferred, @Nullable Executor executor, @Nullable T value,
            @Nullable Throwable error) {
        Runnable firing = () -> {
            if (deferred.isCalled()) {
                return;
            }
            if (error != null) {
                deferred.errback(unwrap(error));
            }
            else {
                deferred.callback(value);
            }
        };
        if (executor != null) {
            executor.execute(firing);
        }
        else {
            firing.run();
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException && !(cause instanceof CancelledException)) {
            CancelledException cancelled = new CancelledException(String.valueOf(cause.getMessage()));
            cancelled.initCause(cause);
            return cancelled;
        }
        return cause;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(@Nullable Object value) {
        return (T) value;
    }
}
