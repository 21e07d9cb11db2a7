package twisted.conch.ssh;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import twisted.internet.Address;
import twisted.internet.Transport;

/**
 * A Twisted transport over one SSH channel: what the server's session channels and the client's
 * command channels share. Its output goes through a {@link ChannelOutput} (writable while little
 * is queued; a registered streaming producer is paused past that), its input is accounted by a
 * {@link ChannelInput} (pausing the transport holds the window back, so the peer stops), and
 * {@code stopProducing} aborts. Subclasses attach both when the channel has them.
 *
 * <p>Threads: every method is called on the channel's reactor thread. Not for applications,
 * which see the transport through {@link twisted.conch.SSHSessionTransport} or the client's
 * command transport.
 *
 * @since 0.1.0
 */
public abstract class ChannelTransport implements Transport {

    private final Address peer;

    private final Address host;

    private @Nullable ChannelOutput output;

    private @Nullable ChannelInput input;

    /**
     * For subclasses.
     *
     * @param peer the other end of the SSH connection
     * @param host this end of it
     */
    protected ChannelTransport(Address peer, Address host) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public Address getPeer() {
        return this.peer;
    }

    @Override
    public Address getHost() {
        return this.host;
    }

    /**
     * Attaches the channel's output, once its streams exist.
     *
     * @param output the output
     */
    protected final void setOutput(ChannelOutput output) {
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * Attaches the channel's input accounting.
     *
     * @param input the input
     */
    protected final void setInput(ChannelInput input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /**
     * The channel's output.
     *
     * @return the output, or {@code null} before it is attached
     */
    protected final @Nullable ChannelOutput output() {
        return this.output;
    }

    /**
     * The channel's input accounting.
     *
     * @return the input, or {@code null} before it is attached
     */
    protected final @Nullable ChannelInput input() {
        return this.input;
    }

    @Override
    public boolean isWritable() {
        ChannelOutput o = this.output;
        return o == null || o.isWritable();
    }

    @Override
    public void registerProducer(Object producer, boolean streaming) {
        Objects.requireNonNull(this.output, "output").registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        ChannelOutput o = this.output;
        if (o != null) {
            o.unregisterProducer();
        }
    }

    /** Stops giving the channel's window back: the peer may send at most what the window holds. */
    @Override
    public void pauseProducing() {
        ChannelInput in = this.input;
        if (in != null) {
            in.pause();
        }
    }

    @Override
    public void resumeProducing() {
        ChannelInput in = this.input;
        if (in != null) {
            in.resume();
        }
    }

    @Override
    public void stopProducing() {
        abortConnection();
    }
}
