package twisted.internet.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one of a child's output pipes on its own daemon thread and hands each chunk to the
 * reactor, with at most {@link #WINDOW} chunks waiting there at once.
 */
final class PipeReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PipeReader.class);

    /** The largest chunk handed over at once. */
    static final int CHUNK = 64 * 1024;

    /** How many chunks may wait for the reactor thread before reading pauses. */
    static final int WINDOW = 16;

    private final SpawnedProcess owner;

    private final int fd;

    private final InputStream stream;

    private final Semaphore window = new Semaphore(WINDOW);

    private final AtomicBoolean closed = new AtomicBoolean();

    private final Thread thread;

    PipeReader(SpawnedProcess owner, int fd, InputStream stream) {
        this.owner = owner;
        this.fd = fd;
        this.stream = stream;
        this.thread = new Thread(this, owner.threadName((fd == 1) ? "stdout" : "stderr"));
        this.thread.setDaemon(true);
    }

    void start() {
        this.thread.start();
    }

    /** Stops delivering; the protocol hears of it at once. Safe from any thread; idempotent. */
    void close() {
        if (this.closed.compareAndSet(false, true)) {
            closeStream();
            this.owner.pipeClosed(this.fd);
        }
    }

    @Override
    public void run() {
        byte[] buffer = new byte[CHUNK];
        try {
            int n;
            while (!this.closed.get() && (n = this.stream.read(buffer)) != -1) {
                if (this.closed.get() || !deliver(Arrays.copyOf(buffer, n))) {
                    break;
                }
            }
        }
        catch (IOException ex) {
            if (!this.closed.get()) {
                log.debug("{}: reading fd {} failed", this.owner, this.fd, ex);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            closeStream();
            this.owner.pipeClosed(this.fd);
        }
    }

    /** Waits for room in the window, checking every second that the reactor still takes events. */
    private boolean deliver(byte[] chunk) throws InterruptedException {
        while (!this.window.tryAcquire(1, TimeUnit.SECONDS)) {
            if (!this.owner.post(() -> { })) {
                return false;
            }
        }
        if (!this.owner.received(this.fd, chunk, this.window::release)) {
            this.window.release();
            return false;
        }
        return true;
    }

    private void closeStream() {
        try {
            this.stream.close();
        }
        catch (IOException ex) {
            log.debug("{}: closing fd {} failed", this.owner, this.fd, ex);
        }
    }
}
