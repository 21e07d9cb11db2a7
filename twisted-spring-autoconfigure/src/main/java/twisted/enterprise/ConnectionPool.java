package twisted.enterprise;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Talks to a relational database without ever blocking the reactor thread: every query gives a
 * {@link Deferred} that fires, on the reactor thread, with the rows. Twisted's
 * {@code adbapi.ConnectionPool} (chapter 8 of the book), on R2DBC.
 *
 * <pre>{@code
 * ConnectionPool dbpool = ConnectionPool.create(connectionFactory, reactor);  // or inject the bean
 * dbpool.runQuery("SELECT name FROM users WHERE email = ?", "jane@foo.com")
 *       .addCallback(rows -> { rows.forEach(row -> log.info("{}", row.get(0))); return null; });
 * }</pre>
 *
 * <h2>Why R2DBC, and no threads</h2>
 * Twisted's pool runs each query in one of its threads, on a blocking DB-API connection, because
 * Python has no other way. R2DBC drivers are non-blocking, so here the connections come from the
 * {@link ConnectionFactory} given, usually Spring Boot's {@code io.r2dbc.pool.ConnectionPool}
 * (sized by {@code spring.r2dbc.pool.*}: {@code initial-size} is Twisted's {@code cp_min},
 * {@code max-size} its {@code cp_max}, {@code validation-query} its {@code cp_good_sql}). The
 * statements are subscribed on a Reactor {@link Scheduler} (bounded elastic by default) because
 * some drivers, H2's among them, do their work on the subscribing thread; the results come back to
 * the reactor thread through {@code callFromThread}.
 *
 * <h2>Placeholders</h2>
 * Write {@code ?} for each argument, as with sqlite3 in the book: the pool rewrites them into the
 * driver's own bind markers ({@code $1, $2...} for PostgreSQL and H2), so one statement runs on
 * every database. A {@code ?} inside quotes or comments is text, {@code ??} is one literal
 * {@code ?}, and a statement without {@code ?} passes through untouched, so native markers work
 * too. A {@code null} argument is bound as an untyped SQL {@code NULL}; where the database needs
 * its type, pass {@code io.r2dbc.spi.Parameters.in(R2dbcType.VARCHAR)} instead.
 *
 * <h2>Errors</h2>
 * Every error arrives as an errback, never as an exception thrown by the method: database errors
 * as Spring's {@code DataAccessException} subclasses ({@code BadSqlGrammarException},
 * {@code DuplicateKeyException}, {@code DataIntegrityViolationException}...) with the driver's
 * {@code R2dbcException} as their cause, a placeholder count that does not match the arguments as
 * {@code IllegalArgumentException}, and work given to a closed pool as
 * {@code IllegalStateException}. Only a {@code null} statement, mapper or interaction throws, at once.
 *
 * <h2>Threads</h2>
 * The methods may be called from any thread, and every Deferred they return fires on the reactor
 * thread. As with any Deferred, add callbacks on the reactor thread: from another thread, call the
 * pool from inside {@code reactor.callFromThread}.
 *
 * <p>Twisted: {@code twisted.enterprise.adbapi.ConnectionPool}. The pool is usually the
 * auto-configured bean; this interface lets tests put a fake in its place.
 *
 * @since 0.1.0
 */
public interface ConnectionPool extends AutoCloseable {

    /**
     * A pool over {@code connectionFactory}, with the driver's bind markers and the default scheduler.
     *
     * @param connectionFactory where connections come from; the pool does not close it
     * @param reactor fires the Deferreds on its thread
     * @return a new pool
     * @throws IllegalArgumentException when the driver's bind markers are unknown (use the builder)
     */
    static ConnectionPool create(ConnectionFactory connectionFactory, Reactor reactor) {
        return builder(connectionFactory, reactor).build();
    }

    /**
     * A builder, to choose the bind markers or the scheduler.
     *
     * @param connectionFactory where connections come from; the pool does not close it
     * @param reactor fires the Deferreds on its thread
     * @return a new builder
     */
    static Builder builder(ConnectionFactory connectionFactory, Reactor reactor) {
        return new Builder(connectionFactory, reactor);
    }

    /**
     * Runs a query and gives all its rows, read in full. Twisted: {@code runQuery}, which gives a
     * list of tuples.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param args one value per placeholder
     * @return a Deferred of the rows (empty when there are none), fired on the reactor thread
     */
    Deferred<List<Row>> runQuery(String sql, @Nullable Object... args);

    /**
     * Runs a query and maps each row with the driver's conversions:
     * {@code runQuery("SELECT id, email FROM users", row -> new User(row.get("id", Long.class), row.get("email", String.class)))}.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param mapper turns each row into a value; it runs on the driver's thread, so it must only read
     *        the row, and must not return null
     * @param args one value per placeholder
     * @param <T> the type of the mapped rows
     * @return a Deferred of the mapped rows, fired on the reactor thread
     */
    <T> Deferred<List<T>> runQuery(String sql, Function<? super Readable, ? extends T> mapper, @Nullable Object... args);

    /**
     * Runs a statement that returns no rows ({@code INSERT}, {@code UPDATE}, {@code DELETE},
     * {@code CREATE}...) in its own transaction (the driver's auto-commit). Twisted's
     * {@code runOperation} fires with {@code None}; this one gives the count the driver reports,
     * which costs nothing and is usually wanted.
     *
     * @param sql the statement, with {@code ?} placeholders
     * @param args one value per placeholder
     * @return a Deferred of the number of rows changed (0 for DDL), fired on the reactor thread
     */
    Deferred<Long> runOperation(String sql, @Nullable Object... args);

    /**
     * Runs {@code interaction} in one transaction: it commits when the interaction's Deferred
     * succeeds and rolls back when it fails (or the interaction throws, or this Deferred is
     * cancelled). The interaction runs on the reactor thread, once a connection has been taken and
     * the transaction begun. Twisted: {@code runInteraction}, whose function runs in a pool thread
     * on a blocking cursor; here it builds a chain of Deferreds instead (see {@link Interaction}).
     *
     * @param interaction the transaction's work
     * @param <T> the type of its result
     * @return a Deferred of the interaction's result, fired on the reactor thread after the commit,
     *         or failed with the interaction's failure after the rollback
     */
    <T> Deferred<T> runInteraction(Interaction<T> interaction);

    /**
     * Stops taking work: later calls fail with {@code IllegalStateException}; work already started
     * finishes. The connection factory is left open, because whoever created it closes it (Spring
     * Boot closes its own pool at shutdown). Safe to call twice, from any thread. Twisted:
     * {@code close}.
     */
    @Override
    void close();

    /**
     * Builds a {@link ConnectionPool}.
     *
     * @since 0.1.0
     */
    final class Builder {

        private final ConnectionFactory connectionFactory;

        private final Reactor reactor;

        private @Nullable BindMarkersFactory bindMarkers;

        private Scheduler scheduler = Schedulers.boundedElastic();

        private Builder(ConnectionFactory connectionFactory, Reactor reactor) {
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
            this.reactor = Objects.requireNonNull(reactor, "reactor");
        }

        /**
         * Sets the driver's bind markers, for a driver Spring does not know.
         *
         * @param bindMarkers what {@code ?} placeholders become; by default resolved from the
         *        driver's name by Spring's {@code BindMarkersFactoryResolver}
         * @return this builder
         */
        public Builder bindMarkers(BindMarkersFactory bindMarkers) {
            this.bindMarkers = Objects.requireNonNull(bindMarkers, "bindMarkers");
            return this;
        }

        /**
         * Sets where statements are subscribed.
         *
         * @param scheduler runs the start of each statement and each commit; by default
         *        {@code Schedulers.boundedElastic()}, as drivers like H2's work on the subscribing thread
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Builds the pool.
         *
         * @return a new pool, ready for work
         * @throws IllegalArgumentException when no bind markers were set and the driver's are unknown
         */
        public ConnectionPool build() {
            BindMarkersFactory markers = this.bindMarkers;
            if (markers == null) {
                try {
                    markers = BindMarkersFactoryResolver.resolve(this.connectionFactory);
                }
                catch (BindMarkersFactoryResolver.NoBindMarkersFactoryException ex) {
                    throw new IllegalArgumentException("cannot tell the bind markers of the R2DBC driver '"
                            + this.connectionFactory.getMetadata().getName()
                            + "': set them with ConnectionPool.builder(...).bindMarkers(...)", ex);
                }
            }
            return new R2dbcConnectionPool(this.connectionFactory, this.reactor, markers, this.scheduler);
        }
    }
}
