package twisted.defer;

import org.jspecify.annotations.Nullable;

/**
 * A stage of a {@link Deferred}'s chain: a function of the current result that may throw anything,
 * checked exceptions included, as a Twisted callback may raise anything. What it throws becomes
 * the chain's next {@link Failure}.
 *
 * @param <T> the type of the result it receives
 * @param <R> the type of what it returns
 * @since 0.1.0
 */
@FunctionalInterface
public interface Callback<T, R> {

    /**
     * Computes the next result.
     *
     * @param result the current result ({@link Failure} for an errback)
     * @return the next result: a value, a {@link Failure}, or a Deferred to wait on
     * @throws Exception to make the chain fail with it
     */
    @Nullable R apply(T result) throws Exception;
}
