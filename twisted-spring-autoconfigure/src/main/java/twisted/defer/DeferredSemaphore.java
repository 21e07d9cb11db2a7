package twisted.defer;

import java.util.concurrent.Callable;

/**
 * A semaphore for asynchronous code: at most {@code tokens} holders at a time, the others waiting
 * in line on Deferreds. It never blocks a thread. Use it from the reactor thread only.
 *
 * <pre>{@code
 * DeferredSemaphore sem = new DeferredSemaphore(5);      // five downloads at once
 * for (String url : urls) sem.run(() -> agent.request("GET", url));
 * }</pre>
 *
 * <p>Twisted: {@code defer.DeferredSemaphore}.
 *
 * @since 0.1.0
 */
public class DeferredSemaphore {

    private final Waiters<DeferredSemaphore> waiters = new Waiters<>();

    private final int limit;

    private int tokens;

    /**
     * Creates a semaphore.
     *
     * @param tokens how many holders may hold it at once; at least 1
     */
    public DeferredSemaphore(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens (" + tokens + ") must be at least 1");
        }
        this.limit = tokens;
        this.tokens = tokens;
    }

    /**
     * Takes a token: the Deferred fires with this semaphore once one is free (at once if one is).
     * Cancelling the Deferred before it fires leaves the line.
     *
     * @return a Deferred that fires when the caller holds a token
     */
    public Deferred<DeferredSemaphore> acquire() {
        if (this.tokens > 0) {
            this.tokens--;
            return Deferred.succeed(this);
        }
        return this.waiters.enqueue();
    }

    /**
     * Gives a token back, handing it to the first in line if any.
     *
     * @throws IllegalStateException when no token is held
     */
    public void release() {
        if (this.tokens >= this.limit) {
            throw new IllegalStateException("release() without a matching acquire()");
        }
        Deferred<DeferredSemaphore> next = this.waiters.poll();
        if (next != null) {
            next.callback(this);
        }
        else {
            this.tokens++;
        }
    }

    /**
     * Acquires, calls {@code f} (through {@link Deferred#maybeDeferred}), and releases when its
     * result is in, whatever the outcome.
     *
     * @param f the work to do while holding a token
     * @return a Deferred of {@code f}'s result
     */
    public Deferred<Object> run(Callable<?> f) {
        return Waiters.runHolding(acquire(), this::release, f);
    }

    /**
     * How many tokens are free now.
     *
     * @return the free tokens
     */
    public int getTokens() {
        return this.tokens;
    }

    /**
     * How many callers wait in line.
     *
     * @return the number waiting
     */
    public int getWaiting() {
        return this.waiters.size();
    }
}
