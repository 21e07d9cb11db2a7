package twisted.defer;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * A result that is not there yet, with a chain of callbacks and errbacks to run when it comes:
 * Twisted's Deferred, with its semantics kept to the letter.
 *
 * <p><b>Why do we want this?</b> Network code cannot wait: the reactor thread must go on serving
 * every other connection. A function whose answer takes time returns a {@code Deferred}; the caller
 * attaches what should happen next with {@link #addCallback} and {@link #addErrback}; whoever
 * produces the answer calls {@link #callback} or {@link #errback} once.
 *
 * <pre>{@code
 * Deferred<String> d = getHeadline();
 * d.addCallback(headline -> "<h1>" + headline + "</h1>")
 *  .addCallbacks(html -> { show(html); return null; },
 *                failure -> { log.warn(failure.getErrorMessage()); return null; });
 * }</pre>
 *
 * <h2>The chain</h2>
 * Stages run in the order they were added. Each receives the current result; what it returns, or
 * throws, becomes the next result. A {@link Failure} result goes to the next errback, anything else
 * to the next callback; an errback that returns a plain value puts the chain back on the success
 * path. {@code addCallbacks(cb, eb)} adds one stage, so {@code eb} does <em>not</em> see a failure
 * thrown by {@code cb}; {@code addCallback(cb).addErrback(eb)} adds two, and {@code eb} does. A
 * stage that returns another Deferred pauses this chain until that one fires, and its result
 * becomes this chain's result; chaining is iterative, so arbitrarily deep nesting cannot overflow
 * the stack.
 *
 * <h2>Typing</h2>
 * The result's type changes along a Twisted chain, so the faithful methods ({@code addCallback} and
 * friends) return this same object typed {@code Deferred<Object>}. The typed stages
 * {@link #thenApply}, {@link #thenCompose}, {@link #thenAccept}, {@link #recover} and
 * {@link #recoverWith} instead return a <em>new</em> Deferred and leave this one's result as it is.
 *
 * <h2>Threads</h2>
 * A Deferred is not thread-safe, exactly as in Twisted: callbacks run synchronously on the thread
 * that fires it, and one thread at a time may touch it. Deferreds fired by the framework fire on
 * the reactor thread. From another thread, hand the work to the reactor first
 * ({@code callFromThread}), or use the {@code Executor} variants of {@link #fromCompletionStage}
 * and {@link #fromPublisher}.
 *
 * <h2>Unhandled failures</h2>
 * A Deferred that becomes unreachable while its last result is a failure is reported once through
 * SLF4J (logger {@code twisted.defer.Deferred}, level ERROR, "Unhandled error in Deferred") with
 * the failure's stack and, when {@link #setDebugging debugging} is on, where the Deferred was
 * created and first fired. See {@link UnhandledFailures}.
 *
 * <p>Twisted: {@code twisted.internet.defer.Deferred}.
 *
 * @param <T> the type of the result this Deferred is first fired with
 * @since 0.1.0
 */
public class Deferred<T> extends ChainLink {

    private static final Logger log = LoggerFactory.getLogger(Deferred.class);

    private static final Object NO_RESULT = new Object() {
        @Override
        public String toString() {
            return "<no result>";
        }
    };

    private static final Object WAITING = new Object();

    private static volatile boolean debugging;

    /**
     * What {@link #cancel()} calls first: the user's canceller (a {@code Consumer}), or, for a
     * typed stage, the Deferred it was made from.
     */
    private @Nullable Object canceller;

    /** The current result: {@code NO_RESULT}, a value, a {@link Failure}, or the Deferred we wait on. */
    private @Nullable Object result = NO_RESULT;

    private boolean called;

    private int paused;

    private boolean runningCallbacks;

    private boolean suppressAlreadyCalled;

    /** True once another Deferred waits on this one, or has taken its result. */
    private boolean waitedOn;

    /** The last queued stage; stages form a ring, so {@code tail.next} is the first one. */
    private @Nullable ChainLink tail;

    private @Nullable FailureTracker tracker;

    /** Creates a Deferred with no canceller: cancelling it errbacks with {@link CancelledException}. */
    public Deferred() {
        this(null);
    }

    /**
     * Creates a Deferred whose {@link #cancel()} first calls {@code canceller}, which should stop the
     * work and may fire the Deferred itself.
     *
     * @param canceller called with this Deferred on {@code cancel()}; may be {@code null}
     */
    public Deferred(@Nullable Consumer<? super Deferred<T>> canceller) {
        this.canceller = canceller;
        if (debugging) {
            this.tracker = new FailureTracker(new Throwable("Deferred was created here"));
        }
    }

    // ------------------------------------------------------------------ factories

    /**
     * A Deferred that has already fired with {@code result}. Twisted: {@code defer.succeed}.
     *
     * @param result the result
     * @param <T> the result's type
     * @return a fired Deferred
     */
    public static <T> Deferred<T> succeed(@Nullable T result) {
        Deferred<T> d = new Deferred<>();
        d.callback(result);
        return d;
    }

    /**
     * A Deferred that has already failed with {@code error}. Twisted: {@code defer.fail}.
     *
     * @param error the exception
     * @param <T> the type the result would have had
     * @return a failed Deferred
     */
    public static <T> Deferred<T> fail(Throwable error) {
        return fail(new Failure(error));
    }

    /**
     * A Deferred that has already failed with {@code failure}.
     *
     * @param failure the failure
     * @param <T> the type the result would have had
     * @return a failed Deferred
     */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    /**
     * Calls {@code f} and turns whatever happens into a Deferred, never throwing: a returned
     * {@code Deferred} is given back as it is, a {@link CompletionStage} or {@link Publisher} is
     * adapted, a thrown exception becomes a failed Deferred, any other value a fired one.
     * Twisted: {@code defer.maybeDeferred}.
     *
     * @param f the function to call
     * @return a Deferred of {@code f}'s outcome
     */
    public static Deferred<Object> maybeDeferred(Callable<?> f) {
        Object value;
        try {
            value = f.call();
        }
        catch (Throwable ex) {
            return fail(ex);
        }
        return adapt(value);
    }

    /**
     * Calls {@code f} now and gives a Deferred of its typed result, or of its exception. Twisted:
     * {@code defer.execute}.
     *
     * @param f the function to call
     * @param <T> the result's type
     * @return a fired Deferred
     */
    public static <T> Deferred<T> execute(Callable<? extends T> f) {
        try {
            return succeed(f.call());
        }
        catch (Throwable ex) {
            return fail(ex);
        }
    }

    @SuppressWarnings("unchecked")
    static Deferred<Object> adapt(@Nullable Object value) {
        if (value instanceof Deferred<?> deferred) {
            return (Deferred<Object>) deferred;
        }
        if (value instanceof CompletionStage<?> stage) {
            return (Deferred<Object>) fromCompletionStage(stage);
        }
        if (value instanceof Publisher<?> publisher) {
            return (Deferred<Object>) fromPublisher(publisher);
        }
        if (value instanceof Failure failure) {
            return fail(failure);
        }
        return succeed(value);
    }

    // ------------------------------------------------------------------ interop

    /**
     * A Deferred that fires when {@code stage} completes, on the completing thread. Cancelling the
     * Deferred cancels the stage's future. A {@code CompletionException} is unwrapped; a
     * cancellation arrives as {@link CancelledException}.
     *
     * @param stage the stage to follow
     * @param <T> the result's type
     * @return a Deferred of the stage's outcome
     */
    public static <T> Deferred<T> fromCompletionStage(CompletionStage<? extends T> stage) {
        return ReactiveBridge.fromCompletionStage(stage, null);
    }

    /**
     * Like {@link #fromCompletionStage(CompletionStage)}, but fires the Deferred through
     * {@code executor}: pass the reactor's {@code callFromThread} to fire on the reactor thread.
     *
     * @param stage the stage to follow
     * @param executor runs the firing of the Deferred
     * @param <T> the result's type
     * @return a Deferred of the stage's outcome
     */
    public static <T> Deferred<T> fromCompletionStage(CompletionStage<? extends T> stage, Executor executor) {
        return ReactiveBridge.fromCompletionStage(stage, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * A Deferred of the first element of {@code publisher} ({@code null} when it completes empty),
     * subscribed at once. Cancelling the Deferred cancels the subscription.
     *
     * @param publisher a {@code Mono}, {@code Flux} or any Reactive Streams publisher
     * @param <T> the element type
     * @return a Deferred of the first element
     */
    public static <T> Deferred<T> fromPublisher(Publisher<? extends T> publisher) {
        return ReactiveBridge.fromPublisher(publisher, null);
    }

    /**
     * Like {@link #fromPublisher(Publisher)}, but fires the Deferred through {@code executor}.
     *
     * @param publisher the publisher
     * @param executor runs the firing of the Deferred
     * @param <T> the element type
     * @return a Deferred of the first element
     */
    public static <T> Deferred<T> fromPublisher(Publisher<? extends T> publisher, Executor executor) {
        return ReactiveBridge.fromPublisher(publisher, Objects.requireNonNull(executor, "executor"));
    }

    /**
     * A future that completes with this Deferred's result at the current end of its chain, without
     * changing the chain. Cancelling the future cancels this Deferred (on the cancelling thread).
     *
     * @return a new future
     */
    public CompletableFuture<T> toCompletableFuture() {
        return ReactiveBridge.toCompletableFuture(this);
    }

    /**
     * A {@code Mono} of this Deferred's result at the current end of its chain, without changing the
     * chain; a {@code null} result is an empty Mono. Cancelling a subscription cancels this
     * Deferred.
     *
     * @return a new Mono
     */
    public Mono<T> toMono() {
        return ReactiveBridge.toMono(this);
    }

    /**
     * Like {@link #toMono()}, for a Deferred owned by another thread: the subscription reads the
     * Deferred, and a cancellation cancels it, through {@code executor} (the reactor's
     * {@code callFromThread}), so that only the owning thread ever touches it. WebFlux controllers
     * returning Deferreds go through this.
     *
     * @param executor runs the work on the Deferred's thread
     * @return a new Mono
     */
    public Mono<T> toMono(Executor executor) {
        return ReactiveBridge.toMono(this, Objects.requireNonNull(executor, "executor"));
    }

    // ------------------------------------------------------------------ firing

    /**
     * Fires the Deferred with a result and runs the callbacks added so far, synchronously. A
     * {@link Failure} passed here behaves like {@link #errback(Failure)}.
     *
     * @param result the result
     * @throws AlreadyCalledException when the Deferred has already fired
     * @throws IllegalArgumentException when {@code result} is a Deferred: return it from a callback
     *         to chain instead
     */
    public void callback(@Nullable T result) {
        start(result);
    }

    /**
     * Fires the Deferred with a failure and runs the errbacks added so far, synchronously.
     *
     * @param error the exception
     * @throws AlreadyCalledException when the Deferred has already fired
     */
    public void errback(Throwable error) {
        start(new Failure(error));
    }

    /**
     * Fires the Deferred with a failure.
     *
     * @param failure the failure
     * @throws AlreadyCalledException when the Deferred has already fired
     */
    public void errback(Failure failure) {
        start(Objects.requireNonNull(failure, "failure"));
    }

    private void start(@Nullable Object value) {
        if (value instanceof Deferred) {
            throw new IllegalArgumentException("A Deferred cannot be the result of another Deferred; "
                    + "return it from a callback to chain the two");
        }
        if (this.called) {
            if (this.suppressAlreadyCalled) {
                this.suppressAlreadyCalled = false;
                return;
            }
            throw alreadyCalled();
        }
        fired(value);
        runCallbacks();
    }

    /** Records the first result; the caller runs the callbacks. */
    private void fired(@Nullable Object value) {
        if (this.tracker != null && this.tracker.creator != null) {
            this.tracker.invoker = new Throwable("Deferred was first fired here");
        }
        this.called = true;
        this.result = value;
    }

    private AlreadyCalledException alreadyCalled() {
        StringBuilder message = new StringBuilder("Deferred has already been called");
        FailureTracker t = this.tracker;
        if (t != null && t.creator != null) {
            message.append('\n').append(FailureTracker.describe(t.creator));
            if (t.invoker != null) {
                message.append('\n').append(FailureTracker.describe(t.invoker));
            }
        }
        else {
            message.append(" (turn on Deferred.setDebugging(true) to see where)");
        }
        return new AlreadyCalledException(message.toString());
    }

    // ------------------------------------------------------------------ the faithful chain

    /**
     * Adds a callback and an errback as <em>one</em> stage: {@code errback} sees failures from
     * earlier stages only, never one thrown by {@code callback}. Twisted: {@code addCallbacks}.
     *
     * @param callback receives a success result; returns the next result, or a Deferred to wait on
     * @param errback receives a failure; returns a value to recover, or returns/throws a failure
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public Deferred<Object> addCallbacks(Callback<? super T, ?> callback, Callback<? super Failure, ?> errback) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(errback, "errback");
        return append(new Callbacks((Callback<Object, Object>) callback, (Callback<Object, Object>) errback));
    }

    /**
     * Adds a callback; failures pass it by. Twisted: {@code addCallback}.
     *
     * @param callback receives the success result; returns the next result, or a Deferred to wait on
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public Deferred<Object> addCallback(Callback<? super T, ?> callback) {
        Objects.requireNonNull(callback, "callback");
        return append(new Callbacks((Callback<Object, Object>) callback, null));
    }

    /**
     * Adds an errback; success results pass it by. Returning a value from it recovers the chain.
     * Twisted: {@code addErrback}.
     *
     * @param errback receives the failure
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public Deferred<Object> addErrback(Callback<? super Failure, ?> errback) {
        Objects.requireNonNull(errback, "errback");
        return append(new Callbacks(null, (Callback<Object, Object>) errback));
    }

    /**
     * Adds the same function as callback and errback. Twisted: {@code addBoth}.
     *
     * @param callback receives the result, a {@link Failure} on the error path
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public Deferred<Object> addBoth(Callback<Object, ?> callback) {
        Objects.requireNonNull(callback, "callback");
        Callback<Object, Object> both = (Callback<Object, Object>) callback;
        return append(new Callbacks(both, both));
    }

    /**
     * Fires {@code other} with this chain's result at this point, and leaves {@code null} here.
     * Twisted: {@code chainDeferred}; prefer returning a Deferred from a callback.
     *
     * @param other the Deferred to fire
     * @return this Deferred
     */
    @SuppressWarnings("unchecked")
    public Deferred<Object> chainDeferred(Deferred<?> other) {
        Deferred<Object> target = (Deferred<Object>) other;
        return addCallbacks(value -> {
            target.callback(value);
            return null;
        }, failure -> {
            target.errback(failure);
            return null;
        });
    }

    /**
     * Cancels the Deferred after {@code timeout} unless it has fired, turning the resulting
     * {@link CancelledException} into a {@link DeferredTimeoutException}. It covers the callbacks
     * added before this call only. Twisted: {@code addTimeout}.
     *
     * @param timeout how long to wait
     * @param clock the reactor or a test {@code Clock}
     * @return this Deferred
     */
    public Deferred<Object> addTimeout(Duration timeout, ReactorTime clock) {
        return addTimeout(timeout, clock, (value, limit) -> {
            if (value instanceof Failure failure) {
                failure.trap(CancelledException.class);
                throw Failure.sneakyThrow(new DeferredTimeoutException(limit));
            }
            return value;
        });
    }

    /**
     * Like {@link #addTimeout(Duration, ReactorTime)}, with a custom conversion of the result when
     * the timeout fired.
     *
     * @param timeout how long to wait
     * @param clock the reactor or a test {@code Clock}
     * @param onTimeoutCancel given the result after the timed-out cancel, and the timeout
     * @return this Deferred
     */
    public Deferred<Object> addTimeout(Duration timeout, ReactorTime clock,
            BiFunction<Object, Duration, ?> onTimeoutCancel) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onTimeoutCancel, "onTimeoutCancel");
        boolean[] timedOut = new boolean[1];
        DelayedCall call = clock.callLater(timeout, () -> {
            timedOut[0] = true;
            cancel();
        });
        addBoth(value -> timedOut[0] ? onTimeoutCancel.apply(value, timeout) : value);
        return addBoth(value -> {
            if (call.active()) {
                call.cancel();
            }
            return value;
        });
    }

    // ------------------------------------------------------------------ typed stages

    /**
     * A new Deferred of {@code fn} applied to this one's success result; failures pass through.
     * This Deferred's own result is left unchanged.
     *
     * @param fn the mapping
     * @param <U> the new result type
     * @return a new Deferred
     */
    public <U> Deferred<U> thenApply(Callback<? super T, ? extends U> fn) {
        Objects.requireNonNull(fn, "fn");
        return branch(fn, null);
    }

    /**
     * A new Deferred that runs {@code action} on this one's success result and then fires with
     * {@code null}.
     *
     * @param action the action
     * @return a new Deferred
     */
    public Deferred<@Nullable Void> thenAccept(Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        return branch(value -> {
            action.accept(value);
            return null;
        }, null);
    }

    /**
     * A new Deferred that waits for the Deferred {@code fn} returns for this one's success result.
     *
     * @param fn gives the next Deferred
     * @param <U> the new result type
     * @return a new Deferred
     */
    @SuppressWarnings("unchecked")
    public <U> Deferred<U> thenCompose(Callback<? super T, ? extends Deferred<? extends U>> fn) {
        Objects.requireNonNull(fn, "fn");
        Deferred<U> next = branch(null, null);
        next.addCallback(value -> Objects.requireNonNull(fn.apply((T) value), "thenCompose function returned null"));
        return next;
    }

    /**
     * A new Deferred that turns a failure of this one into a value; success passes through.
     *
     * @param fn maps the failure to a value, or throws to keep failing
     * @return a new Deferred
     */
    public Deferred<T> recover(Callback<? super Failure, ? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        return branch(null, fn);
    }

    /**
     * A new Deferred that turns a failure of this one into the result of another Deferred.
     *
     * @param fn gives the Deferred to wait on instead
     * @return a new Deferred
     */
    public Deferred<T> recoverWith(Callback<? super Failure, ? extends Deferred<? extends T>> fn) {
        Objects.requireNonNull(fn, "fn");
        Deferred<T> next = branch(null, null);
        next.addErrback(failure -> Objects.requireNonNull(fn.apply(failure), "recoverWith function returned null"));
        return next;
    }

    /**
     * A new Deferred fired with this one's result at the current end of the chain, mapped by
     * {@code onSuccess} or {@code onFailure} when given, leaving this chain as it is. A failure
     * handed to the branch counts as handled here. Cancelling the branch, unfired, cancels this
     * Deferred.
     */
    @SuppressWarnings("unchecked")
    <U> Deferred<U> branch(@Nullable Callback<? super T, ?> onSuccess, @Nullable Callback<? super Failure, ?> onFailure) {
        Deferred<U> next = new Deferred<>();
        next.canceller = this;
        append(new Branch(next, (Callback<Object, Object>) onSuccess, (Callback<Object, Object>) onFailure));
        return next;
    }

    /** Adds a stage that sees the result without changing it; a failure it sees counts as handled. */
    void observe(Consumer<@Nullable Object> observer) {
        append(new Observer(observer));
    }

    // ------------------------------------------------------------------ pause, cancel, state

    /** Stops running callbacks until a matching {@link #unpause()}. Twisted: {@code pause}. */
    public void pause() {
        this.paused++;
    }

    /**
     * Undoes one {@link #pause()}; the last one runs the callbacks waiting to run.
     *
     * @throws IllegalStateException when the Deferred is not paused (Twisted lets the counter go
     *         negative and silently stops running callbacks forever)
     */
    public void unpause() {
        if (this.paused == 0) {
            throw new IllegalStateException("unpause() called on a Deferred that is not paused");
        }
        this.paused--;
        if (this.paused == 0 && this.called) {
            runCallbacks();
        }
    }

    /**
     * Cancels the operation behind this Deferred. If it has not fired, the canceller runs; if that
     * does not fire it, it errbacks with {@link CancelledException}. Without a canceller, the next
     * {@code callback} or {@code errback} from the producer is silently ignored, once. If it is
     * waiting on another Deferred, the cancel goes to that one. After it has fired, nothing happens.
     *
     * <p>Unlike Twisted (#9534), a canceller that throws is logged and the Deferred still errbacks
     * with {@link CancelledException}. Deferreds waiting on each other in a cycle are detected, and
     * the cancel then does nothing.
     */
    public void cancel() {
        if (!this.called) {
            if (this.canceller instanceof Deferred<?> upstream) {
                upstream.cancel();
            }
            else if (this.canceller != null) {
                try {
                    @SuppressWarnings("unchecked")
                    Consumer<Object> userCanceller = (Consumer<Object>) this.canceller;
                    userCanceller.accept(this);
                }
                catch (Throwable ex) {
                    log.error("Canceller of {} threw; the Deferred errbacks with CancelledException anyway", this, ex);
                }
            }
            else {
                this.suppressAlreadyCalled = true;
            }
            if (!this.called) {
                errback(new CancelledException());
            }
            return;
        }
        Deferred<?> target = this;
        Set<Deferred<?>> seen = null;
        while (target.called && target.waitingOn() != null) {
            if (seen == null) {
                seen = Collections.newSetFromMap(new IdentityHashMap<>());
            }
            if (!seen.add(target)) {
                log.debug("cancel() on {} found Deferreds waiting on each other in a cycle; nothing to cancel", this);
                return;
            }
            target = target.waitingOn();
        }
        if (target != this) {
            target.cancel();
        }
    }

    /**
     * Whether {@code callback} or {@code errback} has been called. Twisted: {@code called}.
     *
     * @return {@code true} once fired
     */
    public boolean isCalled() {
        return this.called;
    }

    /**
     * Whether the Deferred is paused, by {@link #pause()} or while waiting on another Deferred.
     *
     * @return {@code true} while paused
     */
    public boolean isPaused() {
        return this.paused > 0;
    }

    /**
     * Whether the chain has run to its end and its current result is a {@link Failure}.
     *
     * @return {@code true} when the current result is a failure
     */
    public boolean hasFailed() {
        return this.called && this.result instanceof Failure;
    }

    /**
     * The current result, for tests and debugging: the value, a {@link Failure}, the Deferred this
     * one waits on, or {@code null}. Use {@code DeferredAssertions} in tests rather than this.
     *
     * @return the current result
     * @throws IllegalStateException when the Deferred has not fired
     */
    public @Nullable Object currentResult() {
        if (!this.called) {
            throw new IllegalStateException("Deferred has not fired");
        }
        return this.result;
    }

    /**
     * Turns the recording of where Deferreds are created and first fired on or off, for every
     * Deferred created afterwards. It costs a stack capture per Deferred: for development and
     * tests. Twisted: {@code defer.setDebugging}.
     *
     * @param on whether to record
     */
    public static void setDebugging(boolean on) {
        debugging = on;
    }

    /**
     * Whether debugging is on. Twisted: {@code defer.getDebugging}.
     *
     * @return the flag
     */
    public static boolean isDebugging() {
        return debugging;
    }

    @Override
    public String toString() {
        String id = getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
        if (!this.called) {
            return "<" + id + ">";
        }
        Deferred<?> inner = waitingOn();
        if (inner != null) {
            return "<" + id + " waiting on " + inner.getClass().getSimpleName() + "@"
                    + Integer.toHexString(System.identityHashCode(inner)) + ">";
        }
        return "<" + id + " current result: " + this.result + ">";
    }

    // ------------------------------------------------------------------ running the chain

    /** The Deferred this one waits on, which a callback returned; {@code null} when not waiting. */
    private @Nullable Deferred<?> waitingOn() {
        return (this.result instanceof Deferred<?> inner) ? inner : null;
    }

    private Deferred<Object> append(ChainLink stage) {
        ChainLink last = this.tail;
        if (last == null) {
            stage.next = stage;
        }
        else {
            stage.next = last.next;
            last.next = stage;
        }
        this.tail = stage;
        if (this.called && this.paused == 0) {
            runCallbacks();
        }
        @SuppressWarnings("unchecked")
        Deferred<Object> self = (Deferred<Object>) this;
        return self;
    }

    private @Nullable ChainLink poll() {
        ChainLink last = this.tail;
        if (last == null) {
            return null;
        }
        ChainLink first = last.next;
        if (first == last) {
            this.tail = null;
        }
        else {
            last.next = first.next;
        }
        first.next = null;
        return first;
    }

    /**
     * Runs callbacks until the chain ends or pauses. When a Deferred that others wait on fires,
     * the waiting ones are continued in this same loop (a stack of Deferreds, not of calls), so the
     * depth of nesting never grows the Java stack.
     */
    private void runCallbacks() {
        if (this.runningCallbacks) {
            return; // re-entrant: the loop already running for this Deferred picks up new stages
        }
        Deferred<?> current = this;
        ChainStack chain = null;
        while (current != null) {
            if (current.paused == 0) {
                Deferred<?> waiter = current.drain();
                if (waiter != null) {
                    if (current.tail == null) {
                        current.updateUnhandled(); // nothing left to run here: no need to come back
                    }
                    else {
                        if (chain == null) {
                            chain = new ChainStack();
                        }
                        chain.push(current);
                    }
                    current = waiter;
                    continue;
                }
            }
            // finished, or paused: a paused one resumes from unpause() or from what it waits on
            current.updateUnhandled();
            current = (chain != null) ? chain.pop() : null;
        }
    }

    /**
     * Runs this Deferred's stages until none is left or it pauses. Returns the Deferred that this
     * one handed its result to (one that waited on it, or a typed stage made from it), so the
     * caller continues that one next instead of recursing into it.
     */
    private @Nullable Deferred<?> drain() {
        ChainLink stage;
        while (this.paused == 0 && (stage = poll()) != null) {
            Object current = this.result;
            if (stage instanceof Callbacks callbacks) {
                Callback<Object, Object> fn = (current instanceof Failure) ? callbacks.errback : callbacks.callback;
                if (fn != null) {
                    Object next = apply(fn, current);
                    if (next instanceof Deferred<?> inner) {
                        next = waitFor(inner);
                        if (next == WAITING) {
                            return null;
                        }
                    }
                    this.result = next;
                }
            }
            else if (stage instanceof Deferred<?> waiter) {
                waiter.result = current;
                this.result = null;
                waiter.paused--;
                return waiter;
            }
            else {
                if (current instanceof Failure failure) {
                    observed(failure);
                }
                if (stage instanceof Branch branch) {
                    Deferred<?> target = branch.target;
                    if (!target.called) { // else the branch was cancelled meanwhile
                        target.fired(branch.map(current));
                        return target;
                    }
                }
                else {
                    ((Observer) stage).observe(current);
                }
            }
        }
        return null;
    }

    private @Nullable Object apply(Callback<Object, Object> fn, @Nullable Object current) {
        this.runningCallbacks = true;
        try {
            return fn.apply(current);
        }
        catch (Throwable ex) {
            return new Failure(ex);
        }
        finally {
            this.runningCallbacks = false;
        }
    }

    /**
     * A callback returned {@code inner}: take its result now if it has one, else pause until it
     * fires. Returns the new current result, or {@code WAITING} when this Deferred now waits.
     */
    private @Nullable Object waitFor(Deferred<?> inner) {
        if (inner == this) {
            return new Failure(new IllegalStateException("A callback returned the Deferred it was added to"));
        }
        if (inner.waitedOn) {
            return new Failure(new IllegalStateException("A callback returned " + inner
                    + ", whose result another Deferred already waits on or has taken"));
        }
        inner.waitedOn = true;
        if (!inner.called || inner.paused > 0 || inner.runningCallbacks || inner.tail != null) {
            this.paused++;
            this.result = inner;
            inner.append(this);
            return WAITING;
        }
        Object taken = inner.result;
        inner.result = null;
        inner.updateUnhandled();
        return taken;
    }

    /** Tracks or forgets an unhandled failure, after the chain has stopped for now. */
    private void updateUnhandled() {
        if (this.result instanceof Failure failure && (this.tracker == null || this.tracker.observed != failure)) {
            if (this.tracker == null) {
                this.tracker = new FailureTracker(null);
            }
            this.tracker.track(this, failure);
        }
        else if (this.tracker != null) {
            this.tracker.clear();
        }
    }

    /** An observer or a typed stage took {@code failure}: it is handled, as far as this Deferred goes. */
    private void observed(Failure failure) {
        if (this.tracker == null) {
            this.tracker = new FailureTracker(null);
        }
        this.tracker.observed = failure;
    }

    /** A callback/errback pair, either of which may be missing. */
    private static final class Callbacks extends ChainLink {

        final @Nullable Callback<Object, Object> callback;

        final @Nullable Callback<Object, Object> errback;

        Callbacks(@Nullable Callback<Object, Object> callback, @Nullable Callback<Object, Object> errback) {
            this.callback = callback;
            this.errback = errback;
        }
    }

    /** An internal observer (the bridges to futures and Monos). */
    private static final class Observer extends ChainLink {

        private final Consumer<@Nullable Object> observer;

        Observer(Consumer<@Nullable Object> observer) {
            this.observer = observer;
        }

        void observe(@Nullable Object result) {
            try {
                this.observer.accept(result);
            }
            catch (Throwable ex) {
                log.error("Internal observer {} threw", this.observer, ex);
            }
        }
    }

    /** Fires a typed stage's Deferred with this result, mapped. */
    private static final class Branch extends ChainLink {

        private final Deferred<?> target;

        private final @Nullable Callback<Object, Object> onSuccess;

        private final @Nullable Callback<Object, Object> onFailure;

        Branch(Deferred<?> target, @Nullable Callback<Object, Object> onSuccess,
                @Nullable Callback<Object, Object> onFailure) {
            this.target = target;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }

        @Nullable Object map(@Nullable Object result) {
            Callback<Object, Object> fn = (result instanceof Failure) ? this.onFailure : this.onSuccess;
            if (fn == null) {
                return result;
            }
            try {
                Object mapped = fn.apply(result);
                if (mapped instanceof Deferred) {
                    return new Failure(new IllegalStateException(
                            "the function returned a Deferred: use thenCompose or recoverWith"));
                }
                return mapped;
            }
            catch (Throwable ex) {
                return new Failure(ex);
            }
        }
    }

    /** A small array stack of Deferreds, allocated only when chains actually nest. */
    private static final class ChainStack {

        private Deferred<?>[] items = new Deferred<?>[8];

        private int size;

        void push(Deferred<?> d) {
            if (this.size == this.items.length) {
                this.items = Arrays.copyOf(this.items, this.size * 2);
            }
            this.items[this.size++] = d;
        }

        @Nullable Deferred<?> pop() {
            if (this.size == 0) {
                return null;
            }
            Deferred<?> d = this.items[--this.size];
            this.items[this.size] = null;
            return d;
        }
    }
}
