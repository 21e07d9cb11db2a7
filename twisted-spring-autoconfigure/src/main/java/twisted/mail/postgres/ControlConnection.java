package twisted.mail.postgres;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.time.DelayedCall;

/**
 * The store's one long-lived connection of its own: it {@code LISTEN}s on the store's channel and
 * holds the session-level advisory locks of the POP3 sessions open on this node. It is opened on
 * the driver's own factory (a pool in front of it is unwrapped), never borrowed from a pool:
 * closing it must end the server session, so that PostgreSQL drops its locks and its
 * {@code LISTEN}. When it is lost it is opened again after a delay that doubles up to a bound,
 * and the store is told both ways, so that it re-checks what notifications it may have missed.
 * Reactor thread only.
 */
final class ControlConnection {

    /** The advisory lock space of POP3 mailboxes: the first key of the two-key form ("twml"). */
    static final int LOCK_SPACE = 0x74776d6c;

    /** A notification's payload longer than this is not ours, and is ignored. */
    static final int MAX_PAYLOAD = 200;

    private static final Logger log = LoggerFactory.getLogger(ControlConnection.class);

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    /** What the store hears of the connection; on the reactor thread. */
    interface Events {

        /** The connection listens (the first time, or again after a loss). */
        void connected();

        /** The connection is gone: its locks are gone with it. */
        void lost();

        /** A notification on the channel. */
        void notified(String payload);
    }

    private final ConnectionFactory factory;

    private final Reactor reactor;

    private final Tables tables;

    private final Events events;

    private @Nullable Connection connection;

    private @Nullable PostgresqlConnection postgres;

    private @Nullable Disposable notifications;

    private @Nullable DelayedCall retry;

    private Duration delay = FIRST_RETRY;

    /** Grows with each connection, so that late signals of an old one are ignored. */
    private int generation;

    private boolean listening;

    private boolean closed;

    private long notificationsReceived;

    ControlConnection(ConnectionFactory factory, Reactor reactor, Tables tables, Events events) {
        this.factory = driverFactory(factory);
        this.reactor = reactor;
        this.tables = tables;
        this.events = events;
    }

    void start() {
        connect();
    }

    boolean isListening() {
        return this.listening;
    }

    long notificationsReceived() {
        return this.notificationsReceived;
    }

    /** The current connection's generation: a lock taken under another one is gone. */
    int generation() {
        return this.generation;
    }

    /** Tries the POP3 lock of a mailbox; fails with {@link IOException} while there is no connection. */
    Deferred<Boolean> tryLock(int mailboxId) {
        PostgresqlConnection pg = this.postgres;
        if (pg == null || !this.listening) {
            return Deferred.fail(new IOException("the mail store's control connection to PostgreSQL is down"));
        }
        Mono<Boolean> locked = Flux.from(pg.createStatement("SELECT pg_try_advisory_lock($1, $2)")
                .bind("$1", LOCK_SPACE).bind("$2", mailboxId).execute())
                .flatMap(result -> result.map((row, meta) -> Objects.requireNonNull(row.get(0, Boolean.class))))
                .next();
        return Deferred.fromPublisher(locked, this.reactor);
    }

    /** Releases a POP3 lock taken under {@code generation}; nothing to do if that connection is gone. */
    Deferred<Void> unlock(int mailboxId, int generation) {
        PostgresqlConnection pg = this.postgres;
        if (pg == null || generation != this.generation) {
            return Deferred.succeed(null);
        }
        Mono<Void> unlocked = Flux.from(pg.createStatement("SELECT pg_advisory_unlock($1, $2)")
                .bind("$1", LOCK_SPACE).bind("$2", mailboxId).execute())
                .flatMap(result -> result.map((row, meta) -> "")).then();
        return Deferred.fromPublisher(unlocked, this.reactor);
    }

    /** Closes the connection for good: its locks and its {@code LISTEN} end with the server session. */
    Deferred<Void> close() {
        this.closed = true;
        DelayedCall pending = this.retry;
        if (pending != null && pending.active()) {
            pending.cancel();
        }
        this.generation++;
        return drop();
    }

    private void connect() {
        if (this.closed) {
            return;
        }
        int attempt = ++this.generation;
        Deferred.fromPublisher(Mono.from(this.factory.create()), this.reactor).addCallbacks(connection -> {
            opened(attempt, connection);
            return null;
        }, failure -> {
            if (attempt == this.generation) {
                log.warn("Mail store: cannot open the control connection to PostgreSQL (retrying in {}): {}",
                        this.delay, failure.getErrorMessage());
                scheduleRetry();
            }
            return null;
        });
    }

    private void opened(int attempt, Connection connection) {
        if (this.closed || attempt != this.generation) {
            Mono.from(connection.close()).subscribe(null, error -> { });
            return;
        }
        PostgresqlConnection pg = unwrap(connection);
        if (pg == null) {
            log.error("Mail store: the ConnectionFactory gives {} connections, not PostgreSQL's: no notifications, "
                    + "no POP3 locks", connection.getClass().getName());
            Mono.from(connection.close()).subscribe(null, error -> { });
            return;
        }
        this.connection = connection;
        this.postgres = pg;
        this.notifications = pg.getNotifications().subscribe(
                notification -> this.reactor.callFromThread(() -> notified(attempt, notification)),
                error -> this.reactor.callFromThread(() -> lost(attempt, error)),
                () -> this.reactor.callFromThread(() -> lost(attempt, null)));
        Mono<Void> listen = Flux.from(pg.createStatement(this.tables.listen()).execute())
                .flatMap(Result::getRowsUpdated).then();
        Deferred.fromPublisher(listen, this.reactor).addCallbacks(ignored -> {
            if (attempt == this.generation && !this.closed) {
                this.listening = true;
                this.delay = FIRST_RETRY;
                log.info("Mail store: listening for changes on channel {}", this.tables.channel);
                this.events.connected();
            }
            return null;
        }, failure -> {
            lost(attempt, failure.value());
            return null;
        });
    }

    private void notified(int attempt, Notification notification) {
        if (attempt != this.generation || this.closed) {
            return;
        }
        String payload = notification.getParameter();
        if (payload == null || payload.length() > MAX_PAYLOAD) {
            log.warn("Mail store: ignored a notification on {} with {} payload", this.tables.channel,
                    payload == null ? "no" : "a " + payload.length() + "-character");
            return;
        }
        this.notificationsReceived++;
        this.events.notified(payload);
    }

    private void lost(int attempt, @Nullable Throwable error) {
        if (attempt != this.generation || this.closed) {
            return;
        }
        boolean wasListening = this.listening;
        this.generation++;
        log.warn("Mail store: the control connection to PostgreSQL was lost (reconnecting in {}){}", this.delay,
                error == null ? "" : ": " + error.getMessage());
        drop();
        if (wasListening) {
            this.events.lost();
        }
        scheduleRetry();
    }

    private Deferred<Void> drop() {
        this.listening = false;
        Disposable subscription = this.notifications;
        this.notifications = null;
        if (subscription != null) {
            subscription.dispose();
        }
        Connection open = this.connection;
        this.connection = null;
        this.postgres = null;
        if (open == null) {
            return Deferred.succeed(null);
        }
        return Deferred.fromPublisher(Mono.from(open.close()).onErrorResume(error -> Mono.empty()), this.reactor);
    }

    private void scheduleRetry() {
        if (this.closed) {
            return;
        }
        Duration wait = this.delay;
        this.delay = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
        this.retry = this.reactor.callLater(wait, this::connect);
    }

    /** The driver's factory under a pool (r2dbc-pool's {@code ConnectionPool} wraps it). */
    static ConnectionFactory driverFactory(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        for (int i = 0; i < 8 && current instanceof Wrapped<?> wrapped; i++) {
            Object inner = wrapped.unwrap();
            if (!(inner instanceof ConnectionFactory next) || next == current) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static @Nullable PostgresqlConnection unwrap(Connection connection) {
        Object current = connection;
        for (int i = 0; i < 8; i++) {
            if (current instanceof PostgresqlConnection pg) {
                return pg;
            }
            if (!(current instanceof Wrapped<?> wrapped) || wrapped.unwrap() == current) {
                return null;
            }
            current = wrapped.unwrap();
        }
        return null;
    }
}
