package twisted.defer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures that no errback handled end up.
 *
 * <p>A Deferred whose chain has stopped with a {@link Failure} is <em>pending</em>: nothing has
 * handled the failure yet. When such a Deferred becomes unreachable, the failure is logged once
 * at ERROR on logger {@code twisted.defer.Deferred} as "Unhandled error in Deferred:" with the
 * exception's stack (and, when {@link Deferred#setDebugging debugging} is on, where the Deferred
 * was created and first fired), then passed to every listener. When that happens depends on the
 * garbage collector, as in Twisted.
 *
 * <p>For a deterministic check, tests ask for the failures still pending at a point of their
 * choosing ({@link #drainPendingSince}), plus those already reported ({@link #reportedSince});
 * {@code twisted.testing.TwistedExtension} does both after each test. Metrics register a
 * {@link #addListener listener}.
 *
 * <p>All methods are thread-safe. Twisted has no such class: it logs from {@code __del__}.
 *
 * @since 0.1.0
 */
public final class UnhandledFailures {

    private static final Logger log = LoggerFactory.getLogger(Deferred.class);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static final Set<FailureTracker> PENDING = ConcurrentHashMap.newKeySet();

    private static final List<Consumer<? super Failure>> LISTENERS = new CopyOnWriteArrayList<>();

    private static final int RECENT_LIMIT = 1024;

    /** The last reports, with the sequence number of each failure, for {@link #reportedSince}. */
    private static final ArrayDeque<Reported> RECENT = new ArrayDeque<>();

    private UnhandledFailures() {
    }

    /**
     * Adds a listener called, on the cleaner thread, with every failure reported as unhandled
     * after its Deferred was collected.
     *
     * @param listener the listener; it must not block
     * @return a handle whose {@code close()} removes the listener
     */
    public static AutoCloseable addListener(Consumer<? super Failure> listener) {
        Objects.requireNonNull(listener, "listener");
        LISTENERS.add(listener);
        return () -> LISTENERS.remove(listener);
    }

    /**
     * A marker for "now", to pass to {@link #drainPendingSince} later.
     *
     * @return the current position in the sequence of failures
     */
    public static long mark() {
        return SEQUENCE.get();
    }

    /**
     * Takes every failure that became pending after {@code mark} and is still pending: those
     * failures will not be logged when their Deferreds are collected, since the caller now owns
     * them. A test harness calls this when a test ends.
     *
     * @param mark a value from {@link #mark()}
     * @return the failures, oldest first
     */
    public static List<Failure> drainPendingSince(long mark) {
        List<FailureTracker> trackers = new ArrayList<>();
        for (FailureTracker tracker : PENDING) {
            if (tracker.sequence() > mark) {
                trackers.add(tracker);
            }
        }
        trackers.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        List<Failure> failures = new ArrayList<>(trackers.size());
        for (FailureTracker tracker : trackers) {
            Failure failure = tracker.claim();
            if (failure != null) {
                failures.add(failure);
            }
        }
        return failures;
    }

    /**
     * The failures that became pending after {@code mark} and have since been reported (logged)
     * because their Deferreds were collected. Only the last 1,024 reports are remembered.
     *
     * @param mark a value from {@link #mark()}
     * @return the failures, in the order they were reported
     */
    public static List<Failure> reportedSince(long mark) {
        List<Failure> failures = new ArrayList<>();
        synchronized (RECENT) {
            for (Reported reported : RECENT) {
                if (reported.sequence() > mark) {
                    failures.add(reported.failure());
                }
            }
        }
        return failures;
    }

    /**
     * How many Deferreds hold an unhandled failure right now.
     *
     * @return the number of pending failures
     */
    public static int pendingCount() {
        return PENDING.size();
    }

    private record Reported(long sequence, Failure failure) {
    }

    static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    static void pending(FailureTracker tracker) {
        PENDING.add(tracker);
    }

    static void forget(FailureTracker tracker) {
        PENDING.remove(tracker);
    }

    static void report(Failure failure, FailureTracker tracker) {
        log.error("Unhandled error in Deferred:{}", tracker.debugText(), failure.value());
        synchronized (RECENT) {
            if (RECENT.size() == RECENT_LIMIT) {
                RECENT.removeFirst();
            }
            RECENT.addLast(new Reported(tracker.sequence(), failure));
        }
        for (Consumer<? super Failure> listener : LISTENERS) {
            try {
                listener.accept(failure);
            }
            catch (RuntimeException ex) {
                log.warn("Unhandled-failure listener {} threw", listener, ex);
            }
        }
    }
}
