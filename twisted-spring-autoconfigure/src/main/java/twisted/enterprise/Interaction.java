package twisted.enterprise;

import twisted.defer.Deferred;

/**
 * The work of one transaction, for {@link ConnectionPool#runInteraction}: it runs statements
 * through the {@link Transaction} and returns a Deferred of its result, which commits the
 * transaction when it succeeds and rolls it back when it fails.
 *
 * <pre>{@code
 * Interaction<Long> addUsers = txn -> txn.runOperation("INSERT INTO users (email, name) VALUES (?, ?)", "jane@foo.com", "Jane")
 *         .thenCompose(one -> txn.runOperation("INSERT INTO users (email, name) VALUES (?, ?)", "joel@foo.com", "Joel"))
 *         .thenCompose(two -> txn.runQuery("SELECT count(*) FROM users"))
 *         .thenApply(rows -> rows.get(0).get(0, Long.class));
 * }</pre>
 *
 * <p>It is called once, on the reactor thread, so it may use the application's reactor-owned
 * state freely; it must not block. Twisted: the function given to {@code runInteraction}, which
 * runs in a pool thread with a blocking cursor instead.
 *
 * @param <T> the type of the interaction's result
 * @since 0.1.0
 */
@FunctionalInterface
public interface Interaction<T> {

    /**
     * Does the transaction's work.
     *
     * @param txn runs statements in this transaction; valid until the returned Deferred fires
     * @return a Deferred that fires once every statement the interaction started has finished: the
     *         transaction commits if it succeeds and rolls back if it fails
     * @throws Exception to roll the transaction back at once (nothing may be in flight then)
     */
    Deferred<? extends T> run(Transaction txn) throws Exception;
}
