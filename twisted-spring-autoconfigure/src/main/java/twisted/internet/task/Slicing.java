package twisted.internet.task;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Cooperator} cuts work into slices: a slice ends after {@code maxWorkTime} of work or
 * {@code maxSteps} steps (one {@code next()} of one task each), whichever comes first, and the next
 * slice starts {@code gap} later. Immutable.
 *
 * <p>Work time is measured on the Cooperator's {@link twisted.time.ReactorTime}, never on the
 * wall clock. On a virtual {@code twisted.testing.Clock} no time passes while a task works, so
 * with the default step limit (none) a slice lasts until every task is done or waiting; tests
 * that want to see slices use {@link #bySteps(int)}, which makes them deterministic.
 *
 * <pre>{@code
 * new Cooperator(reactor, Slicing.bySteps(100).withGap(Duration.ofMillis(1)));
 * }</pre>
 *
 * <p>Twisted: the {@code terminationPredicateFactory} and {@code scheduler} arguments of
 * {@code Cooperator}, reduced to the two settings they are used for.
 *
 * @param maxWorkTime work time after which a slice ends; zero makes every slice one step
 * @param maxSteps steps after which a slice ends, at least 1
 * @param gap time from the end of one slice to the start of the next; zero means the next reactor
 *            turn, never synchronously
 * @since 0.1.0
 */
public record Slicing(Duration maxWorkTime, int maxSteps, Duration gap) {

    /**
     * Twisted's defaults: slices of 10 ms of work with no step limit, the next one on the next
     * reactor turn (Twisted schedules it 10 ns ahead, its way of saying "next turn").
     */
    public static final Slicing DEFAULT = new Slicing(Duration.ofMillis(10), Integer.MAX_VALUE, Duration.ZERO);

    /**
     * Checks the settings.
     *
     * @param maxWorkTime work time after which a slice ends
     * @param maxSteps steps after which a slice ends
     * @param gap time between slices
     * @throws IllegalArgumentException when a duration is negative or {@code maxSteps} is below 1
     */
    public Slicing {
        requireNonNegative(maxWorkTime, "maxWorkTime");
        requireNonNegative(gap, "gap");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps (" + maxSteps + ") must be at least 1");
        }
    }

    /**
     * The defaults with slices of at most {@code maxWorkTime} of work.
     *
     * @param maxWorkTime work time after which a slice ends
     * @return the settings
     */
    public static Slicing byTime(Duration maxWorkTime) {
        return new Slicing(maxWorkTime, DEFAULT.maxSteps, DEFAULT.gap);
    }

    /**
     * The defaults with slices of at most {@code maxSteps} steps (and still at most 10 ms).
     *
     * @param maxSteps steps after which a slice ends
     * @return the settings
     */
    public static Slicing bySteps(int maxSteps) {
        return new Slicing(DEFAULT.maxWorkTime, maxSteps, DEFAULT.gap);
    }

    /**
     * These settings with another gap between slices.
     *
     * @param gap time from the end of one slice to the start of the next
     * @return the new settings
     */
    public Slicing withGap(Duration gap) {
        return new Slicing(this.maxWorkTime, this.maxSteps, gap);
    }

    private static void requireNonNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " (" + duration + ") must not be negative");
        }
    }
}
