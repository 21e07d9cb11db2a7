package twisted.internet;

/**
 * Speaks a datagram (UDP) protocol: each datagram arrives whole, with the address it came from.
 * The reactor calls {@link #startProtocol()} when the port starts listening,
 * {@link #datagramReceived} per datagram and {@link #stopProtocol()} when it stops, all on the
 * reactor thread.
 *
 * <p>Twisted: {@code twisted.internet.protocol.DatagramProtocol}.
 *
 * @since 0.1.0
 */
public abstract class DatagramProtocol {

    /** The port, set before {@link #startProtocol()}. */
    protected DatagramTransport transport = DatagramTransport.NOT_LISTENING;

    /**
     * Attaches the transport and calls {@link #startProtocol()}; the reactor calls this.
     *
     * @param transport the listening port's transport
     */
    public final void makeConnection(DatagramTransport transport) {
        this.transport = transport;
        startProtocol();
    }

    /** The port is listening. Does nothing by default. */
    public void startProtocol() {
    }

    /** The port has stopped listening. Does nothing by default. */
    public void stopProtocol() {
    }

    /**
     * A datagram arrived.
     *
     * @param data the datagram's bytes
     * @param address the sender
     */
    public abstract void datagramReceived(byte[] data, Address address);

    /**
     * On a connected transport, the peer answered a datagram with "port unreachable". Does
     * nothing by default.
     */
    public void connectionRefused() {
    }

    /**
     * The transport.
     *
     * @return the transport
     */
    public DatagramTransport getTransport() {
        return this.transport;
    }
}
