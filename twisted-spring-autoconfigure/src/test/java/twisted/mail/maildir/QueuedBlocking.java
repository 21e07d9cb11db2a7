package twisted.mail.maildir;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

import twisted.defer.Deferred;

/** A {@link Blocking} that holds each task until the test runs it, on the test's thread. */
final class QueuedBlocking implements Blocking {

    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public <T> Deferred<T> run(Callable<? extends T> work) {
        Deferred<T> result = new Deferred<>();
        this.tasks.add(() -> {
            T value;
            try {
                value = work.call();
            }
            catch (Throwable ex) {
                result.errback(ex);
                return;
            }
            result.callback(value);
        });
        return result;
    }

    int queued() {
        return this.tasks.size();
    }

    /** Runs the oldest task. */
    void runNext() {
        this.tasks.removeFirst().run();
    }

    /** Runs tasks, including the ones they queue, until none is left. */
    void runAll() {
        while (!this.tasks.isEmpty()) {
            runNext();
        }
    }
}
