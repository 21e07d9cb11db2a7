package twisted.internet.task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.defer.Failure;

/**
 * One iteration running inside a {@link Cooperator}, made by {@link Cooperator#cooperate}: it can
 * be paused, resumed, stopped and waited on. Each of its steps is one {@code next()} of its
 * iterator; it finishes when {@code hasNext()} is false, when the iterator throws (or a Deferred
 * it yielded fails), or when it is stopped.
 *
 * <p>Use it on the reactor thread only. Not thread-safe.
 *
 * <p>If the task fails while nobody waits on {@link #whenDone()}, the failure is kept in a
 * Deferred and reported as an unhandled failure in a Deferred if no {@code whenDone()} claims it
 * (Twisted drops it silently).
 *
 * <p>Twisted: {@code twisted.internet.task.CooperativeTask}.
 *
 * @param <I> the iterator's type
 * @since 0.1.0
 */
public final class CooperativeTask<I extends Iterator<?>> {

    private static final Logger log = LoggerFactory.getLogger(CooperativeTask.class);

    /** How a task finished, and what operations on it then throw. */
    enum Ending {

        DONE(TaskDoneException::new, "its iterator is exhausted"),
        STOPPED(TaskStoppedException::new, "it was stopped"),
        FAILED(TaskFailedException::new, "it failed"),
        SCHEDULER_STOPPED(SchedulerStoppedException::new, "its Cooperator was stopped");

        private final Function<String, SchedulerException> exception;

        private final String reason;

        Ending(Function<String, SchedulerException> exception, String reason) {
            this.exception = exception;
            this.reason = reason;
        }

        SchedulerException refuse(String action, CooperativeTask<?> task) {
            return this.exception.apply("Cannot " + action + " " + task + ": " + this.reason);
        }
    }

    private final I iterator;

    private final Cooperator cooperator;

    private final List<Deferred<I>> waiters = new ArrayList<>();

    private int pauseCount;

    private @Nullable Ending ending;

    /** The iterator, or the {@link Failure} the task ended with. */
    private @Nullable Object outcome;

    /** The failure of a task nobody waited on, until a {@link #whenDone()} claims it. */
    private @Nullable Deferred<I> unclaimed;

    CooperativeTask(I iterator, Cooperator cooperator) {
        this.iterator = iterator;
        this.cooperator = cooperator;
    }

    /**
     * A new Deferred, each call, that fires with the iterator once it is exhausted, or fails with
     * what the iterator threw, the failure of a Deferred it yielded, {@link TaskStoppedException}
     * after {@link #stop()} or {@link SchedulerStoppedException} after {@link Cooperator#stop()}.
     * Called after the end, it has the outcome already.
     *
     * @return a Deferred of the end of the task
     */
    public Deferred<I> whenDone() {
        Deferred<I> done = new Deferred<>();
        if (this.ending == null) {
            this.waiters.add(done);
            return done;
        }
        Deferred<I> kept = this.unclaimed;
        if (kept != null) {
            this.unclaimed = null;
            kept.addErrback(failure -> null); // claimed by this caller now
        }
        fire(done);
        return done;
    }

    /**
     * Stops doing work until {@link #resume()}. Pauses count: {@code n} pauses need {@code n}
     * resumes.
     *
     * @throws TaskFinishedException (or {@link SchedulerStoppedException}) when the task has
     *         finished
     */
    public void pause() {
        checkNotFinished("pause");
        holdBack();
    }

    /**
     * Undoes one {@link #pause()}; the last one puts the task back in its Cooperator's round-robin.
     * Resuming a finished task that was paused only counts down.
     *
     * @throws NotPausedException when the task is not paused
     */
    public void resume() {
        if (this.pauseCount == 0) {
            throw new NotPausedException("Cannot resume " + this + ": it is not paused");
        }
        this.pauseCount--;
        if (this.pauseCount == 0 && this.ending == null) {
            this.cooperator.schedule(this);
        }
    }

    /**
     * Stops the task for good: the iterator is not called again, and {@link #whenDone()} fails with
     * {@link TaskStoppedException}. A Deferred the task was waiting on is left alone.
     *
     * @throws TaskFinishedException (or {@link SchedulerStoppedException}) when the task has
     *         already finished
     */
    public void stop() {
        checkNotFinished("stop");
        completeWith(Ending.STOPPED);
    }

    /**
     * Whether the task is paused, by {@link #pause()} or while waiting on a Deferred it yielded.
     *
     * @return {@code true} while paused
     */
    public boolean isPaused() {
        return this.pauseCount > 0;
    }

    /**
     * Whether the task has finished: exhausted, failed or stopped.
     *
     * @return {@code true} once finished
     */
    public boolean isFinished() {
        return this.ending != null;
    }

    /** One step: one {@code next()}, or the end of the task. Called by the Cooperator. */
    void oneWorkUnit() {
        Object item;
        try {
            if (!this.iterator.hasNext()) {
                completeWith(Ending.DONE, this.iterator);
                return;
            }
            item = this.iterator.next();
        }
        catch (Throwable ex) {
            completeWith(Ending.FAILED, new Failure(ex));
            return;
        }
        if (item instanceof Deferred<?> deferred && this.ending == null) {
            waitFor(deferred);
        }
    }

    /** Finishes with the exception that {@code ending} stands for. */
    void completeWith(Ending ending) {
        completeWith(ending, new Failure(ending.refuse("continue", this)));
    }

    private void completeWith(Ending ending, Object outcome) {
        this.ending = ending;
        this.outcome = outcome;
        this.cooperator.finished(this); // before firing: callbacks may use the Cooperator
        List<Deferred<I>> toFire = new ArrayList<>(this.waiters);
        this.waiters.clear();
        if (toFire.isEmpty() && ending == Ending.FAILED) {
            Deferred<I> kept = new Deferred<>();
            fire(kept);
            this.unclaimed = kept;
        }
        toFire.forEach(this::fire);
    }

    private void waitFor(Deferred<?> deferred) {
        holdBack();
        deferred.addCallbacks(result -> {
            if (this.pauseCount > 0) {
                resume();
            }
            return null;
        }, failure -> {
            if (this.ending == null) {
                completeWith(Ending.FAILED, failure);
            }
            else {
                log.warn("A Deferred yielded by {} failed after the task had finished", this, failure.value());
            }
            return null;
        });
    }

    private void holdBack() {
        this.pauseCount++;
        if (this.pauseCount == 1) {
            this.cooperator.unschedule(this);
        }
    }

    @SuppressWarnings("unchecked")
    private void fire(Deferred<I> done) {
        if (this.outcome instanceof Failure failure) {
            done.errback(failure);
        }
        else {
            done.callback((I) this.outcome);
        }
    }

    private void checkNotFinished(String action) {
        Ending end = this.ending;
        if (end != null) {
            throw end.refuse(action, this);
        }
    }

    @Override
    public String toString() {
        return "CooperativeTask<" + this.iterator + ">";
    }
}
