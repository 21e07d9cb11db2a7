package twisted.protocols.basic;

import java.lang.reflect.Method;
import java.util.Objects;

import twisted.internet.ReceivedBytes;
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
 *
 * <p>A chunk that arrives with nothing buffered is parsed where it is (the buffer borrows it), and
 * only what is left at the end, an unfinished frame, is copied into the buffer: a whole frame is
 * copied once, from the chunk to the array handed to the receiver's callback (issue 9).
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
        if (mustCopy()) {
            this.buffer.append(data);
        }
        else {
            this.buffer.lend(data);
        }
        runAndSettle(transport);
    }

    void dataReceived(ReceivedBytes data, Transport transport) {
        if (transport.isDisconnecting()) {
            return;
        }
        if (mustCopy()) {
            this.buffer.append(data);
        }
        else {
            this.buffer.lend(data);
        }
        runAndSettle(transport);
    }

    /** Behind buffered bytes, or from a callback (the bytes then outlive this call), a chunk is copied in. */
    private boolean mustCopy() {
        return this.running || !this.buffer.isEmpty();
    }

    /** Runs the loop; whatever happens, what is left of lent bytes is then copied into the buffer. */
    private void runAndSettle(Transport transport) {
        try {
            run(transport);
        }
        finally {
            this.buffer.settle();
        }
    }

    /**
     * Whether a receiver of this class must get its bytes through {@code dataReceived(byte[])}:
     * a subclass overrides that method (to look at the bytes first, say), so lent bytes must be
     * copied into an array and go through it. Computed once per class.
     *
     * @param receiverClass the receiver's class
     * @return {@code true} when a class below the one that declares
     *         {@code dataReceived(ReceivedBytes)} declares {@code dataReceived(byte[])}
     */
    static boolean interceptsArrays(Class<?> receiverClass) {
        return INTERCEPTS_ARRAYS.get(receiverClass);
    }

    private static final ClassValue<Boolean> INTERCEPTS_ARRAYS = new ClassValue<>() {

        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (declares(c, ReceivedBytes.class)) {
                    return false;
                }
                if (declares(c, byte[].class)) {
                    return true;
                }
            }
            return false;
        }

        private boolean declares(Class<?> type, Class<?> parameter) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals("dataReceived") && method.getParameterCount() == 1
                        && method.getParameterTypes()[0] == parameter && !method.isBridge()) {
                    return true;
                }
            }
            return false;
        }
    };

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
