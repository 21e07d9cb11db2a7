package twisted.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.internet.Address;
import twisted.internet.ConnectionLimits;
import twisted.internet.IPv4Address;
import twisted.internet.PullProducer;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;

/**
 * A transport with no network behind it, for unit tests of protocols: it records what the
 * protocol writes and what it asks of the connection (close, abort, pause, TLS, socket options),
 * and the test drives the protocol by calling its {@code dataReceived} directly.
 *
 * <pre>{@code
 * StringTransport transport = new StringTransport();
 * protocol.makeConnection(transport);
 * protocol.dataReceived("HELO example.com\r\n".getBytes(StandardCharsets.US_ASCII));
 * assertThat(transport.valueAsString()).startsWith("250 ");
 * }</pre>
 *
 * <p>Closing only records: {@link #loseConnection()} and {@link #abortConnection()} set
 * {@link #isDisconnecting()}, and the protocol's {@code connectionLost} is not called. Use
 * {@link StringTransportWithDisconnection} when the test needs it. Unlike a real connection, writes
 * made after closing are recorded too, so a test can catch a protocol that writes after it closed.
 *
 * <p>Backpressure is the test's to play: {@link #setWritable(boolean) setWritable(false)} stands
 * for an outgoing buffer past its high-water mark (the registered streaming producer is paused,
 * {@link #isWritable()} answers {@code false}) and {@code setWritable(true)} for one that drained.
 * Nothing is ever aborted for its size: the {@linkplain #setConnectionLimits limits} are only
 * recorded.
 *
 * <p>Not thread-safe: use it from the test's thread, which plays the reactor thread.
 *
 * <p>Twisted: {@code twisted.internet.testing.StringTransport}.
 *
 * @since 0.1.0
 */
public class StringTransport implements TCPTransport {

    /** The producer state before any pause: {@code "producing"}. */
    public static final String PRODUCING = "producing";

    /** The producer state after {@link #pauseProducing()}: {@code "paused"}. */
    public static final String PAUSED = "paused";

    /** The producer state after {@link #stopProducing()}: {@code "stopped"}. */
    public static final String STOPPED = "stopped";

    private static final Address DEFAULT_HOST = new IPv4Address("TCP", "10.0.0.1", 12345);

    private static final Address DEFAULT_PEER = new IPv4Address("TCP", "192.168.1.1", 54321);

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private final Address hostAddress;

    private final Address peerAddress;

    private boolean disconnecting;

    private boolean aborted;

    private boolean writeConnectionLost;

    private @Nullable Object producer;

    private boolean streaming;

    private String producerState = PRODUCING;

    private boolean tcpNoDelay;

    private boolean tcpKeepAlive;

    private @Nullable TlsOptions tlsOptions;

    private boolean writable = true;

    private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULTS;

    /**
     * A transport between Twisted's default test addresses: this end at
     * {@code IPv4Address(TCP, '10.0.0.1', 12345)}, the peer at
     * {@code IPv4Address(TCP, '192.168.1.1', 54321)}.
     */
    public StringTransport() {
        this(DEFAULT_HOST, DEFAULT_PEER);
    }

    /**
     * A transport between the given addresses.
     *
     * @param hostAddress what {@link #getHost()} returns
     * @param peerAddress what {@link #getPeer()} returns
     */
    public StringTransport(Address hostAddress, Address peerAddress) {
        this.hostAddress = Objects.requireNonNull(hostAddress, "hostAddress");
        this.peerAddress = Objects.requireNonNull(peerAddress, "peerAddress");
    }

    /**
     * Records the bytes, even after the connection was closed.
     *
     * @param data the bytes, copied
     */
    @Override
    public void write(byte[] data) {
        this.written.writeBytes(Objects.requireNonNull(data, "data"));
    }

    /**
     * What was written since the transport was made or last {@linkplain #clear() cleared}. For
     * tests only; not a transport method.
     *
     * @return a copy of the bytes
     */
    public byte[] value() {
        return this.written.toByteArray();
    }

    /**
     * {@link #value()} decoded as UTF-8, for tests of text protocols.
     *
     * @return the text written so far
     */
    public String valueAsString() {
        return this.written.toString(StandardCharsets.UTF_8);
    }

    /**
     * Forgets what was written so far. For tests only, to check a protocol's replies one at a
     * time; implementation code must never call it.
     */
    public void clear() {
        this.written.reset();
    }

    /** Records that the connection should close: {@link #isDisconnecting()} becomes {@code true}. */
    @Override
    public void loseConnection() {
        this.disconnecting = true;
    }

    /** Records an abort: {@link #isDisconnecting()} and {@link #isAborted()} become {@code true}. */
    @Override
    public void abortConnection() {
        this.aborted = true;
        this.disconnecting = true;
    }

    @Override
    public boolean isDisconnecting() {
        return this.disconnecting;
    }

    /**
     * Whether {@link #abortConnection()} was called. Twisted: {@code aborted}.
     *
     * @return {@code true} after an abort
     */
    public boolean isAborted() {
        return this.aborted;
    }

    @Override
    public Address getPeer() {
        return this.peerAddress;
    }

    @Override
    public Address getHost() {
        return this.hostAddress;
    }

    /**
     * Records the producer. Checks what a real transport relies on: one producer at a time, a
     * {@link PushProducer} when streaming and a {@link PullProducer} when not.
     *
     * @throws IllegalStateException when a producer is already registered
     * @throws IllegalArgumentException when the producer's type does not match {@code streaming}
     */
    @Override
    public void registerProducer(Object producer, boolean streaming) {
        Objects.requireNonNull(producer, "producer");
        if (this.producer != null) {
            throw new IllegalStateException("cannot register producer " + producer + ": producer " + this.producer
                    + " is still registered");
        }
        Class<?> required = streaming ? PushProducer.class : PullProducer.class;
        if (!required.isInstance(producer)) {
            throw new IllegalArgumentException("a producer registered with streaming=" + streaming + " must be a "
                    + required.getSimpleName() + ", got " + producer.getClass().getName());
        }
        this.producer = producer;
        this.streaming = streaming;
    }

    /** Forgets the registered producer; does nothing when there is none. */
    @Override
    public void unregisterProducer() {
        this.producer = null;
        this.streaming = false;
    }

    /**
     * The registered producer.
     *
     * @return the producer, or {@code null} when none is registered
     */
    public @Nullable Object getProducer() {
        return this.producer;
    }

    /**
     * Whether the registered producer was registered as streaming (a push producer).
     *
     * @return the {@code streaming} flag, {@code false} when none is registered
     */
    public boolean isStreaming() {
        return this.streaming;
    }

    /**
     * Records that the protocol asked the transport to stop reading.
     *
     * @throws IllegalStateException after {@link #stopProducing()}
     */
    @Override
    public void pauseProducing() {
        checkNotStopped("pause");
        this.producerState = PAUSED;
    }

    /**
     * Records that the protocol asked the transport to read again.
     *
     * @throws IllegalStateException after {@link #stopProducing()}
     */
    @Override
    public void resumeProducing() {
        checkNotStopped("resume");
        this.producerState = PRODUCING;
    }

    /** Records that the protocol asked the transport to stop for good. */
    @Override
    public void stopProducing() {
        this.producerState = STOPPED;
    }

    private void checkNotStopped(String action) {
        if (STOPPED.equals(this.producerState)) {
            throw new IllegalStateException("cannot " + action + " a stopped transport");
        }
    }

    /**
     * This transport's state as a push producer. Twisted: {@code producerState}.
     *
     * @return {@link #PRODUCING}, {@link #PAUSED} or {@link #STOPPED}
     */
    public String getProducerState() {
        return this.producerState;
    }

    @Override
    public void setTcpNoDelay(boolean enabled) {
        this.tcpNoDelay = enabled;
    }

    @Override
    public boolean getTcpNoDelay() {
        return this.tcpNoDelay;
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        this.tcpKeepAlive = enabled;
    }

    @Override
    public boolean getTcpKeepAlive() {
        return this.tcpKeepAlive;
    }

    /**
     * Whether the test has the outgoing buffer below its high-water mark; {@code true} unless
     * {@link #setWritable(boolean)} said otherwise.
     *
     * @return the writability the test set
     */
    @Override
    public boolean isWritable() {
        return this.writable;
    }

    /**
     * Plays the outgoing buffer passing its high-water mark ({@code false}) or draining below it
     * ({@code true}), as a real transport's does when its peer stops or starts reading again. A
     * streaming producer registered now is paused or resumed, as a real transport would; setting
     * the state it already has does nothing. For tests only.
     *
     * @param writable whether more may be written without waiting
     * @since 0.1.0
     */
    public void setWritable(boolean writable) {
        if (this.writable == writable) {
            return;
        }
        this.writable = writable;
        if (this.streaming && this.producer instanceof PushProducer push) {
            if (writable) {
                push.resumeProducing();
            }
            else {
                push.pauseProducing();
            }
        }
    }

    /**
     * The limits last set; {@link ConnectionLimits#DEFAULTS} until then. Only recorded.
     *
     * @return the limits
     */
    @Override
    public ConnectionLimits getConnectionLimits() {
        return this.connectionLimits;
    }

    /**
     * Records the limits; nothing is enforced.
     *
     * @param limits the limits
     */
    @Override
    public void setConnectionLimits(ConnectionLimits limits) {
        this.connectionLimits = Objects.requireNonNull(limits, "limits");
    }

    /** Records the half-close: {@link #isWriteConnectionLost()} becomes {@code true}. */
    @Override
    public void loseWriteConnection() {
        this.writeConnectionLost = true;
    }

    /**
     * Whether {@link #loseWriteConnection()} was called.
     *
     * @return {@code true} after a half-close
     */
    public boolean isWriteConnectionLost() {
        return this.writeConnectionLost;
    }

    /**
     * Records the switch to TLS; nothing is encrypted. {@link #isSecure()} becomes {@code true}.
     *
     * @throws IllegalStateException when TLS was already started
     */
    @Override
    public void startTLS(TlsOptions options) {
        Objects.requireNonNull(options, "options");
        if (this.tlsOptions != null) {
            throw new IllegalStateException("TLS is already started on this transport");
        }
        this.tlsOptions = options;
    }

    @Override
    public boolean isSecure() {
        return this.tlsOptions != null;
    }

    /**
     * The options given to {@link #startTLS}.
     *
     * @return the options, or {@code null} before {@code startTLS}
     */
    public @Nullable TlsOptions getTlsOptions() {
        return this.tlsOptions;
    }
}
