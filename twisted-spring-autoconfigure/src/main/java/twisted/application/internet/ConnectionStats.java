package twisted.application.internet;

import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import twisted.internet.error.ConnectionAbortedException;

/**
 * Live counters of a listening service's connections: open and total connections, refused ones,
 * ones aborted by this side (by {@linkplain ConnectionAbortedException.Reason reason}), and bytes
 * each way. The service's own wrapper around each connection updates them on the reactor
 * thread; they are safe to read from any thread (Actuator, Micrometer).
 *
 * @since 0.1.0
 */
public final class ConnectionStats {

    ConnectionStats() {
    }

    private final LongAdder open = new LongAdder();

    private final LongAdder total = new LongAdder();

    private final LongAdder refused = new LongAdder();

    private final LongAdder bytesReceived = new LongAdder();

    private final LongAdder bytesSent = new LongAdder();

    /** One counter per reason, by its ordinal. */
    private final LongAdder[] aborted = Stream.generate(LongAdder::new)
            .limit(ConnectionAbortedException.Reason.values().length).toArray(LongAdder[]::new);

    /** A connection was accepted and has a protocol. */
    void opened() {
        this.open.increment();
        this.total.increment();
    }

    /** A counted connection has closed. */
    void closed() {
        this.open.decrement();
    }

    /** A connection was refused (by a limit, or by a factory returning {@code null}). */
    void refused() {
        this.refused.increment();
    }

    /**
     * A counted connection was aborted by this side; {@link #closed()} is called for it too.
     *
     * @param reason why
     */
    void aborted(ConnectionAbortedException.Reason reason) {
        this.aborted[reason.ordinal()].increment();
    }

    /**
     * Bytes arrived from a peer.
     *
     * @param count how many
     */
    void received(long count) {
        this.bytesReceived.add(count);
    }

    /**
     * Bytes were written to a peer.
     *
     * @param count how many
     */
    void sent(long count) {
        this.bytesSent.add(count);
    }

    /**
     * Connections open now.
     *
     * @return the count
     */
    public long getOpen() {
        return this.open.sum();
    }

    /**
     * Connections accepted since the start.
     *
     * @return the count
     */
    public long getTotal() {
        return this.total.sum();
    }

    /**
     * Connections refused since the start.
     *
     * @return the count
     */
    public long getRefused() {
        return this.refused.sum();
    }

    /**
     * Connections aborted by this side since the start, for one reason: a peer that did not read
     * past the write buffer limit, a close that did not finish within the close timeout, or code
     * that called {@code abortConnection()}.
     *
     * @param reason the reason
     * @return the count
     */
    public long getAborted(ConnectionAbortedException.Reason reason) {
        return this.aborted[reason.ordinal()].sum();
    }

    /**
     * Bytes received since the start.
     *
     * @return the count
     */
    public long getBytesReceived() {
        return this.bytesReceived.sum();
    }

    /**
     * Bytes written since the start.
     *
     * @return the count
     */
    public long getBytesSent() {
        return this.bytesSent.sum();
    }
}
