package twisted.defer;

import org.jspecify.annotations.Nullable;

/**
 * How one member of a {@link DeferredList} ended: Twisted's {@code (success, result)} pair.
 *
 * @param succeeded whether the member called back (Twisted: {@code SUCCESS})
 * @param result the member's result when it succeeded, else {@code null}
 * @param failure the member's failure when it failed, else {@code null}
 * @param <T> the members' result type
 * @since 0.1.0
 */
public record Outcome<T>(boolean succeeded, @Nullable T result, @Nullable Failure failure) {

    /**
     * A successful outcome.
     *
     * @param result the result
     * @param <T> the result type
     * @return the outcome
     */
    public static <T> Outcome<T> success(@Nullable T result) {
        return new Outcome<>(true, result, null);
    }

    /**
     * A failed outcome.
     *
     * @param failure the failure
     * @param <T> the result type
     * @return the outcome
     */
    public static <T> Outcome<T> failure(Failure failure) {
        return new Outcome<>(false, null, failure);
    }
}
