package twisted.enterprise;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * The {@link ConnectionPool} on Spring's {@code DatabaseClient} and {@code TransactionalOperator}.
 *
 * <p>Why Spring's and not the bare R2DBC SPI: {@code DatabaseClient} releases the connection on
 * every outcome (cancellation included), binds {@code null}s and {@code Parameter}s, and translates
 * driver errors into the {@code DataAccessException} hierarchy; {@code TransactionalOperator}
 * begins, commits and rolls back, and binds the transaction's connection to the Reactor context,
 * where {@code DatabaseClient} finds it again for each statement of an interaction. Written
 * against the SPI, all of that would be ours to get right.
 */
final class R2dbcConnectionPool implements ConnectionPool {

    private final Reactor reactor;

    private final Scheduler scheduler;

    private final Statements statements;

    private final TransactionalOperator transactions;

    R2dbcConnectionPool(ConnectionFactory connectionFactory, Reactor reactor, BindMarkersFactory markers,
            Scheduler scheduler) {
        this.reactor = reactor;
        this.scheduler = scheduler;
        DatabaseClient client = DatabaseClient.builder().connectionFactory(connectionFactory).bindMarkers(markers)
                .namedParameters(false).build();
        this.statements = new Statements(client, markers, reactor, scheduler);
        this.transactions = TransactionalOperator.create(new R2dbcTransactionManager(connectionFactory));
    }

    @Override
    public Deferred<List<Row>> runQuery(String sql, @Nullable Object... args) {
        return this.statements.runQuery(sql, args);
    }

    @Override
    public <T> Deferred<List<T>> runQuery(String sql, Function<? super Readable, ? extends T> mapper,
            @Nullable Object... args) {
        return this.statements.runQuery(sql, mapper, args);
    }

    @Override
    public Deferred<Long> runOperation(String sql, @Nullable Object... args) {
        return this.statements.runOperation(sql, args);
    }

    @Override
    public <T> Deferred<T> runInteraction(Interaction<T> interaction) {
        Objects.requireNonNull(interaction, "interaction");
        Mono<T> work = Mono.deferContextual(context -> {
            Statements txn = this.statements.inTransaction(context);
            return onReactorThread(interaction, txn).doOnTerminate(txn::refuse).doOnCancel(txn::refuse);
        });
        // publishOn: the commit or rollback starts from the scheduler, not from the reactor thread.
        return this.statements.fire(this.transactions.transactional(work.publishOn(this.scheduler)));
    }

    /** Calls the interaction on the reactor thread and follows its Deferred there. */
    private <T> Mono<T> onReactorThread(Interaction<T> interaction, Transaction txn) {
        return Mono.<Deferred<? extends T>>create(sink -> this.reactor.execute(() -> sink.success(call(interaction, txn))))
                .flatMap(deferred -> deferred.toMono(this.reactor));
    }

    private static <T> Deferred<? extends T> call(Interaction<T> interaction, Transaction txn) {
        try {
            return Objects.requireNonNull(interaction.run(txn), "the interaction returned null instead of a Deferred");
        }
        catch (Throwable ex) {
            return Deferred.fail(ex);
        }
    }

    @Override
    public void close() {
        this.statements.refuse();
    }
}
