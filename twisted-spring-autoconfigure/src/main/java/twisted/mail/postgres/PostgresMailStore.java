package twisted.mail.postgres;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.enterprise.ConnectionPool;
import twisted.enterprise.Row;
import twisted.enterprise.Transaction;
import twisted.internet.Reactor;
import twisted.internet.SystemEvent;
import twisted.internet.TriggerPhase;
import twisted.mail.FolderException;
import twisted.mail.FolderHierarchy;
import twisted.mail.FolderStore;
import twisted.mail.MailAccount;
import twisted.mail.MailStore;
import twisted.mail.MailboxLockedException;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;

/**
 * A {@link MailStore} and {@link FolderStore} in PostgreSQL, for several nodes serving the same
 * users from one database: SMTP on one node delivers, POP3 and IMAP on another read at once, and
 * an IMAP {@code IDLE} anywhere wakes. Everything goes through R2DBC without blocking the reactor
 * thread, and every Deferred fires on it.
 *
 * <pre>{@code
 * PostgresMailStore store = new PostgresMailStore(connectionFactory, reactor, PostgresMailStore.Options.defaults());
 * store.start();                                        // LISTEN, and the POP3 lock connection
 * store.createMailbox("alice").addCallback(...);
 * MessageWriter writer = store.newMessage("alice");     // on the reactor thread
 * writer.lineReceived("Subject: hi".getBytes(US_ASCII));
 * writer.eomReceived().addCallback(receipt -> ...);    // fires once the transaction is committed
 * }</pre>
 *
 * <p>The tables ({@code twisted_mail_mailboxes}, {@code _folders}, {@code _messages},
 * {@code _subscriptions}) are made by {@link MailSchema#migrate}, which the auto-configuration runs
 * with Flyway before the store is used. Mailbox and folder names follow the Maildir store's rules
 * (lower-case mailbox names of {@code a-z 0-9 . _ + -}, folder levels separated by {@code .}), so
 * the two stores are interchangeable to clients.
 *
 * <p><b>Delivery.</b> A message's lines are buffered on the reactor thread, up to
 * {@link Options#maxMessageSize()}, and inserted with its UID in one transaction when
 * {@link MessageWriter#eomReceived()} is called: the UID is taken by
 * {@code UPDATE ... SET uidnext = uidnext + 1 ... RETURNING} in that transaction, so concurrent
 * deliveries from any nodes wait for each other's row lock and get distinct, increasing UIDs in
 * commit order. The Deferred fires after {@code COMMIT} (and so SMTP says {@code 250} only for
 * committed mail); a failed commit fails it and leaves nothing.
 *
 * <p><b>Changes between nodes.</b> Each change commits a {@code NOTIFY} on the store's channel
 * ({@code twisted_mail}, or {@code twisted_mail_<schema>}) naming the folder; each store listens on
 * one connection of its own, and a notification makes the folder, if a session of this node has it
 * selected, read its message list again (UIDs, flags, sizes; not the contents) and tell the
 * sessions' listeners what was added, changed or expunged. When that connection is lost it is
 * opened again (after 1 s, doubling up to 30 s), and then every selected folder is read again,
 * since notifications may have been missed meanwhile. {@code \Recent} is claimed in the database
 * ({@code recent} column), so one session on one node gets it.
 *
 * <p><b>POP3's lock.</b> A session-level advisory lock, {@code pg_try_advisory_lock(0x74776d6c,
 * mailbox id)}, taken on the same dedicated connection: it holds across nodes, and PostgreSQL
 * drops it when the connection ends, so a crashed node frees its mailboxes at once (a lock row
 * would need a lease and a clock). Sessions of one node are kept apart in memory first, as
 * advisory locks are re-entrant within a server session. When the connection is lost the locks are
 * taken again on the new one; a session whose lock was taken meanwhile by another node deletes
 * nothing ({@link twisted.mail.Mailbox#sync()} fails). While the connection is down, mailboxes
 * cannot be opened for POP3.
 *
 * <p><b>{@link #exists}</b> is synchronous, so it answers from a set of mailbox names kept in
 * memory: read when the listening connection opens (and again each time it re-opens), added to by
 * this store's own creations and by the {@code NOTIFY} other nodes send when they create one. A
 * mailbox made by another node is therefore known here within one notification's delay (or, with
 * the connection down, when it is back); a name not in the set is looked up in the background, so
 * that a second attempt finds it.
 *
 * <p>Thread safety: {@link #exists}, {@link #rememberMailboxes} and {@link #details} may be called
 * from any thread; everything else, and everything it gives, on the reactor thread, with one event
 * loop (as the IMAP service requires).
 *
 * @since 0.1.0
 */
public final class PostgresMailStore implements MailStore, FolderStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresMailStore.class);

    /** Details' counts are read again at most this often. */
    private static final Duration COUNT_INTERVAL = Duration.ofSeconds(10);

    private final Reactor reactor;

    private final ConnectionPool pool;

    private final Tables tables;

    private final Options options;

    private final ControlConnection control;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private final Map<String, Ids> ids = new ConcurrentHashMap<>();

    /** POP3 sessions open on this node, by mailbox. */
    private final Map<String, Pop3Lock> pop3Locks = new ConcurrentHashMap<>();

    /** Folders selected by sessions of this node, by id; reactor thread only. */
    private final Map<Long, OpenFolder> open = new HashMap<>();

    private volatile Map<String, Object> counts = Map.of();

    private volatile double countedAt = Double.NEGATIVE_INFINITY;

    private boolean closed;

    private @Nullable Object shutdownTrigger;

    /**
     * Creates a store; it touches the database only once {@link #start() started} or used.
     *
     * @param connectionFactory where connections come from (usually a pool); the store's
     *        listening connection is opened on the driver's factory under the pool
     * @param reactor fires every Deferred on its thread, and gives the time for internal dates
     * @param options the schema and the size limit
     */
    public PostgresMailStore(ConnectionFactory connectionFactory, Reactor reactor, Options options) {
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.options = Objects.requireNonNull(options, "options");
        this.tables = new Tables(options.schema());
        this.pool = ConnectionPool.create(connectionFactory, reactor);
        this.control = new ControlConnection(connectionFactory, reactor, this.tables, new ControlEvents());
    }

    /**
     * Opens the listening connection (in the background; it is retried until it works). Call once,
     * from any thread.
     */
    public void start() {
        // Closed before the reactor stops, while its thread still runs the connection's callbacks.
        this.shutdownTrigger = this.reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN,
                this::closeOnReactor);
        this.reactor.callFromThread(this.control::start);
    }

    /**
     * Whether the connection that listens for other nodes' changes and holds POP3's locks is up.
     *
     * @return {@code true} while listening
     */
    public boolean isListening() {
        return this.control.isListening();
    }

    /**
     * Adds names known to exist to the set {@link #exists} answers from, as read at start-up
     * ({@link MailSchema#createMailboxes}).
     *
     * @param mailboxes the mailboxes' names
     */
    public void rememberMailboxes(Collection<String> mailboxes) {
        for (String name : mailboxes) {
            String mailbox = Names.mailbox(name);
            if (mailbox != null) {
                this.known.add(mailbox);
            }
        }
    }

    /**
     * Whether the mailbox exists, from the names in memory (see the class comment for how fresh
     * they are). A name not known is looked up in the background.
     *
     * @param mailbox the mailbox's name
     * @return {@code false} for a refused name or one not known (yet)
     */
    @Override
    public boolean exists(String mailbox) {
        String name = Names.mailbox(Objects.requireNonNull(mailbox, "mailbox"));
        if (name == null) {
            return false;
        }
        if (this.known.contains(name)) {
            return true;
        }
        onReactor(() -> this.pool.runQuery("SELECT 1 FROM " + this.tables.mailboxes
                + " WHERE name = ?", name).addCallbacks(rows -> {
                    if (!rows.isEmpty()) {
                        this.known.add(name);
                    }
                    return null;
                }, failure -> {
                    log.warn("Mail store: could not look up mailbox {}: {}", name, failure.getErrorMessage());
                    return null;
                }));
        return false;
    }

    /**
     * Creates a mailbox and its INBOX if they are missing, and tells the other nodes.
     *
     * @param mailbox the mailbox's name
     * @return fires once committed; fails with {@link IllegalArgumentException} for a refused name
     */
    public Deferred<Void> createMailbox(String mailbox) {
        return withMailbox(mailbox, name -> ids(name).thenApply(ignored -> null));
    }

    /**
     * Starts a delivery, buffered in memory up to {@link Options#maxMessageSize()}; a missing
     * mailbox is created by the commit.
     *
     * @param mailbox the mailbox's name
     * @return the writer, used on the reactor thread
     * @throws IllegalArgumentException if the name is refused
     */
    @Override
    public MessageWriter newMessage(String mailbox) {
        return new PostgresMessageWriter(this, Names.requireMailbox(mailbox), this.options.maxMessageSize());
    }

    /**
     * Opens a mailbox for one POP3 session: takes this node's lock and the advisory lock, then
     * lists INBOX. A missing mailbox is created (empty).
     *
     * @param mailbox the mailbox's name
     * @return fires with the mailbox; fails with {@link MailboxLockedException} while a session on
     *         any node has it, {@link IllegalArgumentException} for a refused name, or
     *         {@link IOException} while the store's connection is down
     */
    @Override
    public Deferred<OpenMailbox> openMailbox(String mailbox) {
        return withMailbox(mailbox, this::openPop3);
    }

    /** {@link #openMailbox} of a stored name: this node's lock, the advisory lock, then INBOX's listing. */
    private Deferred<OpenMailbox> openPop3(String name) {
        Pop3Lock lock = new Pop3Lock(name);
        if (this.pop3Locks.putIfAbsent(name, lock) != null) {
            return Deferred.fail(new MailboxLockedException(name));
        }
        Runnable release = () -> releasePop3(lock);
        return ids(name).thenCompose(found -> {
            lock.mailboxId = found.mailboxId();
            return this.control.tryLock(found.mailboxId()).thenCompose(locked -> {
                if (!locked) {
                    return Deferred.fail(new MailboxLockedException(name));
                }
                lock.generation = this.control.generation();
                lock.held = true;
                return this.pool.runQuery("SELECT f.uidvalidity, m.uid, m.size FROM " + this.tables.messages
                        + " m JOIN " + this.tables.folders + " f ON f.id = m.folder_id WHERE m.folder_id = ?"
                        + " ORDER BY m.uid", found.inboxId());
            }).thenApply(rows -> {
                List<PostgresMailbox.Entry> entries = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    entries.add(new PostgresMailbox.Entry(number(row, "uidvalidity"), number(row, "uid"),
                            number(row, "size")));
                }
                return new OpenMailbox(new PostgresMailbox(this, found.inboxId(), entries, lock, release), release);
            });
        }).recoverWith(failure -> {
            release.run();
            return Deferred.fail(failure);
        });
    }

    /**
     * Opens a user's folders for one IMAP session, creating the mailbox and its INBOX if missing.
     *
     * @param user the user
     * @return fires with the account; fails with {@link IllegalArgumentException} for a refused name
     */
    @Override
    public Deferred<MailAccount> openAccount(String user) {
        return withMailbox(user, name -> ids(name).thenApply(found -> new PostgresAccount(this, found)));
    }

    /**
     * What Actuator shows: the schema, the channel, whether the store listens, and counts of
     * mailboxes and messages read in the background at most every 10 seconds (the first call
     * shows none yet). Any thread.
     *
     * @return the details
     */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", "postgres");
        details.put("schema", this.options.schema() != null ? this.options.schema() : "(search path)");
        details.put("channel", this.tables.channel);
        details.put("listening", this.control.isListening());
        details.put("notificationsReceived", this.control.notificationsReceived());
        details.put("pop3SessionsOpen", this.pop3Locks.size());
        details.putAll(this.counts);
        if (this.reactor.seconds() - this.countedAt >= COUNT_INTERVAL.toSeconds()) {
            this.countedAt = this.reactor.seconds();
            onReactor(this::count);
        }
        return details;
    }

    /**
     * Stops the store: the listening connection is closed (freeing this node's POP3 locks) and
     * the pool takes no more work. The reactor's shutdown does it too, if it comes first. Any
     * thread; twice does nothing.
     */
    @Override
    public void close() {
        if (!this.reactor.isRunning()) {
            return; // closed by the reactor's shutdown already
        }
        try {
            this.reactor.callFromThread(this::closeOnReactor);
        }
        catch (RuntimeException ex) {
            log.debug("Mail store: the reactor stopped before the store was closed: {}", ex.toString());
        }
    }

    private Deferred<Void> closeOnReactor() {
        if (this.closed) {
            return Deferred.succeed(null);
        }
        this.closed = true;
        Object trigger = this.shutdownTrigger;
        this.shutdownTrigger = null;
        if (trigger != null && this.reactor.isRunning()) {
            try {
                this.reactor.removeSystemEventTrigger(trigger);
            }
            catch (IllegalArgumentException ex) {
                // the shutdown is running it
            }
        }
        this.pool.close();
        return this.control.close();
    }

    // ------------------------------------------------------------------ for the package

    long notificationsReceived() {
        return this.control.notificationsReceived();
    }

    Reactor reactor() {
        return this.reactor;
    }

    ConnectionPool pool() {
        return this.pool;
    }

    Tables tables() {
        return this.tables;
    }

    long maxMessageSize() {
        return this.options.maxMessageSize();
    }

    Instant now() {
        return Instant.ofEpochMilli(Math.round(this.reactor.seconds() * 1000));
    }

    /** A mailbox's ids, its mailbox row and INBOX made if missing (and the other nodes told). */
    Deferred<Ids> ids(String mailbox) {
        Ids cached = this.ids.get(mailbox);
        if (cached != null) {
            return Deferred.succeed(cached);
        }
        String lookup = "SELECT m.id AS mailbox_id, f.id AS inbox_id FROM " + this.tables.mailboxes + " m JOIN "
                + this.tables.folders + " f ON f.mailbox_id = m.id AND f.name = 'INBOX' WHERE m.name = ?";
        return this.pool.runQuery(lookup, mailbox).thenCompose(rows -> {
            if (!rows.isEmpty()) {
                return Deferred.succeed(rows);
            }
            return this.pool.runInteraction(txn -> txn.runOperation("INSERT INTO " + this.tables.mailboxes
                    + " (name) VALUES (?) ON CONFLICT (name) DO NOTHING", mailbox)
                    .thenCompose(n -> txn.runOperation("INSERT INTO " + this.tables.folders
                            + " (mailbox_id, name, uidvalidity) SELECT id, 'INBOX', nextval("
                            + this.tables.uidValiditySequence + ") FROM " + this.tables.mailboxes
                            + " WHERE name = ? ON CONFLICT (mailbox_id, name) DO NOTHING", mailbox))
                    .thenCompose(n -> notify(txn, "m:" + mailbox))
                    .thenCompose(n -> txn.runQuery(lookup, mailbox)));
        }).thenApply(rows -> {
            Row row = rows.get(0);
            Ids found = new Ids(mailbox, Math.toIntExact(number(row, "mailbox_id")), number(row, "inbox_id"));
            this.ids.put(mailbox, found);
            this.known.add(mailbox);
            return found;
        });
    }

    /** Sends a notification when the transaction commits. */
    Deferred<Void> notify(Transaction txn, String payload) {
        return txn.runQuery("SELECT pg_notify(?, ?)", this.tables.channel, payload).thenApply(rows -> null);
    }

    Deferred<Void> notifyFolder(Transaction txn, long folderId) {
        return notify(txn, "f:" + folderId);
    }

    /**
     * Takes {@code count} UIDs and one modification sequence of a folder, locking its row until
     * the transaction ends; fails with {@code NONEXISTENT} when the folder is gone.
     */
    Deferred<Allocation> allocate(Transaction txn, long folderId, int count, String name) {
        return txn.runQuery("UPDATE " + this.tables.folders + " SET uidnext = uidnext + ?, highestmodseq = highestmodseq"
                + " + 1 WHERE id = ? RETURNING uidvalidity, uidnext - ? AS first_uid, highestmodseq", count, folderId,
                count).thenApply(rows -> {
                    if (rows.isEmpty()) {
                        throw Names.nonexistent(name);
                    }
                    Row row = rows.get(0);
                    return new Allocation(number(row, "uidvalidity"), number(row, "first_uid"),
                            number(row, "highestmodseq"));
                });
    }

    /** Inserts one message in a transaction, with its notification. */
    Deferred<Allocation> insert(Transaction txn, long folderId, String name, byte[] content, Set<String> flags,
            Instant internalDate) {
        return allocate(txn, folderId, 1, name).thenCompose(at -> txn.runOperation("INSERT INTO "
                + this.tables.messages + " (folder_id, uid, internal_date, size, flags, modseq, content)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", folderId, at.firstUid(), internalDate, (long) content.length,
                sorted(flags), at.modseq(), ByteBuffer.wrap(content))
                .thenCompose(n -> notifyFolder(txn, folderId))
                .thenApply(ignored -> at));
    }

    /** Stores a delivered message in INBOX; fires after the commit. */
    Deferred<MessageReceipt> deliver(String mailbox, byte[] content) {
        Instant date = now();
        return ids(mailbox).thenCompose(found -> this.pool.runInteraction(
                txn -> insert(txn, found.inboxId(), FolderHierarchy.INBOX, content, Set.of(), date))
                .thenApply(at -> {
                    changed(found.inboxId());
                    return new MessageReceipt(mailbox, at.uidValidity() + "-" + at.firstUid(), content.length);
                }));
    }

    /** A message's bytes. */
    Deferred<byte[]> content(long folderId, long uid) {
        return this.pool.runQuery("SELECT content FROM " + this.tables.messages + " WHERE folder_id = ? AND uid = ?",
                folderId, uid).thenApply(rows -> {
                    if (rows.isEmpty()) {
                        throw new FolderException(FolderException.Reason.NONEXISTENT, "message " + uid
                                + " was expunged");
                    }
                    return Objects.requireNonNull(rows.get(0).get(0, byte[].class), "content");
                });
    }

    /** The shared state of a folder selected on this node, held for the caller. */
    OpenFolder openFolder(long folderId, String name) {
        OpenFolder folder = this.open.computeIfAbsent(folderId,
                id -> new OpenFolder(this, id, name, unused -> this.open.remove(id, unused)));
        folder.acquire();
        return folder;
    }

    /** Whether a session of this node has the folder selected. */
    boolean isOpen(long folderId) {
        OpenFolder folder = this.open.get(folderId);
        return folder != null && folder.hasSessions();
    }

    /** Reads a folder selected here again and waits for its sessions to be told; nothing if none has it. */
    Deferred<Void> syncIfOpen(long folderId) {
        OpenFolder folder = this.open.get(folderId);
        return folder == null ? Deferred.succeed(null) : folder.sync().recover(failure -> {
            log.warn("Mail store: could not read folder {} again after a change: {}", folderId,
                    failure.getErrorMessage());
            return null;
        });
    }

    /** A folder changed (here or on another node): the sessions of this node that have it selected hear of it. */
    void changed(long folderId) {
        OpenFolder folder = this.open.get(folderId);
        if (folder != null) {
            folder.sync().addErrback(failure -> {
                log.warn("Mail store: could not read folder {} again after a change: {}", folderId,
                        failure.getErrorMessage());
                return null;
            });
        }
    }

    void releasePop3(Pop3Lock lock) {
        if (lock.released) {
            return;
        }
        lock.released = true;
        // At once: a session of this node opening next takes the advisory lock on the same
        // connection, after this unlock, since statements on one connection run in order.
        this.pop3Locks.remove(lock.mailbox, lock);
        if (lock.held) {
            lock.held = false;
            this.control.unlock(lock.mailboxId, lock.generation).addErrback(failure -> {
                log.warn("Mail store: could not release the POP3 lock of {}: {}", lock.mailbox,
                        failure.getErrorMessage());
                return null;
            });
        }
    }

    /** Runs an operation on a mailbox's stored name, or fails with the name's refusal ({@link IllegalArgumentException}). */
    private static <T> Deferred<T> withMailbox(String mailbox, Function<String, Deferred<T>> operation) {
        String name;
        try {
            name = Names.requireMailbox(mailbox);
        }
        catch (IllegalArgumentException ex) {
            return Deferred.fail(ex);
        }
        return operation.apply(name);
    }

    static long number(Row row, String column) {
        Number value = (Number) row.get(column);
        return Objects.requireNonNull(value, column).longValue();
    }

    static String[] sorted(Set<String> flags) {
        return new TreeSet<>(flags).toArray(String[]::new);
    }

    /** Runs background work on the reactor thread; none once the reactor has stopped. */
    private void onReactor(Runnable work) {
        if (this.closed || !this.reactor.isRunning()) {
            return;
        }
        try {
            this.reactor.callFromThread(work);
        }
        catch (RuntimeException ex) {
            log.debug("Mail store: background work refused by the reactor: {}", ex.toString());
        }
    }

    private void count() {
        this.pool.runQuery("SELECT mb.name, count(m.uid) AS messages FROM " + this.tables.mailboxes + " mb LEFT JOIN "
                + this.tables.folders + " f ON f.mailbox_id = mb.id LEFT JOIN " + this.tables.messages
                + " m ON m.folder_id = f.id GROUP BY mb.name ORDER BY mb.name LIMIT 1000").addCallbacks(rows -> {
                    Map<String, Long> byMailbox = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byMailbox.put(String.valueOf(row.get("name")), number(row, "messages"));
                    }
                    Map<String, Object> next = new LinkedHashMap<>();
                    next.put("mailboxes", byMailbox.size());
                    next.put("messages", byMailbox.values().stream().mapToLong(Long::longValue).sum());
                    next.put("messagesByMailbox", byMailbox);
                    this.counts = next;
                    return null;
                }, failure -> {
                    this.counts = Map.of("error", failure.getErrorMessage());
                    return null;
                });
    }

    private void reloadMailboxes() {
        this.pool.runQuery("SELECT name FROM " + this.tables.mailboxes).addCallbacks(rows -> {
            for (Row row : rows) {
                this.known.add(String.valueOf(row.get(0)));
            }
            return null;
        }, failure -> {
            log.warn("Mail store: could not read the mailbox names: {}", failure.getErrorMessage());
            return null;
        });
    }

    /** What the listening connection tells. */
    private final class ControlEvents implements ControlConnection.Events {

        @Override
        public void connected() {
            reloadMailboxes();
            for (Pop3Lock lock : List.copyOf(PostgresMailStore.this.pop3Locks.values())) {
                if (lock.mailboxId > 0 && !lock.released && !lock.held && lock.lost) {
                    retake(lock);
                }
            }
            for (Long folder : List.copyOf(PostgresMailStore.this.open.keySet())) {
                changed(folder);
            }
        }

        @Override
        public void lost() {
            for (Pop3Lock lock : PostgresMailStore.this.pop3Locks.values()) {
                if (lock.held) {
                    lock.held = false;
                    lock.lost = true;
                }
            }
        }

        @Override
        public void notified(String payload) {
            if (payload.startsWith("f:")) {
                try {
                    changed(Long.parseLong(payload.substring(2)));
                }
                catch (NumberFormatException ex) {
                    log.warn("Mail store: ignored a malformed notification ({} characters)", payload.length());
                }
            }
            else if (payload.startsWith("m:")) {
                String mailbox = Names.mailbox(payload.substring(2));
                if (mailbox != null) {
                    PostgresMailStore.this.known.add(mailbox);
                }
            }
            else {
                log.warn("Mail store: ignored a notification of an unknown kind ({} characters)", payload.length());
            }
        }

        private void retake(Pop3Lock lock) {
            PostgresMailStore.this.control.tryLock(lock.mailboxId).addCallbacks(locked -> {
                if (locked && !lock.released) {
                    lock.held = true;
                    lock.lost = false;
                    lock.generation = PostgresMailStore.this.control.generation();
                }
                else if (!locked) {
                    log.warn("Mail store: the POP3 lock of {} was taken by another session while the connection "
                            + "was down; that session's deletions will not be applied", lock.mailbox);
                }
                return null;
            }, failure -> null);
        }
    }

    /**
     * The store's settings.
     *
     * @param schema the schema holding the tables, or {@code null} for the connection's search path
     * @param maxMessageSize the largest message kept, in bytes: a delivery or append past it fails
     *        (make it no smaller than SMTP's and IMAP's own limits)
     */
    public record Options(@Nullable String schema, long maxMessageSize) {

        /** The default size limit: 50 MiB. */
        public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L * 1024 * 1024;

        /**
         * Checks the values.
         *
         * @param schema the schema, or {@code null}
         * @param maxMessageSize the size limit, at least 1
         */
        public Options {
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("maxMessageSize (" + maxMessageSize + ") must be at least 1");
            }
            if (schema != null && schema.isBlank()) {
                schema = null;
            }
        }

        /**
         * The search path's schema and a 50 MiB limit.
         *
         * @return the defaults
         */
        public static Options defaults() {
            return new Options(null, DEFAULT_MAX_MESSAGE_SIZE);
        }
    }

    /** A mailbox's row and its INBOX's. */
    record Ids(String mailbox, int mailboxId, long inboxId) {
    }

    /** What {@link #allocate} took. */
    record Allocation(long uidValidity, long firstUid, long modseq) {
    }

    /** One POP3 session's hold on a mailbox. Reactor thread, except the map it sits in. */
    static final class Pop3Lock {

        final String mailbox;

        int mailboxId;

        int generation;

        boolean held;

        boolean lost;

        boolean released;

        Pop3Lock(String mailbox) {
            this.mailbox = mailbox;
        }
    }
}
