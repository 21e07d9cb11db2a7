package twisted.internet;

import java.time.Duration;

/**
 * What one connection may cost: how much it may hold unsent, and how long a clean close may take.
 * A transport enforces them whoever writes to it, the connection's own protocol or another
 * connection's (a chat room's fan-out), so a peer that never reads cannot make the process buffer
 * without bound, and no close waits for ever on a peer that does not read.
 *
 * <ul>
 * <li>Past {@code writeBufferHighWater} unsent bytes the transport is no longer
 * {@linkplain Transport#isWritable() writable}: a registered streaming producer is paused, and the
 * transport stops reading from its own peer, until the buffer has drained to half the mark
 * (Twisted: {@code transport.bufferSize}, 64 KiB there too).</li>
 * <li>While it is not writable, a write that would take the unsent bytes past
 * {@code writeBufferLimit} aborts the connection instead: a protocol that writes only while the
 * transport is writable is never aborted, whatever the size of its writes. The abort is logged
 * once (WARN, naming the peer and the limit) and the protocol's {@code connectionLost} gets a
 * {@link twisted.internet.error.ConnectionAbortedException} with reason
 * {@code WRITE_BUFFER_LIMIT}.</li>
 * <li>{@code loseConnection()} that has not sent what was left within {@code closeTimeout} aborts
 * the connection (reason {@code CLOSE_TIMEOUT}). Idle closes, a service's stop and the reactor's
 * shutdown all close this way.</li>
 * </ul>
 *
 * <p>The unsent bytes are counted as Netty counts them: the bytes plus a small overhead per write
 * (about a hundred bytes), so many tiny writes reach the limit sooner than their payload alone
 * would.
 *
 * @param writeBufferHighWater how many unsent bytes make the transport unwritable; at least 1
 * @param writeBufferLimit the most unsent bytes an unwritable transport may hold before it is
 *        aborted; at least {@code writeBufferHighWater}
 * @param closeTimeout how long {@code loseConnection()} may wait for the unsent bytes to go out;
 *        positive
 * @since 0.1.0
 */
public record ConnectionLimits(int writeBufferHighWater, long writeBufferLimit, Duration closeTimeout) {

    /** The default high-water mark: 64 KiB, Twisted's {@code bufferSize} and Netty's own default. */
    public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER = 64 * 1024;

    /** The default limit: 4 MiB. */
    public static final long DEFAULT_WRITE_BUFFER_LIMIT = 4L * 1024 * 1024;

    /**
     * The default close timeout: 10 s, well within the 30 s that the reactor's shutdown, the
     * services' stop and the Actuator's stop operation wait, so that they finish with every
     * connection closed.
     */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** The defaults: 64 KiB high-water mark, 4 MiB limit, 10 s close timeout. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_WRITE_BUFFER_HIGH_WATER,
            DEFAULT_WRITE_BUFFER_LIMIT, DEFAULT_CLOSE_TIMEOUT);

    /**
     * Validates the limits.
     */
    public ConnectionLimits {
        if (writeBufferHighWater < 1) {
            throw new IllegalArgumentException("writeBufferHighWater (" + writeBufferHighWater + ") must be at least 1");
        }
        if (writeBufferLimit < writeBufferHighWater) {
            throw new IllegalArgumentException("writeBufferLimit (" + writeBufferLimit
                    + ") must be at least writeBufferHighWater (" + writeBufferHighWater + ")");
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout (" + closeTimeout + ") must be positive");
        }
    }

    /**
     * These limits with another high-water mark.
     *
     * @param bytes how many unsent bytes make the transport unwritable
     * @return the new limits
     */
    public ConnectionLimits withWriteBufferHighWater(int bytes) {
        return new ConnectionLimits(bytes, this.writeBufferLimit, this.closeTimeout);
    }

    /**
     * These limits with another write buffer limit.
     *
     * @param bytes the most unsent bytes before the connection is aborted
     * @return the new limits
     */
    public ConnectionLimits withWriteBufferLimit(long bytes) {
        return new ConnectionLimits(this.writeBufferHighWater, bytes, this.closeTimeout);
    }

    /**
     * These limits with another close timeout.
     *
     * @param timeout how long a clean close may take
     * @return the new limits
     */
    public ConnectionLimits withCloseTimeout(Duration timeout) {
        return new ConnectionLimits(this.writeBufferHighWater, this.writeBufferLimit, timeout);
    }
}
