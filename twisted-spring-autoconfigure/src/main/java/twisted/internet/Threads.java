package twisted.internet;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * Calls between the reactor thread and other threads, beyond {@link Reactor#callFromThread} and
 * {@link Reactor#deferToThread}.
 *
 * <p>Twisted: {@code twisted.internet.threads}.
 *
 * @since 0.1.0
 */
public final class Threads {

    private Threads() {
    }

    /**
     * From another thread, runs {@code callable} on the reactor thread and waits for its result;
     * when it returns a {@link Deferred}, waits for that to fire. A failure is rethrown as it is
     * (checked exceptions too, unwrapped).
     *
     * <p>Unlike Twisted's (#10124), it refuses at once on the reactor thread (where it would
     * deadlock) and once the reactor has stopped, and it gives up after {@code timeout}. Before
     * the reactor is started the call still runs, on its event loop.
     *
     * @param reactor the reactor
     * @param callable what to run on the reactor thread
     * @param timeout how long to wait
     * @param <T> the result type
     * @return the result
     * @throws IllegalStateException on the reactor thread
     * @throws twisted.internet.error.ReactorNotRunningException when the reactor has stopped
     * @throws TimeoutException when the result takes longer than {@code timeout}
     * @throws Exception what the call or its Deferred failed with
     */
    @SuppressWarnings("unchecked")
    public static <T> @Nullable T blockingCallFromThread(Reactor reactor, Callable<?> callable, Duration timeout)
            throws Exception {
        Objects.requireNonNull(callable, "callable");
        if (reactor.isReactorThread()) {
            throw new IllegalStateException("blockingCallFromThread on the reactor thread would deadlock");
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        reactor.callFromThread(() -> Deferred.maybeDeferred(callable).addCallbacks(value -> {
            result.complete(value);
            return null;
        }, failure -> {
            result.completeExceptionally(failure.value());
            return null;
        }));
        try {
            return (T) result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw ex;
        }
        catch (TimeoutException ex) {
            TimeoutException timedOut = new TimeoutException("no result from the reactor thread within " + timeout.toMillis()
                    + " ms" + (reactor.isRunning() ? "" : " (the reactor is not running)"));
            timedOut.initCause(ex);
            throw timedOut;
        }
    }
}
