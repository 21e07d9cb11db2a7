package twisted.internet;

import java.util.Objects;

import twisted.defer.Failure;

/**
 * A protocol that passes every event to another one, for code that needs to see a connection's
 * events without changing the protocol (an endpoint waiting for {@code connectionMade}, a service
 * waiting for {@code connectionLost}). Subclasses override a method and call {@code super}.
 *
 * <p>The wrapped protocol gets the real transport unless a subclass puts its own in between
 * ({@link #wrapTransport}). Half-close events reach it when it is a
 * {@link HalfCloseableProtocol}; otherwise they close the connection, as they would without the
 * wrapper.
 *
 * <p>It lives in {@code twisted.internet} because endpoints and services, which sit below
 * {@code twisted.protocols}, build on it. Twisted: {@code twisted.protocols.policies.ProtocolWrapper}.
 *
 * @since 0.1.0
 */
public class ProtocolWrapper extends Protocol implements HalfCloseableProtocol {

    /** The protocol every event goes to. */
    protected final Protocol wrappedProtocol;

    /**
     * Wraps a protocol.
     *
     * @param wrappedProtocol the protocol to pass events to
     */
    public ProtocolWrapper(Protocol wrappedProtocol) {
        this.wrappedProtocol = Objects.requireNonNull(wrappedProtocol, "wrappedProtocol");
    }

    /**
     * The wrapped protocol.
     *
     * @return the protocol events go to
     */
    public Protocol getWrappedProtocol() {
        return this.wrappedProtocol;
    }

    @Override
    public void makeConnection(Transport transport) {
        super.makeConnection(transport);
        this.wrappedProtocol.makeConnection(wrapTransport(transport));
    }

    /**
     * The transport the wrapped protocol is given: the connection's own by default. Override to
     * put something between the wrapped protocol and its connection, as Twisted's wrapper does.
     *
     * @param transport the connection
     * @return what the wrapped protocol writes to
     */
    protected Transport wrapTransport(Transport transport) {
        return transport;
    }

    @Override
    public void dataReceived(byte[] data) {
        this.wrappedProtocol.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        this.wrappedProtocol.disconnected(reason);
    }

    @Override
    public void readConnectionLost() {
        if (this.wrappedProtocol instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.readConnectionLost();
        }
        else {
            this.transport.loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        if (this.wrappedProtocol instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
        }
        else {
            this.transport.loseConnection();
        }
    }

    @Override
    public String logPrefix() {
        return this.wrappedProtocol.logPrefix();
    }
}
