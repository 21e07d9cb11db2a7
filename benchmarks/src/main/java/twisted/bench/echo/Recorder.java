package twisted.bench.echo;

import java.util.Arrays;

/**
 * Counts round trips and keeps their latencies while the measured window is open. Used only on
 * the load tool's single event loop thread, so it needs no synchronisation.
 */
final class Recorder {

    /** At most this many latency samples are kept (32 MiB); round trips past it are still counted. */
    private static final int MAX_SAMPLES = 4 << 20;

    private final long[] samples = new long[MAX_SAMPLES];

    private int kept;

    private long count;

    private boolean measuring;

    private boolean closing;

    private int failures;

    void record(long nanos) {
        if (this.measuring) {
            this.count++;
            if (this.kept < MAX_SAMPLES) {
                this.samples[this.kept++] = nanos;
            }
        }
    }

    void measuring(boolean measuring) {
        this.measuring = measuring;
    }

    /** A connection failed or closed before the end: the run is not valid. */
    void failed() {
        this.failures++;
    }

    int failures() {
        return this.failures;
    }

    /** From now on, connections closing are expected. */
    void closing() {
        this.closing = true;
    }

    boolean isClosing() {
        return this.closing;
    }

    long count() {
        return this.count;
    }

    /** The latency at quantile {@code q} (0 to 1) of the kept samples, in nanoseconds, nearest rank. */
    long quantile(double q) {
        if (this.kept == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(this.samples, this.kept);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
