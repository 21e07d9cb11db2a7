package twisted.internet;

/**
 * A server-side protocol with something to say when its service stops, in the protocol's own
 * terms. Stopping a service has up to two steps, each called once per open connection on the
 * reactor thread:
 * <ol>
 * <li>{@link #drainStarted()}, only when the service has a drain time: the service no longer
 * accepts connections and waits up to its drain time for this one to end by itself. The protocol
 * may tell its peer (IRC: a {@code NOTICE}), let work in flight finish and then close the
 * connection itself (SMTP: the transaction in flight gets its {@code 250}, the next command
 * {@code 421}).</li>
 * <li>{@link #serviceStopping()}, for the connections still open at the end of the drain (at once
 * when there is none): the last word (IRC's {@code ERROR :Closing Link}, SMTP's
 * {@code 421 Service not available}) before the service closes the connection with
 * {@code loseConnection()}, so what the protocol wrote is flushed first, within the connection's
 * close timeout.</li>
 * </ol>
 *
 * <p>Twisted has no such hook: its services close connections without a word.
 *
 * @since 0.1.0
 */
public interface ShutdownNotice {

    /**
     * The service has stopped accepting and drains: tell the peer, if the protocol has a way, and
     * close the connection once the work in flight is done. It stays open otherwise, until the
     * drain time ends and {@link #serviceStopping()} is called. The default does nothing.
     */
    default void drainStarted() {
    }

    /**
     * The service is stopping: tell the peer. Writing is enough; the caller closes the connection.
     */
    void serviceStopping();
}
