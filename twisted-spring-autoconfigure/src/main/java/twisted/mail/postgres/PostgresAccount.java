package twisted.mail.postgres;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import twisted.defer.Deferred;
import twisted.enterprise.Row;
import twisted.mail.FolderException;
import twisted.mail.FolderException.Reason;
import twisted.mail.FolderInfo;
import twisted.mail.FolderListener;
import twisted.mail.FolderSession;
import twisted.mail.FolderStatus;
import twisted.mail.MailAccount;
import twisted.mail.MessageAppender;

/**
 * One user's folders in the database, for one IMAP session. As in the Maildir store, a level that
 * holds no folder of its own (the {@code a} of {@code a.b}) is listed {@code \Noselect}, and a
 * folder selected by a session of this node cannot be deleted or renamed. Reactor thread only.
 */
final class PostgresAccount implements MailAccount {

    private final PostgresMailStore store;

    private final PostgresMailStore.Ids ids;

    private final Tables tables;

    private final List<PostgresFolderSession> sessions = new ArrayList<>();

    private boolean closed;

    PostgresAccount(PostgresMailStore store, PostgresMailStore.Ids ids) {
        this.store = store;
        this.ids = ids;
        this.tables = store.tables();
    }

    @Override
    public char delimiter() {
        return Names.DELIMITER;
    }

    @Override
    public Deferred<List<FolderInfo>> listFolders() {
        return folderNames().thenApply(existing -> {
            Set<String> all = new TreeSet<>(existing);
            for (String name : existing) {
                for (String parent = Names.parentOf(name); parent != null; parent = Names.parentOf(parent)) {
                    all.add(parent);
                }
            }
            List<FolderInfo> folders = new ArrayList<>();
            for (String name : all) {
                Set<String> attributes = new HashSet<>();
                boolean children = all.stream().anyMatch(other -> other.startsWith(name + Names.DELIMITER));
                attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
                if (!existing.contains(name)) {
                    attributes.add("\\Noselect");
                }
                String special = Names.specialUse(name);
                if (special != null && existing.contains(name)) {
                    attributes.add(special);
                }
                folders.add(new FolderInfo(name, attributes));
            }
            return folders;
        });
    }

    @Override
    public Deferred<Void> create(String name) {
        return withName(name, canonical -> {
            if (Names.isInbox(canonical)) {
                return Deferred.fail(new FolderException(Reason.ALREADY_EXISTS, "INBOX exists"));
            }
            return this.store.pool().runOperation("INSERT INTO " + this.tables.folders + " (mailbox_id, name, uidvalidity)"
                    + " VALUES (?, ?, nextval(" + this.tables.uidValiditySequence + "))"
                    + " ON CONFLICT (mailbox_id, name) DO NOTHING", this.ids.mailboxId(), canonical)
                    .thenApply(inserted -> {
                        if (inserted == 0) {
                            throw new FolderException(Reason.ALREADY_EXISTS, "folder " + Names.printable(canonical)
                                    + " exists");
                        }
                        return null;
                    });
        });
    }

    @Override
    public Deferred<Void> delete(String name) {
        return withName(name, canonical -> {
            if (Names.isInbox(canonical)) {
                return Deferred.fail(new FolderException(Reason.CANNOT, "INBOX cannot be deleted"));
            }
            return folderId(canonical).thenCompose(id -> {
                if (this.store.isOpen(id)) {
                    return Deferred.fail(inUse(canonical));
                }
                return this.store.pool().runInteraction(txn -> txn.runOperation("DELETE FROM " + this.tables.folders
                        + " WHERE id = ?", id).thenCompose(n -> this.store.notifyFolder(txn, id)));
            });
        });
    }

    @Override
    public Deferred<Void> rename(String from, String to) {
        return withName(from, source -> withName(to, target -> {
            if (Names.isInbox(target) || Names.isAtOrBelow(target, source)) {
                return Deferred.fail(new FolderException(Names.isInbox(target) ? Reason.ALREADY_EXISTS
                        : Reason.CANNOT, "cannot rename " + Names.printable(source) + " to " + Names.printable(target)));
            }
            if (Names.isInbox(source)) {
                return renameInbox(target);
            }
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
                                    + Names.printable(target) + " exists"));
                        }
                        return Deferred.fail(failure);
                    }).thenApply(n -> null);
        }));
    }

    /** RFC 3501 6.3.5: INBOX's messages go to a new folder; INBOX stays, empty, its UIDs going on. */
    private Deferred<Void> renameInbox(String target) {
        long inbox = this.ids.inboxId();
        Deferred<Void> moved = this.store.pool().runInteraction(txn -> txn.runQuery("INSERT INTO " + this.tables.folders
                + " (mailbox_id, name, uidvalidity, uidnext, highestmodseq) SELECT mailbox_id, ?, nextval("
                + this.tables.uidValiditySequence + "), uidnext, highestmodseq FROM " + this.tables.folders
                + " WHERE id = ? ON CONFLICT (mailbox_id, name) DO NOTHING RETURNING id", target, inbox)
                .thenCompose(rows -> {
                    if (rows.isEmpty()) {
                        throw new FolderException(Reason.ALREADY_EXISTS, "folder " + Names.printable(target) + " exists");
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
        return this.store.pool().runQuery("SELECT name FROM " + this.tables.subscriptions + " WHERE mailbox_id = ?",
                this.ids.mailboxId()).thenApply(rows -> {
                    Set<String> names = new LinkedHashSet<>();
                    rows.forEach(row -> names.add(String.valueOf(row.get(0))));
                    return names;
                });
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
    public Deferred<FolderSession> select(String name, boolean readOnly, FolderListener listener) {
        if (this.closed) {
            return Deferred.fail(new IllegalStateException("account closed"));
        }
        return withName(name, canonical -> folderId(canonical).thenCompose(id -> {
            OpenFolder folder = this.store.openFolder(id, canonical);
            return folder.select(this, readOnly, listener).recoverWith(failure -> {
                folder.release();
                return Deferred.fail(failure);
            }).thenApply(session -> {
                if (this.closed) {
                    session.close();
                }
                else {
                    this.sessions.removeIf(PostgresFolderSession::isClosed);
                    this.sessions.add(session);
                }
                return (FolderSession) session;
            });
        }));
    }

    @Override
    public Deferred<MessageAppender> append(String name, Set<String> flags, @Nullable Instant internalDate) {
        Instant date = internalDate != null ? internalDate : this.store.now();
        return withName(name, canonical -> folderId(canonical).thenApply(id -> new PostgresAppender(this.store, id,
                canonical, flags, date)));
    }

    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        List.copyOf(this.sessions).forEach(PostgresFolderSession::close);
        this.sessions.clear();
    }

    /** A folder's id by canonical name; fails with {@code NONEXISTENT}. */
    Deferred<Long> folderId(String canonical) {
        if (Names.isInbox(canonical)) {
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

    private Deferred<Set<String>> folderNames() {
        return this.store.pool().runQuery("SELECT name FROM " + this.tables.folders + " WHERE mailbox_id = ?",
                this.ids.mailboxId()).thenApply(rows -> {
                    Set<String> names = new TreeSet<>();
                    rows.forEach(row -> names.add(String.valueOf(row.get(0))));
                    names.add(Names.INBOX);
                    return names;
                });
    }

    private static FolderException inUse(String canonical) {
        return new FolderException(Reason.IN_USE, "folder " + Names.printable(canonical) + " is in use");
    }

    private static <T> Deferred<T> withName(String name, NameOperation<T> operation) {
        String canonical;
        try {
            canonical = Names.folder(name);
        }
        catch (FolderException ex) {
            return Deferred.fail(ex);
        }
        return operation.apply(canonical);
    }

    @FunctionalInterface
    private interface NameOperation<T> {
        Deferred<T> apply(String canonical);
    }
}
