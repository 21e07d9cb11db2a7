package twisted.mail;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * The life of a {@link MessageWriter} as every store keeps it: lines, then one end, either
 * {@link #eomReceived()} or {@link #connectionLost()}. A line or a second {@link #eomReceived()}
 * after the end throws {@link IllegalStateException}. {@link #connectionLost()} after the end does
 * nothing: once {@link #eomReceived()} was called the message is being stored, and a client that
 * lost its connection before {@code 250} may send it again, which duplicates rather than loses.
 * A store implements what the lines become: {@link #addLine}, {@link #finish} and {@link #drop}.
 *
 * <p>For store implementations; the Maildir and PostgreSQL stores' writers are built on it.
 * Reactor thread only, as {@link MessageWriter} is.
 *
 * @since 0.1.0
 */
public abstract class AbstractMessageWriter implements MessageWriter {

    private enum State { RECEIVING, COMPLETE, LOST }

    private final @Nullable String name;

    private State state = State.RECEIVING;

    /** Creates a writer whose errors do not name the message. */
    protected AbstractMessageWriter() {
        this(null);
    }

    /**
     * Creates a writer whose errors name the message.
     *
     * @param name how the {@link IllegalStateException}s name the message (a file name, say), or
     *        {@code null} for no name
     */
    protected AbstractMessageWriter(@Nullable String name) {
        this.name = name;
    }

    @Override
    public final void lineReceived(byte[] line) {
        Objects.requireNonNull(line, "line");
        requireReceiving("lineReceived");
        addLine(line);
    }

    @Override
    public final Deferred<MessageReceipt> eomReceived() {
        requireReceiving("eomReceived");
        this.state = State.COMPLETE;
        return finish();
    }

    /** Drops the message through {@link #drop}, unless it already ended. */
    @Override
    public final void connectionLost() {
        if (this.state != State.RECEIVING) {
            return;
        }
        this.state = State.LOST;
        drop();
    }

    /**
     * Takes one line of a message still being received, as {@link #lineReceived}.
     *
     * @param line the line's bytes, without its line ending; owned by the writer
     */
    protected abstract void addLine(byte[] line);

    /**
     * Stores the message; called once, by {@link #eomReceived()}.
     *
     * @return as {@link MessageWriter#eomReceived()}
     */
    protected abstract Deferred<MessageReceipt> finish();

    /** Drops what was written, leaving nothing behind; called once, by {@link #connectionLost()} before the end. */
    protected abstract void drop();

    private void requireReceiving(String call) {
        if (this.state != State.RECEIVING) {
            throw new IllegalStateException(call + " after the message was "
                    + (this.state == State.COMPLETE ? "completed" : "dropped")
                    + (this.name != null ? " (" + this.name + ")" : ""));
        }
    }
}
