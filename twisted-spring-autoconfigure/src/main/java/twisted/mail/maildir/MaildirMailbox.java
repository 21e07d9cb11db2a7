package twisted.mail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

import twisted.defer.Deferred;
import twisted.mail.Mailbox;
import twisted.mail.maildir.Maildir.MaildirEntry;

/**
 * A maildir as one POP3 session sees it: the messages listed when it was opened, deletions marked
 * in memory and applied by {@link #sync()}. Used on the reactor thread; the files are touched only
 * by {@link #getMessage} (the caller reads the stream off the reactor thread) and {@link #sync()}
 * (off it). Twisted: {@code maildir.MaildirMailbox}, which deletes at once; this one does not.
 */
final class MaildirMailbox implements Mailbox {

    private final Maildir maildir;

    private final List<MaildirEntry> entries;

    private final List<Long> sizes;

    private final BitSet deleted = new BitSet();

    private final Blocking blocking;

    private final Runnable release;

    private final Runnable afterDeletions;

    private boolean synced;

    MaildirMailbox(Maildir maildir, List<MaildirEntry> entries, Blocking blocking, Runnable release) {
        this(maildir, entries, blocking, release, () -> { });
    }

    /**
     * @param afterDeletions run on the reactor thread after {@link #sync()} deleted files: tells the
     *        store's IMAP sessions of the mailbox
     */
    MaildirMailbox(Maildir maildir, List<MaildirEntry> entries, Blocking blocking, Runnable release,
            Runnable afterDeletions) {
        this.maildir = maildir;
        this.entries = List.copyOf(entries);
        this.sizes = this.entries.stream().map(MaildirEntry::size).toList();
        this.blocking = blocking;
        this.release = release;
        this.afterDeletions = afterDeletions;
    }

    @Override
    public List<Long> listMessages() {
        return this.sizes;
    }

    @Override
    public String getUidl(int index) {
        return entry(index).uidl();
    }

    /**
     * Opens the message's file, where it was listed or where another reader moved it in
     * {@code cur}. Opening is a file system call: a POP3 server calls this off the reactor thread.
     */
    @Override
    public InputStream getMessage(int index) throws IOException {
        return Files.newInputStream(this.maildir.locate(entry(index)));
    }

    @Override
    public void deleteMessage(int index) {
        entry(index);
        this.deleted.set(index);
    }

    @Override
    public boolean isDeleted(int index) {
        entry(index);
        return this.deleted.get(index);
    }

    @Override
    public void undeleteMessages() {
        this.deleted.clear();
    }

    /**
     * Deletes the marked messages' files off the reactor thread, then releases the mailbox's lock
     * (also when a deletion failed: the Deferred then fails with its error, and the messages not
     * deleted reappear in the next session). A message another reader already removed counts as
     * deleted. Calling it again does nothing.
     */
    @Override
    public Deferred<Void> sync() {
        if (this.synced) {
            return Deferred.succeed(null);
        }
        this.synced = true;
        List<MaildirEntry> doomed = new ArrayList<>();
        this.deleted.stream().forEach(i -> doomed.add(this.entries.get(i)));
        Deferred<Void> done = this.blocking.run(() -> {
            for (MaildirEntry entry : doomed) {
                try {
                    Files.deleteIfExists(this.maildir.locate(entry));
                }
                catch (NoSuchFileException ex) {
                    // already gone
                }
            }
            return null;
        });
        return done.thenApply(ignored -> {
            this.release.run();
            if (!doomed.isEmpty()) {
                this.afterDeletions.run();
            }
            return (Void) null;
        }).recoverWith(failure -> {
            this.release.run();
            if (!doomed.isEmpty()) {
                this.afterDeletions.run();
            }
            return Deferred.fail(failure);
        });
    }

    private MaildirEntry entry(int index) {
        Objects.checkIndex(index, this.entries.size());
        return this.entries.get(index);
    }
}
