package twisted.mail.postgres;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import twisted.defer.Deferred;
import twisted.enterprise.Row;
import twisted.mail.AbstractMailAccount;
import twisted.mail.FolderException;
import twisted.mail.FolderException.Reason;
import twisted.mail.FolderHierarchy;
import twisted.mail.FolderListener;
import twisted.mail.FolderStatus;
import twisted.mail.MessageAppender;

/**
 * One user's folders in the database, for one IMAP session. As in the Maildir store, a level that
 * holds no folder of its own (the {@code a} of {@code a.b}) is listed {@code \Noselect}, and a
 * folder selected by a session of this node cannot be deleted or renamed. Reactor thread only.
 */
final class PostgresAccount extends AbstractMailAccount {

    private final PostgresMailStore store;

    private final PostgresMailStore.Ids ids;

    private final Tables tables;

    PostgresAccount(PostgresMailStore store, PostgresMailStore.Ids ids) {
        this.store = store;
        this.ids = ids;
        this.tables = store.tables();
    }

    @Override
    protected String canonical(String name) throws FolderException {
        return Names.folder(name);
    }

    @Override
    protected Deferred<Set<String>> folderNames() {
        return namesIn(this.tables.folders).thenApply(names -> {
            Set<String> existing = new TreeSet<>(names);
            existing.add(FolderHierarchy.INBOX);
            return existing;
        });
    }

    @Override
    protected Deferred<Void> createFolder(String canonical) {
        return this.store.pool().runOperation("INSERT INTO " + this.tables.folders + " (mailbox_id, name, uidvalidity)"
                + " VALUES (?, ?, nextval(" + this.tables.uidValiditySequence + "))"
                + " ON CONFLICT (mailbox_id, name) DO NOTHING", this.ids.mailboxId(), canonical)
                .thenApply(inserted -> {
                    if (inserted == 0) {
                        throw new FolderException(Reason.ALREADY_EXISTS, "folder "
                                + FolderHierarchy.printable(canonical) + " exists");
                    }
                    return null;
                });
    }

    @Override
    protected Deferred<Void> deleteFolder(String canonical) {
        return folderId(canonical).thenCompose(id -> {
            if (this.store.isOpen(id)) {
                return Deferred.fail(inUse(canonical));
            }
            return this.store.pool().runInteraction(txn -> txn.runOperation("DELETE FROM " + this.tables.folders
                    + " WHERE id = ?", id).thenCompose(n -> this.store.notifyFolder(txn, id)));
        });
    }

    @Override
    protected Deferred<Void> renameFolder(String source, String target) {
        return this.store.pool().runQuery("SELECT id FROM " + this.tables.folders
                + " WHERE mailbox_id = ? AND (name = ? OR name LIKE ? ESCAPE '\\')", this.ids.mailboxId(), source,
                Names.childrenPattern(source)).thenCompose(rows -> {
                    if (rows.isEmpty()) {
                        return Deferred.fail(Names.nonexistent(source));
                    }
                    for (Row row : rows) {
                        if (this.store.isOpen(PostgresMailStore.number(row, "id"))) {
                            return Deferred.fail(inUse(source));
                        }
                    }
                    return this.store.pool().runOperation("UPDATE " + this.tables.folders
                            + " SET name = ? || substr(name, ?) WHERE mailbox_id = ? AND (name = ? OR name LIKE ?"
                            + " ESCAPE '\\')", target, source.length() + 1, this.ids.mailboxId(), source,
                            Names.childrenPattern(source));
                }).recoverWith(failure -> {
                    if (failure.check(DataIntegrityViolationException.class) != null) {
                        return Deferred.fail(new FolderException(Reason.ALREADY_EXISTS, "folder "
                                + FolderHierarchy.printable(target) + " exists"));
                    }
                    return Deferred.fail(failure);
                }).thenApply(n -> null);
    }

    /** In one transaction: a new folder takes INBOX's UID counters, then INBOX's messages. */
    @Override
    protected Deferred<Void> renameInbox(String target) {
        long inbox = this.ids.inboxId();
        Deferred<Void> moved = this.store.pool().runInteraction(txn -> txn.runQuery("INSERT INTO " + this.tables.folders
                + " (mailbox_id, name, uidvalidity, uidnext, highestmodseq) SELECT mailbox_id, ?, nextval("
                + this.tables.uidValiditySequence + "), uidnext, highestmodseq FROM " + this.tables.folders
                + " WHERE id = ? ON CONFLICT (mailbox_id, name) DO NOTHING RETURNING id", target, inbox)
                .thenCompose(rows -> {
                    if (rows.isEmpty()) {
                        throw new FolderException(Reason.ALREADY_EXISTS, "folder " + FolderHierarchy.printable(target)
                                + " exists");
                    }
                    long created = PostgresMailStore.number(rows.get(0), "id");
                    return txn.runOperation("UPDATE " + this.tables.folders + " SET highestmodseq = highestmodseq + 1"
                            + " WHERE id = ?", inbox)
                            .thenCompose(n -> txn.runOperation("UPDATE " + this.tables.messages
                                    + " SET folder_id = ? WHERE folder_id = ?", created, inbox))
                            .thenCompose(n -> this.store.notifyFolder(txn, inbox));
                }));
        return moved.thenApply(ignored -> {
            this.store.changed(inbox);
            return null;
        });
    }

    @Override
    public Deferred<Set<String>> subscriptions() {
        return namesIn(this.tables.subscriptions).thenApply(LinkedHashSet::new);
    }

    @Override
    public Deferred<Void> subscribe(String name) {
        return withName(name, canonical -> this.store.pool().runOperation("INSERT INTO " + this.tables.subscriptions
                + " (mailbox_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING", this.ids.mailboxId(), canonical)
                .thenApply(n -> null));
    }

    @Override
    public Deferred<Void> unsubscribe(String name) {
        return withName(name, canonical -> this.store.pool().runOperation("DELETE FROM " + this.tables.subscriptions
                + " WHERE mailbox_id = ? AND name = ?", this.ids.mailboxId(), canonical).thenApply(n -> null));
    }

    @Override
    public Deferred<FolderStatus> status(String name) {
        return withName(name, canonical -> this.store.pool().runQuery("SELECT f.uidvalidity, f.uidnext,"
                + " count(m.uid) AS messages, count(m.uid) FILTER (WHERE m.recent) AS recent,"
                + " count(m.uid) FILTER (WHERE NOT (m.flags @> ARRAY['\\Seen'])) AS unseen FROM " + this.tables.folders
                + " f LEFT JOIN " + this.tables.messages + " m ON m.folder_id = f.id WHERE f.mailbox_id = ? AND f.name = ?"
                + " GROUP BY f.id", this.ids.mailboxId(), canonical).thenApply(rows -> {
                    if (rows.isEmpty()) {
                        throw Names.nonexistent(canonical);
                    }
                    Row row = rows.get(0);
                    return new FolderStatus(PostgresMailStore.number(row, "messages"),
                            PostgresMailStore.number(row, "recent"), PostgresMailStore.number(row, "uidnext"),
                            PostgresMailStore.number(row, "uidvalidity"), PostgresMailStore.number(row, "unseen"));
                }));
    }

    @Override
    protected Deferred<PostgresFolderSession> open(String canonical, boolean readOnly, FolderListener listener) {
        return folderId(canonical).thenCompose(id -> {
            OpenFolder folder = this.store.openFolder(id, canonical);
            return folder.select(this, readOnly, listener).recoverWith(failure -> {
                folder.release();
                return Deferred.fail(failure);
            });
        });
    }

    @Override
    public Deferred<MessageAppender> append(String name, Set<String> flags, @Nullable Instant internalDate) {
        Instant date = internalDate != null ? internalDate : this.store.now();
        return withName(name, canonical -> folderId(canonical).thenApply(id -> new PostgresAppender(this.store, id,
                canonical, flags, date)));
    }

    /** A folder's id by canonical name; fails with {@code NONEXISTENT}. */
    Deferred<Long> folderId(String canonical) {
        if (FolderHierarchy.isInbox(canonical)) {
            return Deferred.succeed(this.ids.inboxId());
        }
        return this.store.pool().runQuery("SELECT id FROM " + this.tables.folders + " WHERE mailbox_id = ? AND name = ?",
                this.ids.mailboxId(), canonical).thenApply(rows -> {
                    if (rows.isEmpty()) {
                        throw Names.nonexistent(canonical);
                    }
                    return PostgresMailStore.number(rows.get(0), "id");
                });
    }

    /** A folder's id by any spelling of its name, for copies and moves. */
    Deferred<Long> targetId(String name) {
        return withName(name, this::folderId);
    }

    /** The names in one of the mailbox's tables (its folders, its subscriptions), in the order read. */
    private Deferred<List<String>> namesIn(String table) {
        return this.store.pool().runQuery("SELECT name FROM " + table + " WHERE mailbox_id = ?", this.ids.mailboxId())
                .thenApply(rows -> rows.stream().map(row -> String.valueOf(row.get(0))).toList());
    }

    private static FolderException inUse(String canonical) {
        return new FolderException(Reason.IN_USE, "folder " + FolderHierarchy.printable(canonical) + " is in use");
    }
}
