package twisted.protocols.basic;

import java.util.Objects;

import twisted.internet.Transport;

/**
 * The receive loop every framing receiver shares: buffer what arrives, then hand frames to the
 * receiver's parser one at a time for as long as there are bytes, the receiver is not paused and
 * the connection is not closing.
 *
 * <p>Three rules live here and nowhere else:
 * <ul>
 * <li>Re-entrant data (a callback calling {@code dataReceived} again) is queued behind what is
 * already buffered and parsed by the loop already running, in order; it never starts a second
 * loop.</li>
 * <li>Once the transport is disconnecting, nothing more is delivered: not the rest of the current
 * chunk, not later chunks (which are dropped unread).</li>
 * <li>While paused, bytes are buffered but nothing is delivered; resuming delivers them.</li>
 * </ul>
 *
 * <p>An exception from a callback leaves the loop (and the receiver's {@code dataReceived}) at
 * once; the bytes after the frame being delivered stay buffered.
 */
final class FrameLoop {

    /** Parses one frame off the front of the buffer, as the receiver's current state says. */
    @FunctionalInterface
    interface Parser {

        /**
         * Consumes and delivers at most one frame, or skips bytes.
         *
         * @param buffer never empty when called
         * @return {@code false} when the buffer does not hold a whole frame yet
         */
        boolean parse(ReceiveBuffer buffer);
    }

    private final ReceiveBuffer buffer = new ReceiveBuffer();

    private final Parser parser;

    private boolean running;

    private boolean paused;

    FrameLoop(Parser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    ReceiveBuffer buffer() {
        return this.buffer;
    }

    void dataReceived(byte[] data, Transport transport) {
        if (transport.isDisconnecting()) {
            return;
        }
        this.buffer.append(data);
        run(transport);
    }

    /** Delivers what can be delivered now, unless a loop further up the stack already is. */
    void run(Transport transport) {
        if (this.running) {
            return;
        }
        this.running = true;
        try {
            while (!this.paused && !this.buffer.isEmpty() && !transport.isDisconnecting()
                    && this.parser.parse(this.buffer)) {
                // each turn delivered one frame or skipped some bytes
            }
        }
        finally {
            this.running = false;
        }
    }

    boolean isPaused() {
        return this.paused;
    }

    /** Stops delivering, and asks the transport to stop reading. Twisted: {@code _PauseableMixin}. */
    void pauseProducing(Transport transport) {
        this.paused = true;
        transport.pauseProducing();
    }

    /** Lets the transport read again, then delivers what was buffered meanwhile. */
    void resumeProducing(Transport transport) {
        this.paused = false;
        transport.resumeProducing();
        run(transport);
    }

    /** Stops delivering for good (unless resumed), and tells the transport to stop. */
    void stopProducing(Transport transport) {
        this.paused = true;
        transport.stopProducing();
    }
}
