package twisted.internet.endpoints;

import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.Protocol;

/**
 * Somewhere to connect to. Cancelling the Deferred abandons the attempt. Twisted:
 * {@code IStreamClientEndpoint}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ClientEndpoint {

    /**
     * Connects.
     *
     * @param factory builds the protocol once connected
     * @return a Deferred of the connected protocol (its {@code connectionMade} has run), or of the
     *         reason the attempt failed
     */
    Deferred<Protocol> connect(Factory factory);
}
