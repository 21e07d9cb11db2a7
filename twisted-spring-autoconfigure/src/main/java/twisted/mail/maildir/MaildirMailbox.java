package twisted.mail.maildir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

import twisted.defer.Deferred;
import twisted.mail.AbstractMailbox;
import twisted.mail.maildir.Maildir.MaildirEntry;

/**
 * A maildir as one POP3 session sees it: the messages listed when it was opened, deletions marked
 * in memory and applied by {@link #sync()}. Used on the reactor thread; the files are touched only
 * by {@link #getMessage} (the caller reads the stream off the reactor thread) and {@link #sync()}
 * (off it). Twisted: {@code maildir.MaildirMailbox}, which deletes at once; this one does not.
 */
final class MaildirMailbox extends AbstractMailbox<MaildirEntry> {

    private final Maildir maildir;

    private final Blocking blocking;

    private final Runnable release;

    private final Runnable afterDeletions;

    MaildirMailbox(Maildir maildir, List<MaildirEntry> entries, Blocking blocking, Runnable release) {
        this(maildir, entries, blocking, release, () -> { });
    }

    /**
     * @param afterDeletions run on the reactor thread after {@link #sync()} deleted files: tells the
     *        store's IMAP sessions of the mailbox
     */
    MaildirMailbox(Maildir maildir, List<MaildirEntry> entries, Blocking blocking, Runnable release,
            Runnable afterDeletions) {
        super(entries, MaildirEntry::size);
        this.maildir = maildir;
        this.blocking = blocking;
        this.release = release;
        this.afterDeletions = afterDeletions;
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

    /**
     * Deletes the marked messages' files off the reactor thread, then releases the mailbox's lock
     * (also when a deletion failed: the Deferred then fails with its error, and the messages not
     * deleted reappear in the next session). A message another reader already removed counts as
     * deleted.
     */
    @Override
    protected Deferred<Void> deleteMarked(List<MaildirEntry> doomed) {
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
}
