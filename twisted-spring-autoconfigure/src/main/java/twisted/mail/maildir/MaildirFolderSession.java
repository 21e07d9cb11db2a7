package twisted.mail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

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
import twisted.mail.maildir.FolderFiles.Stored;

/**
 * One session's view of a {@link MaildirFolder}: the messages at selection, the {@code \Recent}
 * flags this session holds, and its listener. Its operations go through the folder's queue; the
 * folder tells the other sessions. Used on the reactor thread only.
 */
final class MaildirFolderSession implements FolderSession {

    private static final Logger log = LoggerFactory.getLogger(MaildirFolderSession.class);

    private final MaildirFolder folder;

    private final String name;

    private final boolean readOnly;

    private final FolderListener listener;

    private final Set<Long> recent = new TreeSet<>();

    /** Finds another folder of the same account by name, for copies and moves. */
    private @Nullable Function<String, Deferred<MaildirFolder>> targets;

    private long uidValidity;

    private long uidNext;

    private List<MessageInfo> messages = List.of();

    private boolean closed;

    MaildirFolderSession(MaildirFolder folder, String name, boolean readOnly, FolderListener listener) {
        this.folder = folder;
        this.name = name;
        this.readOnly = readOnly;
        this.listener = listener;
    }

    void opened(long validity, long next, List<MessageInfo> infos) {
        this.uidValidity = validity;
        this.uidNext = next;
        this.messages = List.copyOf(infos);
    }

    void targets(Function<String, Deferred<MaildirFolder>> lookup) {
        this.targets = lookup;
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
        return new LinkedHashSet<>(this.folder.keywords());
    }

    @Override
    public Deferred<MessageContent> content(long uid) {
        Stored message = this.folder.message(uid);
        if (message == null) {
            return Deferred.fail(new FolderException(FolderException.Reason.NONEXISTENT, "message " + uid
                    + " was expunged"));
        }
        FolderFiles files = this.folder.files();
        return Deferred.succeed(new MessageContent() {
            @Override
            public long size() {
                return message.size();
            }

            @Override
            public InputStream open() throws IOException {
                Path file = files.locate(message.file(), message.unique());
                return Files.newInputStream(file);
            }
        });
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

    @Override
    public Deferred<CopyResult> copy(Collection<Long> uids, String target) {
        List<MaildirFolder.Incoming> incoming = new ArrayList<>();
        FolderFiles files = this.folder.files();
        for (Stored message : this.folder.messages(uids)) {
            incoming.add(new MaildirFolder.Incoming(message.uid(), () -> files.locate(message.file(),
                    message.unique()), message.flags(), null));
        }
        Function<String, Deferred<MaildirFolder>> lookup = this.targets;
        if (lookup == null) {
            return Deferred.fail(new IllegalStateException("session has no account"));
        }
        return lookup.apply(target).thenCompose(folder -> {
            return folder.add(incoming, true).recoverWith(failure -> {
                folder.release();
                return Deferred.fail(failure);
            }).thenApply(result -> {
                folder.release();
                return result;
            });
        });
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

    MessageInfo info(Stored message) {
        return message.info(this.recent.contains(message.uid()));
    }

    void takeRecent(Collection<Long> uids) {
        this.recent.addAll(uids);
    }

    void forget(Collection<Long> uids) {
        this.recent.removeAll(uids);
    }

    /** Tells the listener of changes made elsewhere; a listener that throws is logged and the others still hear. */
    void notify(List<Long> expunged, List<Stored> changed, List<Stored> added) {
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
