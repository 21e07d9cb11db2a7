package twisted.internet.netty;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.AlreadyCalledException;
import twisted.internet.error.AlreadyCancelledException;
import twisted.time.DelayedCall;

/**
 * A call scheduled on the reactor's event loop. Netty orders scheduled tasks by deadline and then
 * by submission, so calls due at the same instant run first-in-first-out. Moving a call cancels
 * its task and schedules a new one.
 */
final class NettyDelayedCall implements DelayedCall, Comparable<NettyDelayedCall> {

    private static final Logger log = LoggerFactory.getLogger(NettyDelayedCall.class);

    private enum State {
        PENDING, CALLED, CANCELLED
    }

    private final NettyReactor reactor;

    private final Runnable callable;

    private long dueNanos;

    private volatile State state = State.PENDING;

    private @Nullable ScheduledFuture<?> task;

    NettyDelayedCall(NettyReactor reactor, Runnable callable, long dueNanos) {
        this.reactor = reactor;
        this.callable = callable;
        this.dueNanos = dueNanos;
    }

    void schedule() {
        long delay = Math.max(0, this.dueNanos - System.nanoTime());
        this.task = this.reactor.loop().schedule(this::fire, delay, TimeUnit.NANOSECONDS);
    }

    private void fire() {
        if (this.state != State.PENDING) {
            return;
        }
        this.state = State.CALLED;
        this.reactor.forget(this);
        try {
            this.callable.run();
        }
        catch (Throwable ex) {
            log.error("Unhandled error in delayed call {}", this.callable, ex);
        }
    }

    @Override
    public double getTime() {
        return this.reactor.seconds() + (this.dueNanos - System.nanoTime()) / 1e9;
    }

    @Override
    public void cancel() {
        checkPending("cancel");
        this.state = State.CANCELLED;
        this.reactor.forget(this);
        if (this.task != null) {
            this.task.cancel(false);
        }
    }

    @Override
    public void delay(Duration amount) {
        move(this.dueNanos + amount.toNanos());
    }

    @Override
    public void reset(Duration delay) {
        move(System.nanoTime() + delay.toNanos());
    }

    private void move(long newDue) {
        checkPending("move");
        this.dueNanos = newDue;
        if (this.task != null) {
            this.task.cancel(false);
            schedule();
        }
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
    public boolean active() {
        return this.state == State.PENDING;
    }

    @Override
    public int compareTo(NettyDelayedCall other) {
        return Long.compare(this.dueNanos, other.dueNanos);
    }

    @Override
    public String toString() {
        return "<DelayedCall " + this.callable + " in " + (this.dueNanos - System.nanoTime()) / 1_000_000 + " ms, "
                + this.state.name().toLowerCase() + ">";
    }
}
