package twisted.mail.postgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import twisted.defer.Deferred;
import twisted.mail.AbstractMailbox;

/**
 * A mailbox's INBOX as one POP3 session sees it: the messages listed at open time, deletions
 * marked in memory and applied by {@link #sync()} in one transaction, which also tells the IMAP
 * sessions on every node. Contents are read when asked for, through {@link #openMessage}. Reactor
 * thread only, but {@link #getMessage} (which blocks, and refuses the reactor thread).
 */
final class PostgresMailbox extends AbstractMailbox<PostgresMailbox.Entry> {

    /** How long {@link #getMessage} waits for the database. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final PostgresMailStore store;

    private final long folderId;

    private final PostgresMailStore.Pop3Lock lock;

    private final Runnable release;

    PostgresMailbox(PostgresMailStore store, long folderId, List<Entry> entries, PostgresMailStore.Pop3Lock lock,
            Runnable release) {
        super(entries, Entry::size);
        this.store = store;
        this.folderId = folderId;
        this.lock = lock;
        this.release = release;
    }

    /** The folder's UID validity and the message's UID: stable, and never reused. */
    @Override
    public String getUidl(int index) {
        Entry entry = entry(index);
        return entry.uidValidity() + "-" + entry.uid();
    }

    /** Reads the message from the database, waiting for it: never call it on the reactor thread. */
    @Override
    public InputStream getMessage(int index) throws IOException {
        if (this.store.reactor().isReactorThread()) {
            throw new IOException("getMessage blocks: use openMessage on the reactor thread");
        }
        CompletableFuture<InputStream> read = new CompletableFuture<>();
        this.store.reactor().callFromThread(() -> openMessage(index).addCallbacks(read::complete, failure -> {
            read.completeExceptionally(failure.value());
            return null;
        }));
        try {
            return read.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading message " + (index + 1));
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IOException("cannot read message " + (index + 1) + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public Deferred<InputStream> openMessage(int index) {
        Entry entry = entry(index);
        return this.store.content(this.folderId, entry.uid()).thenApply(ByteArrayInputStream::new);
    }

    /**
     * Deletes the marked messages in one transaction, then releases the lock (also on failure,
     * when nothing is deleted). If the lock was lost with the store's connection and taken by
     * another session meanwhile, it deletes nothing and fails.
     */
    @Override
    protected Deferred<Void> deleteMarked(List<Entry> marked) {
        if (!this.lock.held) {
            this.release.run();
            return Deferred.fail(new IOException("the lock of mailbox " + this.lock.mailbox
                    + " was lost with the store's connection: no message deleted"));
        }
        List<Long> doomed = marked.stream().map(Entry::uid).toList();
        if (doomed.isEmpty()) {
            this.release.run();
            return Deferred.succeed(null);
        }
        Tables tables = this.store.tables();
        Deferred<Void> done = this.store.pool().runInteraction(txn -> txn.runOperation("UPDATE " + tables.folders
                + " SET highestmodseq = highestmodseq + 1 WHERE id = ?", this.folderId)
                .thenCompose(n -> txn.runOperation("DELETE FROM " + tables.messages
                        + " WHERE folder_id = ? AND uid = ANY(?)", this.folderId, doomed.toArray(Long[]::new)))
                .thenCompose(n -> this.store.notifyFolder(txn, this.folderId)));
        return done.thenApply(ignored -> {
            this.release.run();
            this.store.changed(this.folderId);
            return (Void) null;
        }).recoverWith(failure -> {
            this.release.run();
            return Deferred.fail(failure);
        });
    }

    /** A message as listed. */
    record Entry(long uidValidity, long uid, long size) {
    }
}
