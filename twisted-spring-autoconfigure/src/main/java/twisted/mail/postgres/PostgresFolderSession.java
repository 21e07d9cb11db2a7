package twisted.mail.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.mail.AbstractFolderSession;
import twisted.mail.CopyResult;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.FolderListener;
import twisted.mail.MessageContent;
import twisted.mail.MessageInfo;

/**
 * One session's view of an {@link OpenFolder}: the messages at selection, the {@code \Recent}
 * flags it holds, its listener (kept by {@link AbstractFolderSession}). Flag stores and expunges go
 * through the folder's queue; copies and moves are one transaction each. Reactor thread only.
 */
final class PostgresFolderSession extends AbstractFolderSession<OpenFolder.Stored> {

    private final OpenFolder folder;

    private final PostgresAccount account;

    PostgresFolderSession(OpenFolder folder, PostgresAccount account, String name, boolean readOnly,
            FolderListener listener) {
        super(name, readOnly, listener);
        this.folder = folder;
        this.account = account;
    }

    @Override
    public Set<String> keywords() {
        return this.folder.keywords();
    }

    /** Reads the message's bytes now; the content's stream is over them in memory. */
    @Override
    public Deferred<MessageContent> content(long uid) {
        if (this.folder.message(uid) == null) {
            return Deferred.fail(new FolderException(FolderException.Reason.NONEXISTENT, "message " + uid
                    + " was expunged"));
        }
        return this.folder.store().content(this.folder.id(), uid).thenApply(MessageContent::of);
    }

    /**
     * Copies in one transaction: the sources still there are locked ({@code FOR SHARE}), the
     * target's UIDs taken at once, the rows copied in the database. The target's sessions on this
     * node (this one too, for a copy into its own folder) hear of the copies before the Deferred
     * fires; those on other nodes through the notification.
     */
    @Override
    public Deferred<CopyResult> copy(Collection<Long> uids, String target) {
        List<Long> sources = this.folder.known(uids);
        PostgresMailStore store = this.folder.store();
        Tables tables = store.tables();
        long source = this.folder.id();
        return this.account.targetId(target).thenCompose(targetId -> store.pool().runInteraction(txn -> txn.runQuery(
                "SELECT uid FROM " + tables.messages + " WHERE folder_id = ? AND uid = ANY(?) ORDER BY uid FOR SHARE",
                source, sources.toArray(Long[]::new)).thenCompose(rows -> {
                    List<Long> found = new ArrayList<>();
                    rows.forEach(row -> found.add(PostgresMailStore.number(row, "uid")));
                    return store.allocate(txn, targetId, found.size(), target).thenCompose(at -> {
                        List<Long> given = new ArrayList<>();
                        for (int i = 0; i < found.size(); i++) {
                            given.add(at.firstUid() + i);
                        }
                        CopyResult result = new CopyResult(at.uidValidity(), found, given);
                        if (found.isEmpty()) {
                            return Deferred.succeed(result);
                        }
                        return txn.runOperation("INSERT INTO " + tables.messages + " (folder_id, uid, internal_date,"
                                + " size, flags, modseq, content) SELECT ?, ? + row_number() OVER (ORDER BY uid) - 1,"
                                + " internal_date, size, flags, ?, content FROM " + tables.messages
                                + " WHERE folder_id = ? AND uid = ANY(?)", targetId, at.firstUid(), at.modseq(), source,
                                found.toArray(Long[]::new))
                                .thenCompose(n -> store.notifyFolder(txn, targetId))
                                .thenApply(ignored -> result);
                    });
                })).thenCompose(result -> store.syncIfOpen(targetId).thenApply(ignored -> result)));
    }

    @Override
    public MessageInfo info(OpenFolder.Stored message) {
        return message.info(isRecent(message.uid()));
    }

    @Override
    protected Deferred<List<MessageInfo>> storeFlags(Collection<Long> uids, FlagChange change) {
        return this.folder.store(this, uids, change);
    }

    @Override
    protected Deferred<List<Long>> remove(@Nullable Collection<Long> uids, boolean force) {
        return this.folder.expunge(this, uids, force);
    }

    @Override
    protected void detach() {
        this.folder.closed(this);
    }
}
