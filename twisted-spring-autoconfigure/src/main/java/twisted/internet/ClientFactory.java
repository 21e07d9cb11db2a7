package twisted.internet;

import java.util.function.Supplier;

import twisted.defer.Failure;

/**
 * A {@link Factory} for outgoing connections, told how each attempt goes. Calling
 * {@code connector.connect()} from {@link #clientConnectionFailed} or
 * {@link #clientConnectionLost} retries. All callbacks run on the reactor thread.
 *
 * <p>Twisted: {@code twisted.internet.protocol.ClientFactory}.
 *
 * @since 0.1.0
 */
public class ClientFactory extends Factory {

    /** A factory whose subclass overrides {@link #buildProtocol}. */
    protected ClientFactory() {
    }

    /**
     * A factory building protocols with {@code protocol}.
     *
     * @param protocol makes the protocol for each connection
     */
    public ClientFactory(Supplier<? extends Protocol> protocol) {
        super(protocol);
    }

    /**
     * An attempt is starting. Does nothing by default.
     *
     * @param connector the attempt
     */
    public void startedConnecting(Connector connector) {
    }

    /**
     * An attempt failed before a connection was made. Does nothing by default.
     *
     * @param connector the attempt; {@code connect()} retries
     * @param reason why, for example a {@link twisted.internet.error.ConnectionRefusedException}
     */
    public void clientConnectionFailed(Connector connector, Failure reason) {
    }

    /**
     * A connection that was made has ended; called after the protocol's {@code connectionLost}.
     * Does nothing by default.
     *
     * @param connector the attempt; {@code connect()} reconnects
     * @param reason why the connection ended
     */
    public void clientConnectionLost(Connector connector, Failure reason) {
    }
}
