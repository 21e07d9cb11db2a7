package twisted.internet;

/**
 * A server-side protocol with something to say when its service stops, in the protocol's own
 * terms, before the connection is closed: IRC's {@code ERROR :Closing Link}, SMTP's
 * {@code 421 Service not available}. A service that stops calls {@link #serviceStopping()} on each
 * open connection (on the reactor thread) and then closes it with {@code loseConnection()}, so
 * what the protocol wrote is flushed first, within the connection's close timeout.
 *
 * <p>Twisted has no such hook: its services close connections without a word.
 *
 * @since 0.1.0
 */
public interface ShutdownNotice {

    /**
     * The service is stopping: tell the peer. Writing is enough; the caller closes the connection.
     */
    void serviceStopping();
}
