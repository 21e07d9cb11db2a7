package twisted.internet.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to a child's stdin from its own daemon thread, started on the first write, so that a
 * child that does not read never blocks the reactor. Writes keep their order; a close goes out
 * after the writes queued before it.
 */
final class StdinWriter implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StdinWriter.class);

    /** Queued to close the stream; compared by identity, writes are copies. */
    private static final byte[] CLOSE = new byte[0];

    private final SpawnedProcess owner;

    private final OutputStream stream;

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

    private @Nullable Thread thread;

    private boolean closing;

    /** Set by the writer thread once the child stopped reading; later writes are dropped. */
    private volatile boolean broken;

    StdinWriter(SpawnedProcess owner, OutputStream stream) {
        this.owner = owner;
        this.stream = stream;
    }

    /** Queues {@code data}, which the caller hands over: it is not copied again. */
    synchronized void write(byte[] data) {
        if (this.closing || this.broken) {
            log.debug("{}: stdin is closed; {} bytes dropped", this.owner, data.length);
            return;
        }
        if (data.length == 0) {
            return;
        }
        if (this.thread == null) {
            Thread writer = new Thread(this, this.owner.threadName("stdin"));
            writer.setDaemon(true);
            writer.start();
            this.thread = writer;
        }
        this.queue.add(data);
    }

    /** Closes after the queued writes; the first call counts. Never blocks. */
    synchronized void close() {
        if (this.closing) {
            return;
        }
        this.closing = true;
        if (this.thread == null) {
            // Nothing was ever written, so nothing is buffered: closing cannot block.
            closeStream();
            this.owner.pipeClosed(0);
        }
        else {
            this.queue.add(CLOSE);
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                byte[] chunk = this.queue.take();
                if (chunk == CLOSE) {
                    break;
                }
                if (!this.broken) {
                    send(chunk);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        closeStream();
        this.owner.pipeClosed(0);
    }

    private void send(byte[] chunk) {
        try {
            this.stream.write(chunk);
            this.stream.flush();
        }
        catch (IOException ex) {
            this.broken = true;
            log.debug("{}: the child no longer reads its stdin ({}); further writes are dropped", this.owner,
                    ex.getMessage());
            this.owner.pipeClosed(0);
        }
    }

    private void closeStream() {
        try {
            this.stream.close();
        }
        catch (IOException ex) {
            log.debug("{}: closing stdin failed ({})", this.owner, ex.getMessage());
        }
    }
}
