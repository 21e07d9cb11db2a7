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
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.mail.AbstractFolderSession;
import twisted.mail.CopyResult;
import twisted.mail.FlagChange;
import twisted.mail.FolderException;
import twisted.mail.FolderListener;
import twisted.mail.MessageContent;
import twisted.mail.MessageInfo;
import twisted.mail.maildir.FolderFiles.Stored;

/**
 * One session's view of a {@link MaildirFolder}: the messages at selection, the {@code \Recent}
 * flags this session holds, and its listener (kept by {@link AbstractFolderSession}). Its
 * operations go through the folder's queue; the folder tells the other sessions. Used on the
 * reactor thread only.
 */
final class MaildirFolderSession extends AbstractFolderSession<Stored> {

    private final MaildirFolder folder;

    /** Finds another folder of the same account by name, for copies and moves. */
    private @Nullable Function<String, Deferred<MaildirFolder>> targets;

    MaildirFolderSession(MaildirFolder folder, String name, boolean readOnly, FolderListener listener) {
        super(name, readOnly, listener);
        this.folder = folder;
    }

    void targets(Function<String, Deferred<MaildirFolder>> lookup) {
        this.targets = lookup;
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
    public MessageInfo info(Stored message) {
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
