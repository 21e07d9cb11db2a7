package twisted.mail.maildir;

import java.util.function.Supplier;

import twisted.defer.Deferred;

/**
 * Runs asynchronous operations one after another: each starts, on the reactor thread, once the one
 * before it has finished, whether it succeeded or failed. A folder's file work goes through one, so
 * two operations never rename the same files or write its uidlist at once, and each starts from
 * the state the previous one left. Used on the reactor thread only.
 */
final class SerialQueue {

    private Deferred<?> tail = Deferred.succeed(null);

    private final Runnable idle;

    private int pending;

    /**
     * @param idle run whenever the last queued operation has finished
     */
    SerialQueue(Runnable idle) {
        this.idle = idle;
    }

    /** Queues an operation; its Deferred fires with the operation's result. */
    <T> Deferred<T> submit(Supplier<Deferred<T>> operation) {
        this.pending++;
        Deferred<T> result = this.tail.thenCompose(ignored -> operation.get());
        this.tail = result.recover(failure -> null).thenApply(ignored -> {
            this.pending--;
            if (this.pending == 0) {
                this.idle.run();
            }
            return null;
        });
        return result;
    }

    /** Whether no operation is queued or running. */
    boolean isIdle() {
        return this.pending == 0;
    }
}
