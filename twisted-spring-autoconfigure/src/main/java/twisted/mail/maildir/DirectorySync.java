package twisted.mail.maildir;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Group commit of a directory's fsync: a delivery that renamed its file into {@code new} waits
 * for an fsync of {@code new} that began after its rename; renames that finish while one fsync
 * runs share the next one instead of queueing one each. Called on the blocking threads only.
 */
final class DirectorySync {

    /** The fsync itself; {@link Maildir#fsyncDirectory} outside tests. */
    interface Fsync {
        void run() throws IOException;
    }

    private final Fsync fsync;

    /** Requests numbered in arrival order; a request's rename happened before its number. */
    private long requested;

    /** Every request up to this one is covered by a finished fsync. */
    private long covered;

    private boolean running;

    DirectorySync(Fsync fsync) {
        this.fsync = fsync;
    }

    /**
     * Returns once an fsync that started after this call has finished. Call it after the rename.
     *
     * @throws IOException if the fsync this call ran failed (a call waiting on someone else's
     *         fsync that failed runs its own)
     */
    void sync() throws IOException {
        long mine;
        long target;
        synchronized (this) {
            mine = ++this.requested;
            while (true) {
                if (this.covered >= mine) {
                    return;
                }
                if (!this.running) {
                    this.running = true;
                    target = this.requested;
                    break;
                }
                try {
                    wait();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for the directory's fsync");
                }
            }
        }
        boolean done = false;
        try {
            this.fsync.run();
            done = true;
        }
        finally {
            synchronized (this) {
                if (done) {
                    this.covered = Math.max(this.covered, target);
                }
                this.running = false;
                notifyAll();
            }
        }
    }
}
