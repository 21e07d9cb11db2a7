package twisted.conch.manhole;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.fail;

/**
 * The interpreter's callbacks executor in tests: it queues what the interpreter hands back, and
 * the test thread runs it, so Deferreds fire on the test thread as they would on the reactor's.
 */
final class CallbackQueue implements Executor {

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable command) {
        this.queue.add(command);
    }

    /** Runs the queued callbacks until {@code done}, waiting at most a minute for each. */
    void runUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            try {
                Runnable next = this.queue.poll(60, TimeUnit.SECONDS);
                if (next == null) {
                    fail("nothing came back from the interpreter within a minute");
                }
                next.run();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }

    <T> Deferred<T> await(Deferred<T> deferred) {
        runUntil(deferred::isCalled);
        return deferred;
    }
}
