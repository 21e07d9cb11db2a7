package twisted.mail.postgres;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import twisted.defer.Deferred;
import twisted.mail.CopyResult;
import twisted.mail.FolderException;
import twisted.mail.MessageAppender;

/**
 * One {@code APPEND}: the chunks kept in memory up to the store's size limit, inserted with the
 * next UID in one transaction by {@link #finish()}, whose Deferred fires after the commit (and
 * after the folder's sessions on this node heard of it). Reactor thread only.
 */
final class PostgresAppender implements MessageAppender {

    private final PostgresMailStore store;

    private final long folderId;

    private final String name;

    private final Set<String> flags;

    private final Instant internalDate;

    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private long size;

    private boolean done;

    PostgresAppender(PostgresMailStore store, long folderId, String name, Set<String> flags, Instant internalDate) {
        this.store = store;
        this.folderId = folderId;
        this.name = name;
        this.flags = Set.copyOf(flags);
        this.internalDate = internalDate;
    }

    @Override
    public void write(byte[] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        requireOpen("write");
        this.size += chunk.length;
        if (this.size > this.store.maxMessageSize()) {
            this.buffer = new ByteArrayOutputStream(0);
            return;
        }
        this.buffer.writeBytes(chunk);
    }

    @Override
    public Deferred<CopyResult> finish() {
        requireOpen("finish");
        this.done = true;
        byte[] content = this.buffer.toByteArray();
        this.buffer = new ByteArrayOutputStream(0);
        if (this.size > this.store.maxMessageSize()) {
            return Deferred.fail(new FolderException(FolderException.Reason.LIMIT, "message size (" + this.size
                    + " bytes) exceeds the store's maximum (" + this.store.maxMessageSize() + ")"));
        }
        return this.store.pool().runInteraction(txn -> this.store.insert(txn, this.folderId, this.name, content,
                this.flags, this.internalDate))
                .thenCompose(at -> this.store.syncIfOpen(this.folderId).thenApply(ignored -> new CopyResult(
                        at.uidValidity(), List.of(), List.of(at.firstUid()))));
    }

    @Override
    public void abort() {
        this.done = true;
        this.buffer = new ByteArrayOutputStream(0);
    }

    private void requireOpen(String call) {
        if (this.done) {
            throw new IllegalStateException(call + " after the append was finished or aborted");
        }
    }
}
