package twisted.internet.endpoints;

import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;

/**
 * Somewhere to listen. Twisted: {@code IStreamServerEndpoint}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ServerEndpoint {

    /**
     * Starts listening.
     *
     * @param factory builds a protocol per connection
     * @return a Deferred of the port, failed with {@code CannotListenException} when it cannot bind
     */
    Deferred<ListeningPort> listen(Factory factory);
}
