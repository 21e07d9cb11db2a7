package twisted.words.irc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * {@link IRCClient}'s outgoing throttle: with a line rate set, lines wait in a queue and leave one
 * per rate on the reactor clock, the first at once; without one they leave at once. Twisted: the
 * {@code lineRate} queue of {@code IRCClient}.
 */
final class LineThrottle {

    private final ReactorTime clock;

    private final Consumer<byte[]> writer;

    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();

    private @Nullable Duration lineRate;

    private @Nullable DelayedCall timer;

    /**
     * @param clock times the queue
     * @param writer writes one line (without CR LF) to the transport
     */
    LineThrottle(ReactorTime clock, Consumer<byte[]> writer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Nullable Duration getLineRate() {
        return this.lineRate;
    }

    /** Sets the rate; without one, what is still queued leaves at once, in order. */
    void setLineRate(@Nullable Duration lineRate) {
        this.lineRate = lineRate;
        if (lineRate == null) {
            if (this.timer != null && this.timer.active()) {
                this.timer.cancel();
            }
            this.timer = null;
            for (byte[] line = this.queue.poll(); line != null; line = this.queue.poll()) {
                this.writer.accept(line);
            }
        }
    }

    /** Sends a line now, or queues it behind the others when throttled. */
    void send(byte[] line) {
        if (this.lineRate == null) {
            this.writer.accept(line);
            return;
        }
        this.queue.add(line);
        if (this.timer == null) {
            sendQueued();
        }
    }

    /** Drops what is still queued and stops the timer (the connection is gone). */
    void clear() {
        if (this.timer != null && this.timer.active()) {
            this.timer.cancel();
        }
        this.timer = null;
        this.queue.clear();
    }

    private void sendQueued() {
        byte[] line = this.queue.poll();
        Duration rate = this.lineRate;
        if (line == null || rate == null) {
            this.timer = null;
            if (line != null) {
                this.writer.accept(line);
            }
            return;
        }
        this.writer.accept(line);
        this.timer = this.clock.callLater(rate, this::sendQueued);
    }
}
