package twisted.testing;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.Failure;

/**
 * Assertions on Deferreds for synchronous tests, as trial's {@code SynchronousTestCase} has them.
 * They throw {@link AssertionError}, which every test framework reports as a failure, and need no
 * test framework themselves.
 *
 * <p>Like trial's, {@link #successResultOf} and {@link #failureResultOf} consume the result: the
 * Deferred's chain continues with {@code null}, so a failure they return is handled and is not
 * reported as unhandled later.
 *
 * <p>Twisted: {@code SynchronousTestCase.successResultOf}, {@code failureResultOf},
 * {@code assertNoResult}.
 *
 * @since 0.1.0
 */
public final class DeferredAssertions {

    private static final Object NONE = new Object();

    private DeferredAssertions() {
    }

    /**
     * The result of a Deferred that has already succeeded.
     *
     * @param deferred the Deferred
     * @param <T> the result type
     * @return its result
     * @throws AssertionError when it has no result yet or has failed
     */
    @SuppressWarnings("unchecked")
    public static <T> @Nullable T successResultOf(Deferred<T> deferred) {
        Object result = take(deferred);
        if (result == NONE) {
            throw new AssertionError("Success result expected on " + deferred + ", found no result instead");
        }
        if (result instanceof Failure failure) {
            throw new AssertionError("Success result expected on " + deferred + ", found failure result instead:\n"
                    + failure.getTraceback(), failure.value());
        }
        return (T) result;
    }

    /**
     * The result of a stage that has already completed normally.
     *
     * @param stage the stage
     * @param <T> the result type
     * @return its result
     * @throws AssertionError when it is not complete or completed exceptionally
     */
    public static <T> @Nullable T successResultOf(CompletionStage<T> stage) {
        return successResultOf(Deferred.fromCompletionStage(stage));
    }

    /**
     * The failure of a Deferred that has already failed, checked against the expected types.
     *
     * @param deferred the Deferred
     * @param expectedTypes the acceptable exception types; none means any
     * @return the failure
     * @throws AssertionError when it has no result, succeeded, or failed with another type
     */
    @SafeVarargs
    public static Failure failureResultOf(Deferred<?> deferred, Class<? extends Throwable>... expectedTypes) {
        Object result = take(deferred);
        if (result == NONE) {
            throw new AssertionError("Failure result expected on " + deferred + ", found no result instead");
        }
        if (!(result instanceof Failure failure)) {
            throw new AssertionError("Failure result expected on " + deferred + ", found success result (" + result
                    + ") instead");
        }
        if (expectedTypes.length > 0 && failure.check(expectedTypes) == null) {
            throw new AssertionError("Failure of type (" + Arrays.toString(expectedTypes) + ") expected on " + deferred
                    + ", found type " + failure.type().getName() + " instead:\n" + failure.getTraceback(),
                    failure.value());
        }
        return failure;
    }

    /**
     * Asserts that a Deferred has no result yet. If it has a failure, the failure is handled here
     * so that it does not also show up as unhandled.
     *
     * @param deferred the Deferred
     * @throws AssertionError when it has a result
     */
    public static void assertNoResult(Deferred<?> deferred) {
        Object[] seen = { NONE };
        deferred.addBoth(result -> {
            seen[0] = result;
            return result;
        });
        if (seen[0] != NONE) {
            deferred.addErrback(failure -> null);
            throw new AssertionError("No result expected on " + deferred + ", found " + seen[0] + " instead");
        }
    }

    private static @Nullable Object take(Deferred<?> deferred) {
        Object[] seen = { NONE };
        deferred.addBoth(result -> {
            seen[0] = result;
            return null;
        });
        return seen[0];
    }
}
