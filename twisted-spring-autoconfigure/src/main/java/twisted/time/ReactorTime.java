package twisted.time;

import java.time.Duration;

/**
 * Time as the reactor sees it: the current time and calls scheduled for later. Library code takes
 * a {@code ReactorTime} instead of reading the wall clock, so tests can pass a
 * {@code twisted.testing.Clock} and move time by hand.
 *
 * <p>Implementations run every delayed call on one thread (the reactor's), never synchronously
 * inside {@code callLater}, even with a zero delay; calls due at the same instant run in the order
 * they were scheduled (Twisted leaves that order open).
 *
 * <p>Twisted: {@code IReactorTime}.
 *
 * @since 0.1.0
 */
public interface ReactorTime {

    /**
     * The current time in seconds since the epoch, as Twisted's {@code seconds()}.
     *
     * @return the time, with sub-second precision
     */
    double seconds();

    /**
     * Schedules {@code callable} to run after {@code delay}. An exception it throws is logged and
     * the reactor carries on.
     *
     * @param delay how long from now; zero means on the next turn, never synchronously
     * @param callable what to run
     * @return a handle to cancel or move the call
     * @throws IllegalArgumentException when {@code delay} is negative
     */
    DelayedCall callLater(Duration delay, Runnable callable);

    /**
     * Like {@link #callLater(Duration, Runnable)}, with the delay in seconds as Twisted takes it.
     *
     * @param seconds how long from now, in seconds
     * @param callable what to run
     * @return a handle to cancel or move the call
     */
    default DelayedCall callLater(double seconds, Runnable callable) {
        return callLater(toDuration(seconds), callable);
    }

    /**
     * Converts seconds as a double, as Twisted uses them, to a {@link Duration}.
     *
     * @param seconds a non-negative number of seconds
     * @return the duration, to the nanosecond
     * @throws IllegalArgumentException when {@code seconds} is negative or not a number
     */
    static Duration toDuration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("delay (" + seconds + " s) must be a finite number of seconds >= 0");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
