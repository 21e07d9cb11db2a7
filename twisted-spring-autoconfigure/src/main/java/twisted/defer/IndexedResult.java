package twisted.defer;

import org.jspecify.annotations.Nullable;

/**
 * The first success among several Deferreds, with its position: Twisted's {@code (result, index)}
 * from {@code DeferredList(fireOnOneCallback=True)} and {@code (index, result)} from {@code race}.
 *
 * @param index the position of the winning Deferred in the list given
 * @param result its result
 * @param <T> the result type
 * @since 0.1.0
 */
public record IndexedResult<T>(int index, @Nullable T result) {
}
