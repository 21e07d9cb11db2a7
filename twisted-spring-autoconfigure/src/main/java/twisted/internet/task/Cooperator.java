package twisted.internet.task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * Runs long iterations a little at a time, so the reactor thread keeps serving connections: each
 * task is an {@link Iterator} whose every {@code next()} is one small unit of work. The Cooperator
 * runs units in slices ({@link Slicing}), taking one unit from each task in turn (round-robin,
 * resuming where the last slice stopped), and schedules the next slice with
 * {@link ReactorTime#callLater}. A task whose iterator yields a {@link Deferred} waits for it
 * without holding up the others.
 *
 * <pre>{@code
 * Cooperator cooperator = new Cooperator(reactor);
 * // each next() indexes one message; index may return a Deferred to wait for
 * Iterator<?> work = messages.stream().map(this::index).iterator();
 * cooperator.coiterate(work).addCallback(done -> { log.info("indexed"); return null; });
 * }</pre>
 *
 * <p>Work never starts synchronously inside {@link #cooperate}: the first slice comes after the
 * configured gap. Use it on the reactor thread only; tasks run there. Several Cooperators do not
 * share slices with each other, so an application normally keeps one.
 *
 * <p>Twisted: {@code twisted.internet.task.Cooperator}. Twisted's module-level {@code cooperate}
 * and {@code coiterate} use a global Cooperator on the global reactor; here you make the
 * Cooperator with the reactor you inject. Unlike Twisted, {@link #stop()} also ends tasks that are
 * paused or waiting on a Deferred.
 *
 * @since 0.1.0
 */
public final class Cooperator {

    private final ReactorTime clock;

    private final Slicing slicing;

    /** Tasks not paused and not finished, in round-robin order. */
    private final List<CooperativeTask<?>> runnable = new ArrayList<>();

    /** Every task not finished yet, paused ones included. */
    private final Set<CooperativeTask<?>> unfinished = new LinkedHashSet<>();

    /** Index in {@link #runnable} of the task whose turn is next. */
    private int cursor;

    private @Nullable DelayedCall nextSlice;

    private boolean stopped;

    /**
     * Creates a Cooperator with Twisted's slicing ({@link Slicing#DEFAULT}).
     *
     * @param clock the reactor, or a test {@code Clock}
     */
    public Cooperator(ReactorTime clock) {
        this(clock, Slicing.DEFAULT);
    }

    /**
     * Creates a Cooperator.
     *
     * @param clock the reactor, or a test {@code Clock}; it also measures work time
     * @param slicing how long slices are and how far apart
     */
    public Cooperator(ReactorTime clock, Slicing slicing) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.slicing = Objects.requireNonNull(slicing, "slicing");
    }

    /**
     * Adds a task that calls {@code iterator.next()} once per turn until {@code hasNext()} is
     * false. If the Cooperator is stopped, the task is finished at once and its
     * {@link CooperativeTask#whenDone()} fails with {@link SchedulerStoppedException}.
     *
     * @param iterator the work; an element that is a Deferred makes the task wait for it, and a
     *                 failure of that Deferred fails the task
     * @param <I> the iterator's type
     * @return the task, to pause, resume, stop or wait on
     */
    public <I extends Iterator<?>> CooperativeTask<I> cooperate(I iterator) {
        CooperativeTask<I> task = new CooperativeTask<>(Objects.requireNonNull(iterator, "iterator"), this);
        if (this.stopped) {
            task.completeWith(CooperativeTask.Ending.SCHEDULER_STOPPED);
        }
        else {
            this.unfinished.add(task);
            schedule(task);
        }
        return task;
    }

    /**
     * Like {@link #cooperate}, when only the end matters.
     *
     * @param iterator the work
     * @param <I> the iterator's type
     * @return a Deferred that fires with {@code iterator} once it is exhausted, or fails with what
     *         it threw
     */
    public <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
        return cooperate(iterator).whenDone();
    }

    /**
     * Stops every unfinished task, paused ones included: their {@code whenDone()} Deferreds fail
     * with {@link SchedulerStoppedException}. Tasks added later fail the same way. Calling it again
     * does nothing more.
     */
    public void stop() {
        this.stopped = true;
        for (CooperativeTask<?> task : new ArrayList<>(this.unfinished)) {
            if (!task.isFinished()) { // a callback of an earlier one may have stopped it
                task.completeWith(CooperativeTask.Ending.SCHEDULER_STOPPED);
            }
        }
        cancelNextSlice();
    }

    /**
     * Whether the Cooperator still takes work, that is, {@link #stop()} has not been called.
     *
     * @return {@code true} until stopped
     */
    public boolean isRunning() {
        return !this.stopped;
    }

    /** The task may run again: put it back in the round-robin. */
    void schedule(CooperativeTask<?> task) {
        this.runnable.add(task);
        scheduleSlice();
    }

    /** The task is paused or finished: take it out of the round-robin. */
    void unschedule(CooperativeTask<?> task) {
        int index = this.runnable.indexOf(task);
        if (index < 0) {
            return;
        }
        this.runnable.remove(index);
        if (index < this.cursor) {
            this.cursor--;
        }
        if (this.runnable.isEmpty()) {
            cancelNextSlice();
        }
    }

    /** The task has finished: forget it. */
    void finished(CooperativeTask<?> task) {
        unschedule(task);
        this.unfinished.remove(task);
    }

    private void runSlice() {
        this.nextSlice = null;
        long start = nowNanos();
        long maxWork = this.slicing.maxWorkTime().toNanos();
        int steps = 0;
        while (!this.runnable.isEmpty()) {
            if (this.cursor >= this.runnable.size()) {
                this.cursor = 0;
            }
            this.runnable.get(this.cursor++).oneWorkUnit();
            steps++;
            if (steps >= this.slicing.maxSteps() || nowNanos() - start >= maxWork) {
                break;
            }
        }
        scheduleSlice();
    }

    private void scheduleSlice() {
        if (this.nextSlice == null && !this.stopped && !this.runnable.isEmpty()) {
            this.nextSlice = this.clock.callLater(this.slicing.gap(), this::runSlice);
        }
    }

    private void cancelNextSlice() {
        DelayedCall call = this.nextSlice;
        if (call != null) {
            call.cancel();
            this.nextSlice = null;
        }
    }

    private long nowNanos() {
        return Math.round(this.clock.seconds() * 1e9);
    }

    @Override
    public String toString() {
        return "Cooperator<" + this.unfinished.size() + " task(s), " + (this.stopped ? "stopped" : "running") + ">";
    }
}
