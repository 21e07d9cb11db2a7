package twisted.internet.endpoints;

import java.util.function.Function;

import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;

/**
 * A server endpoint made from one reactor call ({@code listenTCP}, {@code listenSSL},
 * {@code listenUNIX}); the call's {@code CannotListenException} becomes a failed Deferred. Its
 * {@code toString} is the description it was made from.
 */
final class StreamServerEndpoint implements ServerEndpoint {

    private final String description;

    private final Function<Factory, ListeningPort> listen;

    StreamServerEndpoint(String description, Function<Factory, ListeningPort> listen) {
        this.description = description;
        this.listen = listen;
    }

    @Override
    public Deferred<ListeningPort> listen(Factory factory) {
        return Deferred.execute(() -> this.listen.apply(factory));
    }

    @Override
    public String toString() {
        return this.description;
    }
}
