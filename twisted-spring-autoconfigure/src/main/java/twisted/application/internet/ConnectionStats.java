package twisted.application.internet;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of a listening service's connections: open and total connections, refused ones,
 * and bytes each way. The service's own wrapper around each connection updates them on the reactor
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
