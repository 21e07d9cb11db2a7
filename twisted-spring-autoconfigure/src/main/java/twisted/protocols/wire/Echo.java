package twisted.protocols.wire;

import twisted.internet.Protocol;

/**
 * Writes back every byte it receives (RFC 862). The book's first server.
 *
 * <pre>{@code
 * reactor.listenTCP(8000, Factory.forProtocol(Echo::new));
 * }</pre>
 *
 * <p>Twisted: {@code twisted.protocols.wire.Echo}.
 *
 * @since 0.1.0
 */
public class Echo extends Protocol {

    @Override
    public void dataReceived(byte[] data) {
        this.transport.write(data);
    }
}
