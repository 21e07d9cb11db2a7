package twisted.enterprise;

import java.util.List;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;
import twisted.defer.Deferred;

/**
 * Runs statements inside the transaction of one {@link ConnectionPool#runInteraction
 * runInteraction}, all on that transaction's connection. The methods work as the pool's methods of
 * the same name (same placeholders, same errors) and their Deferreds fire on the reactor thread.
 *
 * <p>Statements started together run one after another on the connection, in the order they were
 * started. Wait for each statement that matters before returning from the interaction: one still
 * running when the interaction's Deferred fires would race the commit. Once the interaction's
 * Deferred has fired, every method fails with {@code IllegalStateException}, so a stray statement
 * never runs outside the transaction. Do not keep the object.
 *
 * <p>Twisted: {@code adbapi.Transaction}, a cursor with blocking {@code execute} and
 * {@code fetchall}; here each statement gives its result as a Deferred instead.
 *
 * @since 0.1.0
 */
public interface Transaction {

    /**
     * Runs a query in this transaction and gives all its rows.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param args one value per placeholder
     * @return a Deferred of the rows, fired on the reactor thread
     * @see ConnectionPool#runQuery(String, Object...)
     */
    Deferred<List<Row>> runQuery(String sql, @Nullable Object... args);

    /**
     * Runs a query in this transaction and maps each row.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param mapper turns each row into a value; runs on the driver's thread; must not return null
     * @param args one value per placeholder
     * @param <T> the type of the mapped rows
     * @return a Deferred of the mapped rows, fired on the reactor thread
     * @see ConnectionPool#runQuery(String, Function, Object...)
     */
    <T> Deferred<List<T>> runQuery(String sql, Function<? super Readable, ? extends T> mapper, @Nullable Object... args);

    /**
     * Runs a statement that returns no rows in this transaction.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param args one value per placeholder
     * @return a Deferred of the number of rows the statement changed, fired on the reactor thread
     * @see ConnectionPool#runOperation(String, Object...)
     */
    Deferred<Long> runOperation(String sql, @Nullable Object... args);

    /**
     * The Reactor context that holds this transaction, for Spring's own R2DBC code on the same
     * {@code ConnectionFactory}: a publisher from {@code R2dbcEntityTemplate}, a Spring Data
     * repository or a {@code DatabaseClient}, given this context with {@code contextWrite}, runs
     * its statements in this transaction, on its connection, and commits or rolls back with it.
     *
     * <pre>{@code
     * pool.runInteraction(txn -> txn.runOperation("INSERT INTO orders (id) VALUES (?)", 7)
     *         .thenCompose(n -> Deferred.fromPublisher(
     *                 template.insert(new Line(7, "tea")).contextWrite(txn.reactorContext()), reactor)));
     * }</pre>
     *
     * <p>The same rules as for this object's own statements hold: chain each publisher into the
     * interaction's Deferred, so that it is done before the commit, and use the context only
     * during the interaction.
     *
     * @return the context binding this transaction's connection
     */
    ContextView reactorContext();
}
