package twisted.mail.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.mail.CopyResult;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.FolderListener;
import twisted.mail.FolderSession;
import twisted.mail.MessageContent;
import twisted.mail.MessageInfo;

/**
 * One session's view of an {@link OpenFolder}: the messages at selection, the {@code \Recent}
 * flags it holds, its listener. Flag stores and expunges go through the folder's queue; copies
 * and moves are one transaction each. Reactor thread only.
 */
final class PostgresFolderSession implements FolderSession {

    private static final Logger log = LoggerFactory.getLogger(PostgresFolderSession.class);

    private final OpenFolder folder;

    private final PostgresAccount account;

    private final String name;

    private final boolean readOnly;

    private final FolderListener listener;

    private final Set<Long> recent = new TreeSet<>();

    private long uidValidity;

    private long uidNext;

    private List<MessageInfo> messages = List.of();

    private boolean closed;

    PostgresFolderSession(OpenFolder folder, PostgresAccount account, String name, boolean readOnly,
            FolderListener listener) {
        this.folder = folder;
        this.account = account;
        this.name = name;
        this.readOnly = readOnly;
        this.listener = listener;
    }

    void opened(long validity, long next, List<MessageInfo> infos) {
        this.uidValidity = validity;
        this.uidNext = next;
        this.messages = List.copyOf(infos);
    }

    @Override
    public String name() {
        return this.name;
    }

    @Override
    public boolean isReadOnly() {
        return this.readOnly;
    }

    @Override
    public long uidValidity() {
        return this.uidValidity;
    }

    @Override
    public long uidNext() {
        return this.uidNext;
    }

    @Override
    public List<MessageInfo> messages() {
        return this.messages;
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

    @Override
    public Deferred<List<MessageInfo>> store(Collection<Long> uids, FlagChange change) {
        if (this.readOnly) {
            return Deferred.fail(readOnlyRefusal());
        }
        return this.folder.store(this, uids, change);
    }

    @Override
    public Deferred<List<Long>> expunge(@Nullable Collection<Long> uids) {
        if (this.readOnly) {
            return Deferred.fail(readOnlyRefusal());
        }
        return this.folder.expunge(this, uids, false);
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
    public Deferred<CopyResult> move(Collection<Long> uids, String target) {
        if (this.readOnly) {
            return Deferred.fail(readOnlyRefusal());
        }
        return copy(uids, target).thenCompose(copied -> this.folder.expunge(this, copied.sourceUids(), true)
                .thenApply(removed -> copied));
    }

    @Override
    public void close() {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.folder.closed(this);
    }

    boolean isClosed() {
        return this.closed;
    }

    MessageInfo info(OpenFolder.Stored message) {
        return message.info(this.recent.contains(message.uid()));
    }

    void takeRecent(Collection<Long> uids) {
        this.recent.addAll(uids);
    }

    void forget(Collection<Long> uids) {
        this.recent.removeAll(uids);
    }

    /** Tells the listener of changes made elsewhere; a listener that throws is logged and the others still hear. */
    void notify(List<Long> expunged, List<OpenFolder.Stored> changed, List<OpenFolder.Stored> added) {
        try {
            if (!expunged.isEmpty()) {
                this.listener.expunged(expunged);
            }
            if (!changed.isEmpty()) {
                this.listener.flagsChanged(changed.stream().map(this::info).toList());
            }
            if (!added.isEmpty()) {
                this.listener.newMessages(added.stream().map(this::info).toList());
            }
        }
        catch (RuntimeException ex) {
            log.error("Folder listener of {} failed", this.name, ex);
        }
    }

    private FolderException readOnlyRefusal() {
        return new FolderException(FolderException.Reason.CANNOT, this.name + " is selected read-only");
    }
}
