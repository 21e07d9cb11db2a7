package twisted.defer;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * The queue of Deferreds waiting on a lock, a semaphore or a queue, in arrival order. Cancelling a
 * waiting Deferred takes it out of the line.
 */
final class Waiters<T> {

    private final ArrayDeque<Deferred<T>> waiting = new ArrayDeque<>();

    Deferred<T> enqueue() {
        Deferred<T> d = new Deferred<>(this.waiting::remove);
        this.waiting.add(d);
        return d;
    }

    @Nullable Deferred<T> poll() {
        return this.waiting.poll();
    }

    int size() {
        return this.waiting.size();
    }

    /** Once {@code acquired} fires, runs {@code f}, then releases whatever its outcome. */
    static Deferred<Object> runHolding(Deferred<?> acquired, Runnable release, Callable<?> f) {
        return acquired.addCallback(held -> Deferred.maybeDeferred(f).addBoth(result -> {
            release.run();
            return result;
        }));
    }
}
