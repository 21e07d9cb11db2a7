package twisted.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

import twisted.defer.AlreadyCalledException;
import twisted.internet.error.AlreadyCancelledException;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * A {@link ReactorTime} whose time moves only when a test says so: {@link #advance} runs every
 * call that has come due, in due-time order, first-in-first-out for calls due at the same instant.
 * Time starts at 0 seconds.
 *
 * <pre>{@code
 * Clock clock = new Clock();
 * Deferred<Object> d = new Deferred<>().addTimeout(Duration.ofSeconds(5), clock);
 * clock.advance(Duration.ofSeconds(5));
 * failureResultOf(d, DeferredTimeoutException.class);
 * }</pre>
 *
 * <p>Not thread-safe: drive it from the test's thread. A call that throws does not stop the others
 * due in the same advance; the first exception is rethrown once they have all run, the rest added
 * to it as suppressed.
 *
 * <p>Twisted: {@code twisted.internet.task.Clock}.
 *
 * @since 0.1.0
 */
public final class Clock implements ReactorTime {

    private final PriorityQueue<Call> calls = new PriorityQueue<>();

    private long nowNanos;

    private long sequence;

    @Override
    public double seconds() {
        return this.nowNanos / 1e9;
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        requireNonNegative(delay, "delay");
        Call call = new Call(this.nowNanos + delay.toNanos(), callable);
        this.calls.add(call);
        return call;
    }

    /**
     * Moves time forward and runs every call due by the new time, including calls scheduled
     * meanwhile that are already due.
     *
     * @param amount how far to move; zero runs what is due now
     */
    public void advance(Duration amount) {
        requireNonNegative(amount, "amount");
        this.nowNanos += amount.toNanos();
        RuntimeException first = null;
        Call call;
        while ((call = this.calls.peek()) != null && call.timeNanos <= this.nowNanos) {
            this.calls.poll();
            call.state = State.CALLED;
            try {
                call.callable.run();
            }
            catch (RuntimeException ex) {
                if (first == null) {
                    first = ex;
                }
                else {
                    first.addSuppressed(ex);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Like {@link #advance(Duration)}, with seconds as Twisted takes them.
     *
     * @param seconds how far to move, in seconds
     */
    public void advance(double seconds) {
        advance(ReactorTime.toDuration(seconds));
    }

    /**
     * Advances by each amount in turn. Twisted: {@code Clock.pump}.
     *
     * @param amounts the steps
     */
    public void pump(List<Duration> amounts) {
        amounts.forEach(this::advance);
    }

    /**
     * Advances by each amount in turn, in seconds.
     *
     * @param seconds the steps
     */
    public void pump(double... seconds) {
        for (double step : seconds) {
            advance(step);
        }
    }

    /**
     * The calls still to run, soonest first.
     *
     * @return a snapshot of the pending calls
     */
    public List<DelayedCall> getDelayedCalls() {
        List<Call> pending = new ArrayList<>(this.calls);
        pending.sort(null);
        return new ArrayList<>(pending);
    }

    private static void requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " (" + duration + ") must not be negative");
        }
    }

    private enum State {
        PENDING, CALLED, CANCELLED
    }

    private final class Call implements DelayedCall, Comparable<Call> {

        private final Runnable callable;

        private long timeNanos;

        private long order;

        private State state = State.PENDING;

        Call(long timeNanos, Runnable callable) {
            this.timeNanos = timeNanos;
            this.callable = callable;
            this.order = Clock.this.sequence++;
        }

        @Override
        public double getTime() {
            return this.timeNanos / 1e9;
        }

        @Override
        public void cancel() {
            checkPending("cancel");
            this.state = State.CANCELLED;
            Clock.this.calls.remove(this);
        }

        @Override
        public void delay(Duration amount) {
            move(this.timeNanos + amount.toNanos());
        }

        @Override
        public void reset(Duration delay) {
            requireNonNegative(delay, "delay");
            move(Clock.this.nowNanos + delay.toNanos());
        }

        @Override
        public boolean active() {
            return this.state == State.PENDING;
        }

        private void move(long newTime) {
            checkPending("move");
            Clock.this.calls.remove(this);
            this.timeNanos = newTime;
            this.order = Clock.this.sequence++;
            Clock.this.calls.add(this);
        }

        private void checkPending(String action) {
            if (this.state == State.CALLED) {
                throw new AlreadyCalledException("cannot " + action + " " + this + ": it has already run");
            }
            if (this.state == State.CANCELLED) {
                throw new AlreadyCancelledException("cannot " + action + " " + this + ": it was cancelled");
            }
        }

        @Override
        public int compareTo(Call other) {
            int byTime = Long.compare(this.timeNanos, other.timeNanos);
            return (byTime != 0) ? byTime : Long.compare(this.order, other.order);
        }

        @Override
        public String toString() {
            return "<DelayedCall " + this.callable + " at " + getTime() + "s, " + this.state.name().toLowerCase() + ">";
        }
    }
}
