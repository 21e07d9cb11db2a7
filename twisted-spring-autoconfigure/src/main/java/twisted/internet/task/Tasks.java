package twisted.internet.task;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * The free functions of Twisted's {@code twisted.internet.task} module. Import them statically:
 * {@code import static twisted.internet.task.Tasks.deferLater;}
 *
 * @since 0.1.0
 */
public final class Tasks {

    private Tasks() {
    }

    /**
     * A Deferred that fires with {@code null} after {@code delay}: the asynchronous "sleep".
     * Cancelling it before then cancels the delayed call, and it errbacks with
     * {@link CancelledException}. Twisted: {@code task.deferLater(clock, delay)}.
     *
     * <pre>{@code
     * deferLater(reactor, Duration.ofSeconds(1)).thenCompose(ignored -> retry());
     * }</pre>
     *
     * @param clock the reactor, or a test {@code Clock}
     * @param delay how long to wait; zero fires on the next reactor turn, never synchronously
     * @return a Deferred fired on the reactor thread
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    public static Deferred<@Nullable Void> deferLater(ReactorTime clock, Duration delay) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(delay, "delay");
        DelayedCall[] timer = new DelayedCall[1];
        Deferred<@Nullable Void> d = new Deferred<>(self -> timer[0].cancel());
        timer[0] = clock.callLater(delay, () -> d.callback(null));
        return d;
    }

    /**
     * A Deferred of {@code f}'s result, called on the reactor thread after {@code delay}. If
     * {@code f} throws, the Deferred fails with that exception. Cancelling the Deferred before
     * then cancels the delayed call, {@code f} never runs, and the Deferred errbacks with
     * {@link CancelledException}. Twisted: {@code task.deferLater(clock, delay, f)}.
     *
     * <p>{@code f} returns a plain value; to wait on another Deferred after the delay, chain it with
     * {@code deferLater(clock, delay).thenCompose(ignored -> work())}.
     *
     * @param clock the reactor, or a test {@code Clock}
     * @param delay how long to wait before calling {@code f}
     * @param f the function to call
     * @param <T> the result type
     * @return a Deferred of the result
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    public static <T> Deferred<T> deferLater(ReactorTime clock, Duration delay, Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        return deferLater(clock, delay).thenApply(ignored -> f.call());
    }
}
