package twisted.internet;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * A UDP port as its {@link DatagramProtocol} sees it. Call it on the reactor thread; the
 * framework's transport hands calls from other threads to the reactor thread.
 *
 * <p>Twisted: {@code IUDPTransport}.
 *
 * @since 0.1.0
 */
public interface DatagramTransport {

    /** The transport of a protocol whose port is not listening: every call fails. */
    DatagramTransport NOT_LISTENING = new DatagramTransport() {

        @Override
        public void write(byte[] data, @Nullable Address address) {
            throw new IllegalStateException("the datagram protocol is not listening");
        }

        @Override
        public void connect(String host, int port) {
            throw new IllegalStateException("the datagram protocol is not listening");
        }

        @Override
        public Address getHost() {
            throw new IllegalStateException("the datagram protocol is not listening");
        }

        @Override
        public Deferred<@Nullable Void> stopListening() {
            throw new IllegalStateException("the datagram protocol is not listening");
        }
    };

    /**
     * Sends one datagram.
     *
     * @param data the datagram; at most the port's maximum packet size
     * @param address where to send it; {@code null} on a connected transport
     */
    void write(byte[] data, @Nullable Address address);

    /**
     * Sends one datagram to the connected peer.
     *
     * @param data the datagram
     * @throws IllegalStateException when the transport is not connected
     */
    default void write(byte[] data) {
        write(data, null);
    }

    /**
     * Connects the port to one peer (an IP address, not a host name): only its datagrams are
     * received, {@code write(data)} sends to it, and "port unreachable" answers reach
     * {@link DatagramProtocol#connectionRefused()}.
     *
     * @param host the peer's IP address
     * @param port the peer's port
     */
    void connect(String host, int port);

    /**
     * The address the port is bound to.
     *
     * @return the local address
     */
    Address getHost();

    /**
     * Stops listening and frees the port.
     *
     * @return a Deferred that fires once the port is closed
     */
    Deferred<@Nullable Void> stopListening();
}
