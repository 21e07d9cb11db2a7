package twisted.mail.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import twisted.defer.Deferred;
import twisted.mail.AbstractMessageWriter;
import twisted.mail.MessageReceipt;

/**
 * One delivery into the PostgreSQL store: the lines are kept in memory (CR LF after each), up to
 * the store's size limit, and {@link #eomReceived()} inserts the message in one transaction whose
 * commit fires its Deferred. A message past the limit is dropped at once and its
 * {@link #eomReceived()} fails. Reactor thread only.
 */
final class PostgresMessageWriter extends AbstractMessageWriter {

    private static final byte[] CRLF = { '\r', '\n' };

    private final PostgresMailStore store;

    private final String mailbox;

    private final long limit;

    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private long size;

    PostgresMessageWriter(PostgresMailStore store, String mailbox, long limit) {
        this.store = store;
        this.mailbox = mailbox;
        this.limit = limit;
    }

    @Override
    protected void addLine(byte[] line) {
        this.size += line.length + CRLF.length;
        if (this.size > this.limit) {
            this.buffer = new ByteArrayOutputStream(0);
            return;
        }
        this.buffer.writeBytes(line);
        this.buffer.writeBytes(CRLF);
    }

    /** Inserts the message; fires after the commit, or fails (nothing stored) if it cannot be. */
    @Override
    protected Deferred<MessageReceipt> finish() {
        byte[] content = this.buffer.toByteArray();
        this.buffer = new ByteArrayOutputStream(0);
        if (this.size > this.limit) {
            return Deferred.fail(new IOException("message size (" + this.size + " bytes) exceeds the store's maximum ("
                    + this.limit + ")"));
        }
        return this.store.deliver(this.mailbox, content);
    }

    /** Drops the buffered lines (a message already ended is not dropped: its transaction runs on). */
    @Override
    protected void drop() {
        this.buffer = new ByteArrayOutputStream(0);
    }
}
