package twisted.conch.ssh;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.jspecify.annotations.Nullable;

import twisted.internet.PushProducer;

/**
 * What a protocol writes to one SSH channel, on its way out: chunks queued in order and sent one
 * at a time through Apache MINA SSHD's asynchronous channel streams, which wait for the peer's
 * window. What waits here is bounded by the writer's manners: past {@link #HIGH_WATER} queued
 * bytes {@link #isWritable()} is {@code false} and a registered streaming producer is paused, and
 * it is resumed once the queue is down to half of that. The server's session channels and the
 * client's command channels both send through one.
 *
 * <p>Threads: every method is called on the channel's reactor thread; completions of MINA's
 * writes come back to it through the executor given. Not for applications, which see it only
 * through their transport.
 *
 * @since 0.1.0
 */
public final class ChannelOutput {

    /** Queued bytes past which the channel is not writable. */
    public static final int HIGH_WATER = 64 * 1024;

    private final Executor loop;

    private final Listener listener;

    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();

    private @Nullable IoOutputStream out;

    private @Nullable IoOutputStream err;

    private @Nullable PushProducer producer;

    private long queued;

    private boolean writing;

    private boolean producerPaused;

    private boolean closing;

    private boolean stopped;

    /**
     * Creates the queue.
     *
     * @param loop the channel's reactor thread, where write completions are handled
     * @param listener told when the queue has drained after {@link #close()}, or a write failed
     */
    public ChannelOutput(Executor loop, Listener listener) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sets the streams to write to, once MINA has made them; what was queued before goes out now.
     *
     * @param out the channel's data stream
     * @param err its extended (standard error) stream, or {@code null} if it has none: such
     *        writes are then dropped
     */
    public void streams(IoOutputStream out, @Nullable IoOutputStream err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = err;
        pump();
    }

    /**
     * Queues bytes; dropped after {@link #stop()}, and after {@link #close()} unless a producer is
     * still registered.
     *
     * @param data the bytes, owned by the queue from now on
     * @param extended whether they go to the extended (standard error) stream
     */
    public void write(byte[] data, boolean extended) {
        Objects.requireNonNull(data, "data");
        if ((this.closing && this.producer == null) || this.stopped || data.length == 0) {
            return;
        }
        this.queue.add(new Chunk(data, extended));
        this.queued += data.length;
        if (this.queued >= HIGH_WATER && this.producer != null && !this.producerPaused) {
            this.producerPaused = true;
            this.producer.pauseProducing();
        }
        pump();
    }

    /**
     * Sends what is queued, then tells the listener it has {@linkplain Listener#drained() drained},
     * once. As Twisted's {@code loseConnection}: while a producer is registered it may still write,
     * and the queue drains after it unregisters.
     */
    public void close() {
        if (this.closing || this.stopped) {
            return;
        }
        this.closing = true;
        pump();
    }

    /** Drops what is queued and stops a registered producer: the channel is gone. */
    public void stop() {
        if (this.stopped) {
            return;
        }
        this.stopped = true;
        this.queue.clear();
        this.queued = 0;
        PushProducer p = this.producer;
        this.producer = null;
        if (p != null) {
            p.stopProducing();
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closing
     */
    public boolean isClosing() {
        return this.closing;
    }

    /**
     * Whether the queue is below {@link #HIGH_WATER}.
     *
     * @return {@code true} while more may be written without waiting
     */
    public boolean isWritable() {
        return this.queued < HIGH_WATER;
    }

    /**
     * Registers the producer a transport was given: paused now if the queue is full.
     *
     * @param producer a {@link PushProducer}
     * @param streaming must be {@code true}
     * @throws IllegalArgumentException for a pull producer
     * @throws IllegalStateException if one is registered already
     */
    public void registerProducer(Object producer, boolean streaming) {
        if (!(producer instanceof PushProducer push) || !streaming) {
            throw new IllegalArgumentException("an SSH channel takes streaming (push) producers");
        }
        if (this.producer != null) {
            throw new IllegalStateException("a producer is already registered");
        }
        this.producer = push;
        if (!isWritable()) {
            this.producerPaused = true;
            push.pauseProducing();
        }
    }

    /** Forgets the producer; when closing, what is queued then drains. */
    public void unregisterProducer() {
        this.producer = null;
        this.producerPaused = false;
        if (this.closing) {
            pump();
        }
    }

    private void pump() {
        while (!this.writing && !this.stopped && this.out != null) {
            Chunk chunk = this.queue.poll();
            if (chunk == null) {
                if (this.closing && this.producer == null) {
                    this.stopped = true;
                    this.listener.drained();
                }
                return;
            }
            IoOutputStream stream = chunk.extended() ? this.err : this.out;
            if (stream == null) {
                this.queued -= chunk.data().length;
                continue;
            }
            this.writing = true;
            IoWriteFuture future;
            try {
                future = stream.writeBuffer(new ByteArrayBuffer(chunk.data()));
            }
            catch (IOException | RuntimeException ex) {
                this.writing = false;
                this.listener.failed(ex);
                return;
            }
            future.addListener(done -> this.loop.execute(() -> written(chunk, done.getException())));
        }
    }

    private void written(Chunk chunk, @Nullable Throwable failure) {
        this.writing = false;
        if (this.stopped) {
            return;
        }
        this.queued -= chunk.data().length;
        if (failure != null) {
            this.listener.failed(failure);
            return;
        }
        if (this.producerPaused && this.queued < HIGH_WATER / 2 && this.producer != null) {
            this.producerPaused = false;
            this.producer.resumeProducing();
        }
        pump();
    }

    /** What the channel's owner hears from its output. */
    public interface Listener {

        /** {@link #close()} was called and everything queued has been sent. */
        void drained();

        /**
         * A write failed (the channel or connection is gone): the owner closes the channel.
         *
         * @param failure why
         */
        void failed(Throwable failure);
    }

    private record Chunk(byte[] data, boolean extended) {
    }
}
