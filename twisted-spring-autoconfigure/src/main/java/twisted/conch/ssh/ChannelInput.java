package twisted.conch.ssh;

import java.io.IOException;
import java.util.Objects;

import org.apache.sshd.common.channel.Channel;

/**
 * What a protocol has read from one SSH channel, given back to the peer as window: at once while
 * the protocol reads, held while it has paused its transport ({@code pauseProducing}), so that
 * the peer stops once the window is spent, and given back on {@code resumeProducing}. Bytes that
 * wait for a protocol not yet attached are held the same way. The server's session channels and
 * the client's command channels both account their input through one.
 *
 * <p>Threads: every method is called on the channel's reactor thread. Not for applications, which
 * see it only through their transport's producer methods.
 *
 * @since 0.1.0
 */
public final class ChannelInput {

    private final Channel channel;

    private final Runnable onFailure;

    private boolean paused;

    private long held;

    /**
     * Accounts a channel's input.
     *
     * @param channel whose local window is given back
     * @param onFailure what to do when the window cannot be adjusted (the channel is broken): abort
     */
    public ChannelInput(Channel channel, Runnable onFailure) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * The protocol was given {@code bytes}: the peer may send as many more, now or on resume.
     *
     * @param bytes how many
     */
    public void consumed(long bytes) {
        if (this.paused) {
            this.held += bytes;
        }
        else {
            release(bytes);
        }
    }

    /**
     * Holds {@code bytes} back until {@link #flush()} or {@link #resume()}: they wait for a protocol.
     *
     * @param bytes how many
     */
    public void hold(long bytes) {
        this.held += bytes;
    }

    /** Holds what is read from now on. */
    public void pause() {
        this.paused = true;
    }

    /** Gives back what was held, and what is read from now on. */
    public void resume() {
        this.paused = false;
        flush();
    }

    /** Gives back what was held, unless paused. */
    public void flush() {
        if (this.paused) {
            return;
        }
        long bytes = this.held;
        this.held = 0;
        release(bytes);
    }

    private void release(long bytes) {
        if (bytes <= 0 || this.channel.isClosing() || this.channel.isClosed()) {
            return;
        }
        try {
            this.channel.getLocalWindow().release(bytes);
        }
        catch (IOException ex) {
            this.onFailure.run();
        }
    }
}
