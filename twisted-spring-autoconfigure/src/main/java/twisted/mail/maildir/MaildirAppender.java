package twisted.mail.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.mail.CopyResult;
import twisted.mail.MessageAppender;

/**
 * One {@code APPEND} into a folder: chunks written in order, off the reactor thread, to the
 * folder's {@code tmp}; {@link #finish()} forces the file and hands it to the folder, which moves
 * it into {@code cur} with its flags and date and gives it the next UID. Used on the reactor thread.
 */
final class MaildirAppender implements MessageAppender {

    private static final Logger log = LoggerFactory.getLogger(MaildirAppender.class);

    private final MaildirFolder folder;

    private final Path file;

    private final Set<String> flags;

    private final Instant internalDate;

    private final Blocking blocking;

    private Deferred<?> pending = Deferred.succeed(null);

    private boolean done;

    /** Used only by the blocking tasks, one after another. */
    private volatile @Nullable FileChannel channel;

    MaildirAppender(MaildirFolder folder, Path file, Set<String> flags, Instant internalDate, Blocking blocking) {
        this.folder = folder;
        this.file = file;
        this.flags = Set.copyOf(flags);
        this.internalDate = internalDate;
        this.blocking = blocking;
    }

    @Override
    public void write(byte[] chunk) {
        Objects.requireNonNull(chunk, "chunk");
        requireOpen("write");
        this.pending = this.pending.thenCompose(ignored -> this.blocking.run(() -> {
            FileChannel out = this.channel;
            if (out == null) {
                out = FileChannel.open(this.file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                this.channel = out;
            }
            ByteBuffer data = ByteBuffer.wrap(chunk);
            while (data.hasRemaining()) {
                out.write(data);
            }
            return null;
        }));
    }

    @Override
    public Deferred<CopyResult> finish() {
        requireOpen("finish");
        this.done = true;
        Deferred<CopyResult> stored = this.pending.thenCompose(ignored -> this.blocking.run(() -> {
            FileChannel out = this.channel;
            if (out == null) {
                Files.createFile(this.file); // an empty message
            }
            else {
                out.force(true);
                out.close();
                this.channel = null;
            }
            return null;
        })).thenCompose(ignored -> this.folder.add(List.of(new MaildirFolder.Incoming(0, () -> this.file,
                this.flags, this.internalDate)), false));
        return stored.recoverWith(failure -> discard().thenCompose(ignored -> Deferred.<CopyResult>fail(failure)))
                .thenApply(result -> {
                    this.folder.release();
                    return result;
                });
    }

    @Override
    public void abort() {
        if (this.done) {
            return;
        }
        this.done = true;
        this.pending = this.pending.recover(failure -> null).thenCompose(ignored -> discard());
    }

    /** Closes and deletes the tmp file off the reactor thread, then lets the folder go. */
    private Deferred<Object> discard() {
        return this.blocking.run(() -> {
            FileChannel out = this.channel;
            this.channel = null;
            try {
                if (out != null) {
                    out.close();
                }
                Files.deleteIfExists(this.file);
            }
            catch (IOException ex) {
                log.warn("Could not remove the unfinished append {}: {}", this.file, ex.toString());
            }
            return (Object) "";
        }).thenApply(ignored -> {
            this.folder.release();
            return ignored;
        });
    }

    private void requireOpen(String call) {
        if (this.done) {
            throw new IllegalStateException(call + " after the append was finished or aborted");
        }
    }
}
