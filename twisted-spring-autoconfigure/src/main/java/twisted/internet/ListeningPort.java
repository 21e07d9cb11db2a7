package twisted.internet;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * A port a reactor listens on, returned by {@code listenTCP}, {@code listenSSL},
 * {@code listenUNIX} and {@code listenUDP}.
 *
 * <p>Twisted: {@code IListeningPort}.
 *
 * @since 0.1.0
 */
public interface ListeningPort {

    /**
     * Stops accepting connections (or datagrams) and frees the port. Connections already accepted
     * stay open. Calling it again gives a Deferred that has already fired.
     *
     * @return a Deferred that fires, on the reactor thread, once the port is closed
     */
    Deferred<@Nullable Void> stopListening();

    /**
     * The address the port is bound to, with the real port number when 0 was asked for.
     *
     * @return the local address
     */
    Address getHost();

    /**
     * Whether the port still listens.
     *
     * @return {@code false} once {@link #stopListening()} was called
     */
    boolean isListening();
}
