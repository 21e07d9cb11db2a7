package twisted.defer;

import java.util.concurrent.Callable;

/**
 * A lock for asynchronous code: one holder at a time, the others waiting in line on Deferreds. It
 * never blocks a thread. Use it from the reactor thread only.
 *
 * <p>Twisted: {@code defer.DeferredLock}.
 *
 * @since 0.1.0
 */
public class DeferredLock {

    private final Waiters<DeferredLock> waiters = new Waiters<>();

    private boolean locked;

    /**
     * Takes the lock: the Deferred fires with this lock once it is free (at once if it is).
     * Cancelling the Deferred before it fires leaves the line.
     *
     * @return a Deferred that fires when the caller holds the lock
     */
    public Deferred<DeferredLock> acquire() {
        if (!this.locked) {
            this.locked = true;
            return Deferred.succeed(this);
        }
        return this.waiters.enqueue();
    }

    /**
     * Releases the lock, handing it to the first in line if any.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public void release() {
        if (!this.locked) {
            throw new IllegalStateException("release() of a DeferredLock that is not locked");
        }
        Deferred<DeferredLock> next = this.waiters.poll();
        if (next != null) {
            next.callback(this);
        }
        else {
            this.locked = false;
        }
    }

    /**
     * Acquires, calls {@code f} (through {@link Deferred#maybeDeferred}), and releases when its
     * result is in, whatever the outcome.
     *
     * @param f the work to do while holding the lock
     * @return a Deferred of {@code f}'s result
     */
    public Deferred<Object> run(Callable<?> f) {
        return Waiters.runHolding(acquire(), this::release, f);
    }

    /**
     * Whether someone holds the lock.
     *
     * @return {@code true} while held
     */
    public boolean isLocked() {
        return this.locked;
    }
}
