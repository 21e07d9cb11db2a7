package twisted.defer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * What one Deferred knows about its unhandled failure, kept apart from the Deferred so that the
 * {@link Cleaner} can report the failure once the Deferred itself is unreachable. It must never
 * refer to its Deferred, or the Deferred would never become unreachable.
 *
 * <p>The owning Deferred's thread calls {@link #track} and {@link #clear}; the cleaner thread and
 * {@link UnhandledFailures#drainPendingSince} claim the failure atomically, so it is reported once.
 */
final class FailureTracker implements Runnable {

    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "twisted-unhandled-deferreds");
        thread.setDaemon(true);
        return thread;
    });

    final @Nullable Throwable creator;

    volatile @Nullable Throwable invoker;

    /** A failure an internal observer or typed stage took over; owner thread only. */
    @Nullable Failure observed;

    private final AtomicReference<@Nullable Failure> failure = new AtomicReference<>();

    private volatile long sequence;

    private Cleaner.@Nullable Cleanable registration;

    FailureTracker(@Nullable Throwable creator) {
        this.creator = creator;
    }

    void track(Object owner, Failure newFailure) {
        if (this.failure.getAndSet(newFailure) == newFailure) {
            return;
        }
        this.sequence = UnhandledFailures.nextSequence();
        UnhandledFailures.pending(this);
        if (this.registration == null) {
            this.registration = CLEANER.register(owner, this);
        }
    }

    void clear() {
        if (this.failure.getAndSet(null) != null) {
            UnhandledFailures.forget(this);
        }
    }

    /** Takes the failure, if still there, so that exactly one party reports it. */
    @Nullable Failure claim() {
        Failure claimed = this.failure.getAndSet(null);
        if (claimed != null) {
            UnhandledFailures.forget(this);
        }
        return claimed;
    }

    long sequence() {
        return this.sequence;
    }

    /** The cleaning action: the Deferred is gone; report what it still held. */
    @Override
    public void run() {
        Failure claimed = claim();
        if (claimed != null) {
            UnhandledFailures.report(claimed, this);
        }
    }

    String debugText() {
        StringBuilder text = new StringBuilder();
        if (this.creator != null) {
            text.append('\n').append(describe(this.creator));
        }
        Throwable firstFired = this.invoker;
        if (firstFired != null) {
            text.append('\n').append(describe(firstFired));
        }
        return text.toString();
    }

    static String describe(Throwable site) {
        StringWriter out = new StringWriter();
        site.printStackTrace(new PrintWriter(out));
        return out.toString().stripTrailing();
    }
}
