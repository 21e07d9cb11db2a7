package twisted.mail.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;

import twisted.defer.Deferred;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;

/**
 * One delivery into the PostgreSQL store: the lines are kept in memory (CR LF after each), up to
 * the store's size limit, and {@link #eomReceived()} inserts the message in one transaction whose
 * commit fires its Deferred. A message past the limit is dropped at once and its
 * {@link #eomReceived()} fails. Reactor thread only.
 */
final class PostgresMessageWriter implements MessageWriter {

    private static final byte[] CRLF = { '\r', '\n' };

    private enum State { RECEIVING, COMPLETE, LOST }

    private final PostgresMailStore store;

    private final String mailbox;

    private final long limit;

    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private long size;

    private State state = State.RECEIVING;

    PostgresMessageWriter(PostgresMailStore store, String mailbox, long limit) {
        this.store = store;
        this.mailbox = mailbox;
        this.limit = limit;
    }

    @Override
    public void lineReceived(byte[] line) {
        Objects.requireNonNull(line, "line");
        requireReceiving("lineReceived");
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
    public Deferred<MessageReceipt> eomReceived() {
        requireReceiving("eomReceived");
        this.state = State.COMPLETE;
        byte[] content = this.buffer.toByteArray();
        this.buffer = new ByteArrayOutputStream(0);
        if (this.size > this.limit) {
            return Deferred.fail(new IOException("message size (" + this.size + " bytes) exceeds the store's maximum ("
                    + this.limit + ")"));
        }
        return this.store.deliver(this.mailbox, content);
    }

    /**
     * Drops the buffered lines. After {@link #eomReceived()} it does nothing: the transaction runs
     * on, and a client that lost its connection before {@code 250} may send again, which
     * duplicates rather than loses. Twice does nothing.
     */
    @Override
    public void connectionLost() {
        if (this.state != State.RECEIVING) {
            return;
        }
        this.state = State.LOST;
        this.buffer = new ByteArrayOutputStream(0);
    }

    private void requireReceiving(String call) {
        if (this.state != State.RECEIVING) {
            throw new IllegalStateException(call + " after the message was "
                    + (this.state == State.COMPLETE ? "completed" : "dropped"));
        }
    }
}
