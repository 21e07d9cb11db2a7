package twisted.internet.task;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * Calls a function again and again, once per interval, on the reactor thread: heartbeats, polling,
 * periodic flushes. Unlike {@code ScheduledExecutorService.scheduleAtFixedRate}, it never runs
 * calls back to back to catch up: calls land on a grid of whole intervals counted from
 * {@link #start}, and intervals missed because the reactor was busy (or because the function's
 * Deferred took long) are skipped. {@link #withCount} tells the function how many were skipped.
 *
 * <pre>{@code
 * LoopingCall heartbeat = new LoopingCall(reactor, () -> { transport.write(PING); return null; });
 * heartbeat.start(Duration.ofSeconds(30))
 *          .addErrback(failure -> { log.warn("heartbeat died", failure.value()); return null; });
 * ...
 * heartbeat.stop(); // the Deferred from start() fires with the LoopingCall
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>The function may return a {@link Deferred} (or anything {@link Deferred#maybeDeferred}
 * adapts); the next call is scheduled only once it has fired, on the next grid point after that
 * moment.</li>
 * <li>If the function throws, or its Deferred fails, the loop stops and the Deferred returned by
 * {@code start} errbacks with that failure. Handle it: left alone, it is reported as an unhandled
 * failure in a Deferred.</li>
 * <li>An interval of zero runs the function again on the next reactor turn, never synchronously.</li>
 * <li>Everything, the calls included, runs on the reactor thread; call the methods there. Not
 * thread-safe.</li>
 * </ul>
 *
 * <p>Twisted: {@code twisted.internet.task.LoopingCall}. Unlike Twisted, a call still in flight
 * when the loop is stopped and started again belongs to the old run: when it ends, it fires the old
 * run's Deferred and does not disturb the new run.
 *
 * @since 0.1.0
 */
public final class LoopingCall {

    private final ReactorTime clock;

    private final Callable<?> function;

    /** The user's function, for {@link #toString()}. */
    private final Object described;

    private boolean running;

    private @Nullable Duration interval;

    private long intervalNanos;

    private long startNanos;

    /** The grid interval of the last counted call, for {@link #withCount}. */
    private long lastTick;

    /** The next scheduled call; {@code null} while the function runs or its Deferred is pending. */
    private @Nullable DelayedCall call;

    /** The Deferred of the current run, returned by {@link #start}; {@code null} once it fired. */
    private @Nullable Deferred<LoopingCall> deferred;

    /**
     * Creates a loop, not yet started.
     *
     * @param clock the reactor, or a test {@code Clock}
     * @param function what to call each interval; its result is ignored, except that a Deferred
     *                 (or {@code CompletionStage}) delays the next call until it fires
     */
    public LoopingCall(ReactorTime clock, Callable<?> function) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.function = Objects.requireNonNull(function, "function");
        this.described = function;
    }

    private LoopingCall(ReactorTime clock, CountCallable function) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(function, "function");
        this.function = () -> callWithCount(function);
        this.described = function;
    }

    /**
     * Creates a loop whose function is told how many intervals have elapsed since its last call:
     * normally 1, more when calls were skipped because the reactor was busy or the function's
     * Deferred took longer than an interval (an animation advances that many frames). When the
     * interval is zero the count is always 1. After {@link #reset()}, counting restarts from the
     * reset. Twisted: {@code LoopingCall.withCount}.
     *
     * @param clock the reactor, or a test {@code Clock}
     * @param function called with the count, which is at least 1
     * @return a loop, not yet started
     */
    public static LoopingCall withCount(ReactorTime clock, CountCallable function) {
        return new LoopingCall(clock, function);
    }

    /**
     * Starts the loop, calling the function now and then once per interval.
     *
     * @param interval time between calls
     * @return as {@link #start(Duration, boolean)}
     */
    public Deferred<LoopingCall> start(Duration interval) {
        return start(interval, true);
    }

    /**
     * Starts the loop. The grid of call times is counted from now.
     *
     * @param interval time between calls; zero means "again on the next reactor turn"
     * @param now whether to make the first call right away (synchronously, inside this method);
     *            otherwise the first call comes one interval from now
     * @return a Deferred that fires with this LoopingCall once {@link #stop()} has taken effect,
     *         or errbacks with the failure that stopped the loop (it may already have failed when
     *         {@code now} is true and the first call throws)
     * @throws IllegalStateException when the loop is already running
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Deferred<LoopingCall> start(Duration interval, boolean now) {
        Objects.requireNonNull(interval, "interval");
        if (this.running) {
            throw new IllegalStateException("Tried to start " + this + ", which is already running");
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval (" + interval + ") must not be negative");
        }
        Deferred<LoopingCall> run = new Deferred<>();
        this.deferred = run;
        this.running = true;
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.startNanos = nowNanos();
        this.lastTick = now ? -1 : 0;
        if (now) {
            callNow();
        }
        else {
            scheduleFrom(this.startNanos);
        }
        return run;
    }

    /**
     * Stops the loop. If a call is scheduled, it is cancelled and the Deferred from {@link #start}
     * fires now; if the function's Deferred is still pending, the loop's Deferred fires (or fails)
     * when that one does. The loop may be started again afterwards.
     *
     * @throws IllegalStateException when the loop is not running
     */
    public void stop() {
        if (!this.running) {
            throw new IllegalStateException("Tried to stop " + this + ", which is not running");
        }
        this.running = false;
        DelayedCall scheduled = this.call;
        if (scheduled != null) {
            scheduled.cancel();
            this.call = null;
            ended(Objects.requireNonNull(this.deferred)).callback(this);
        }
    }

    /**
     * Skips the next call and restarts the grid from now: the next call comes one full interval
     * from now. Does nothing while the function's Deferred is pending. Moves the scheduled call
     * rather than scheduling a new one.
     *
     * @throws IllegalStateException when the loop is not running
     */
    public void reset() {
        if (!this.running) {
            throw new IllegalStateException("Tried to reset " + this + ", which is not running");
        }
        DelayedCall scheduled = this.call;
        if (scheduled != null) {
            this.startNanos = nowNanos();
            this.lastTick = 0;
            scheduled.reset(Duration.ofNanos(this.intervalNanos));
        }
    }

    /**
     * Whether the loop is running: from {@link #start} until {@link #stop()}, or until a call
     * fails. Twisted: {@code running}.
     *
     * @return {@code true} while running
     */
    public boolean isRunning() {
        return this.running;
    }

    /**
     * The interval given to the last {@link #start}.
     *
     * @return the interval, or {@code null} if the loop was never started
     */
    public @Nullable Duration getInterval() {
        return this.interval;
    }

    /** One call of the function, from {@code start} or from the scheduled call. */
    private void callNow() {
        Deferred<LoopingCall> run = Objects.requireNonNull(this.deferred);
        this.call = null;
        Deferred.maybeDeferred(this.function).addCallbacks(ignored -> {
            callSucceeded(run);
            return null;
        }, failure -> {
            callFailed(run, failure);
            return null;
        });
    }

    private void callSucceeded(Deferred<LoopingCall> run) {
        if (this.running && run == this.deferred) {
            scheduleFrom(nowNanos());
        }
        else {
            ended(run).callback(this);
        }
    }

    private void callFailed(Deferred<LoopingCall> run, Failure failure) {
        if (run == this.deferred) {
            this.running = false;
        }
        ended(run).errback(failure);
    }

    /** Forgets {@code run} if it is the current one, and gives it back to be fired. */
    private Deferred<LoopingCall> ended(Deferred<LoopingCall> run) {
        if (run == this.deferred) {
            this.deferred = null;
        }
        return run;
    }

    /** Schedules the next call on the first grid point strictly after {@code whenNanos}. */
    private void scheduleFrom(long whenNanos) {
        long delay = 0;
        if (this.intervalNanos > 0) {
            delay = this.intervalNanos - Math.floorMod(whenNanos - this.startNanos, this.intervalNanos);
        }
        this.call = this.clock.callLater(Duration.ofNanos(delay), this::callNow);
    }

    private @Nullable Object callWithCount(CountCallable function) throws Exception {
        if (this.intervalNanos == 0) {
            return function.call(1);
        }
        long tick = Math.floorDiv(nowNanos() - this.startNanos, this.intervalNanos);
        long count = tick - this.lastTick;
        if (count <= 0) {
            return null; // woken early within the interval of the last call: nothing elapsed
        }
        this.lastTick = tick;
        return function.call(count);
    }

    private long nowNanos() {
        return Math.round(this.clock.seconds() * 1e9);
    }

    @Override
    public String toString() {
        return "LoopingCall<" + this.interval + ">(" + this.described + ")";
    }

    /**
     * The function of a {@link LoopingCall#withCount counting} loop. Twisted: the
     * {@code countCallable} given to {@code withCount}.
     */
    @FunctionalInterface
    public interface CountCallable {

        /**
         * Does one round of the loop's work.
         *
         * @param count how many intervals have elapsed since the last call, at least 1
         * @return ignored, except that a Deferred delays the next call until it fires
         * @throws Exception to stop the loop and fail its Deferred
         */
        @Nullable Object call(long count) throws Exception;
    }
}
