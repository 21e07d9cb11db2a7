package twisted.enterprise;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Runs statements through Spring's {@link DatabaseClient} and gives their results as Deferreds
 * fired on the reactor thread: the pool's own statements, and, as the {@link Transaction} of an
 * interaction, the statements of one transaction.
 *
 * <p>{@code DatabaseClient} takes a connection for each statement, unless the subscriber's Reactor
 * context holds a transaction, whose connection it then uses. A transaction's statements are each
 * subscribed on their own (by the Deferred returned), not inside the interaction's {@code Mono},
 * so they carry the interaction's context explicitly.
 */
final class Statements implements Transaction {

    private final DatabaseClient client;

    private final BindMarkersFactory markers;

    private final Reactor reactor;

    private final Scheduler scheduler;

    private final ContextView context;

    private final String refusal;

    private volatile boolean refused;

    Statements(DatabaseClient client, BindMarkersFactory markers, Reactor reactor, Scheduler scheduler) {
        this(client, markers, reactor, scheduler, Context.empty(), "the ConnectionPool is closed");
    }

    private Statements(DatabaseClient client, BindMarkersFactory markers, Reactor reactor, Scheduler scheduler,
            ContextView context, String refusal) {
        this.client = client;
        this.markers = markers;
        this.reactor = reactor;
        this.scheduler = scheduler;
        this.context = context;
        this.refusal = refusal;
    }

    /** The statements of the transaction bound in {@code transactionContext}. */
    Statements inTransaction(ContextView transactionContext) {
        return new Statements(this.client, this.markers, this.reactor, this.scheduler, transactionContext,
                "the interaction is over and its transaction has ended: run statements before its Deferred fires");
    }

    @Override
    public ContextView reactorContext() {
        return this.context;
    }

    @Override
    public Deferred<List<Row>> runQuery(String sql, @Nullable Object... args) {
        Objects.requireNonNull(sql, "sql");
        @Nullable Object[] values = arguments(args);
        return fire(Mono.defer(() -> prepare(sql, values).map(Row::read).all().collectList()));
    }

    @Override
    public <T> Deferred<List<T>> runQuery(String sql, Function<? super Readable, ? extends T> mapper,
            @Nullable Object... args) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(mapper, "mapper");
        @Nullable Object[] values = arguments(args);
        return fire(Mono.defer(() -> prepare(sql, values)
                .map(row -> (T) Objects.requireNonNull(mapper.apply(row), () -> "the row mapper returned null for: " + sql))
                .all().collectList()));
    }

    @Override
    public Deferred<Long> runOperation(String sql, @Nullable Object... args) {
        Objects.requireNonNull(sql, "sql");
        @Nullable Object[] values = arguments(args);
        return fire(Mono.defer(() -> prepare(sql, values).fetch().rowsUpdated()));
    }

    /** From now on every statement fails with {@code IllegalStateException}. */
    void refuse() {
        this.refused = true;
    }

    /**
     * Subscribes {@code work} off the reactor thread, in this object's context, and fires its
     * result on the reactor thread; once refused, the Deferred fails there instead.
     */
    <T> Deferred<T> fire(Mono<T> work) {
        Mono<T> checked = Mono.defer(() -> this.refused ? Mono.error(new IllegalStateException(this.refusal)) : work);
        return Deferred.fromPublisher(checked.contextWrite(this.context).subscribeOn(this.scheduler), this.reactor);
    }

    private GenericExecuteSpec prepare(String sql, @Nullable Object[] args) {
        GenericExecuteSpec spec = this.client.sql(Placeholders.rewrite(sql, this.markers, args.length));
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            spec = (arg != null) ? spec.bind(i, arg) : spec.bindNull(i, Object.class);
        }
        return spec;
    }

    /** A copy of the varargs array; {@code runQuery(sql, (Object[]) null)} means no arguments. */
    private static @Nullable Object[] arguments(@Nullable Object @Nullable [] args) {
        return (args != null) ? args.clone() : new Object[0];
    }
}
