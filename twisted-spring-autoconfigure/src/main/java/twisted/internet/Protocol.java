package twisted.internet;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.defer.Failure;

/**
 * The code that speaks a network protocol on one connection. A {@link Factory} builds one
 * instance per connection; the reactor then calls {@link #makeConnection}, {@link #dataReceived}
 * as bytes arrive, and {@link #connectionLost} once at the end, all on the reactor thread, so a
 * protocol needs no locks.
 *
 * <pre>{@code
 * class Echo extends Protocol {
 *     @Override
 *     public void dataReceived(byte[] data) {
 *         transport.write(data);
 *     }
 * }
 * }</pre>
 *
 * <p>Bytes arrive in arbitrary pieces: one write from the peer may come as several calls to
 * {@code dataReceived}, several writes as one. Use a framing receiver such as
 * {@code twisted.protocols.basic.LineReceiver} to get whole messages.
 *
 * <p>Twisted: {@code twisted.internet.protocol.Protocol}.
 *
 * @since 0.1.0
 */
public abstract class Protocol {

    /**
     * The connection, set by {@link #makeConnection}. Before that, and never null, it is a
     * transport that refuses every call.
     */
    protected Transport transport = NotConnectedTransport.INSTANCE;

    /** The factory that built this protocol, if it was built by one. */
    protected @Nullable Factory factory;

    private boolean connected;

    /**
     * Attaches the transport and calls {@link #connectionMade()}. Called by the reactor (or a
     * test) once per connection.
     *
     * @param transport the connection
     */
    public void makeConnection(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.connected = true;
        connectionMade();
    }

    /** The connection is up: the transport may be used. Does nothing by default. */
    public void connectionMade() {
    }

    /**
     * Bytes arrived. Does nothing by default.
     *
     * @param data the bytes, owned by the protocol from now on
     */
    public void dataReceived(byte[] data) {
    }

    /**
     * Bytes arrived, lent for this call only: what the framework's transports call. By default
     * copies them into a new array and calls {@link #dataReceived(byte[])}, so a protocol
     * overrides that method and never needs this one.
     *
     * <p>Override it only to save that copy: a framing receiver copies each whole message straight
     * out of the read and keeps a copy of just the unfinished tail. Copy anything that must
     * outlive the call, and do not keep {@code data} (see {@link ReceivedBytes}). A class that
     * overrides both methods gets its bytes through this one; a wrapper that forwards to
     * another protocol's {@code dataReceived(byte[])} keeps working, with the copy.
     *
     * @param data the bytes, valid until this method returns
     * @since 0.1.0
     */
    public void dataReceived(ReceivedBytes data) {
        dataReceived(data.toByteArray());
    }

    /**
     * The connection is gone, called exactly once. Does nothing by default.
     *
     * @param reason a {@link twisted.internet.error.ConnectionDoneException} for a clean close, a
     *               {@link twisted.internet.error.ConnectionLostException} otherwise
     */
    public void connectionLost(Failure reason) {
    }

    /**
     * Marks the protocol disconnected, then calls {@link #connectionLost}. Transports call this
     * rather than {@code connectionLost} directly.
     *
     * @param reason why the connection ended
     */
    public final void disconnected(Failure reason) {
        this.connected = false;
        connectionLost(reason);
    }

    /**
     * Whether the connection is up. Twisted: {@code connected}.
     *
     * @return {@code true} between {@code makeConnection} and {@code connectionLost}
     */
    public boolean isConnected() {
        return this.connected;
    }

    /**
     * The transport: the connection, or a refusing placeholder before it is made.
     *
     * @return the transport
     */
    public Transport getTransport() {
        return this.transport;
    }

    /**
     * The factory that built this protocol.
     *
     * @return the factory, or {@code null}
     */
    public @Nullable Factory getFactory() {
        return this.factory;
    }

    /**
     * Sets the factory; {@link Factory#buildProtocol} does this.
     *
     * @param factory the factory
     */
    public void setFactory(@Nullable Factory factory) {
        this.factory = factory;
    }

    /**
     * A short label for this connection's log lines. Twisted: {@code logPrefix}.
     *
     * @return the protocol's class name by default
     */
    public String logPrefix() {
        return getClass().getSimpleName();
    }

    /**
     * Names the protocol for log lines: its class and, once connected, its peer
     * ({@code Echo(peer=IPv4Address(TCP, '127.0.0.1', 51234))}, or {@code Echo(not connected)}).
     *
     * @return the name
     */
    @Override
    public String toString() {
        String name = Factory.simpleName(getClass());
        Transport current = this.transport;
        if (current == NotConnectedTransport.INSTANCE) {
            return name + "(not connected)";
        }
        try {
            return name + "(peer=" + current.getPeer() + ")";
        }
        catch (RuntimeException ex) {
            return name + "(peer unknown)";
        }
    }
}
