package twisted.internet;

/**
 * An outgoing connection attempt, returned by {@code connectTCP} and friends. Calling
 * {@link #connect()} from {@code clientConnectionFailed} or {@code clientConnectionLost} tries
 * again, which is how {@link ReconnectingClientFactory} works. Call it on the reactor thread.
 *
 * <p>Twisted: {@code IConnector}.
 *
 * @since 0.1.0
 */
public interface Connector {

    /** Starts (another) attempt to connect. */
    void connect();

    /**
     * Abandons the attempt in progress; the factory hears {@code clientConnectionFailed} with a
     * {@link twisted.internet.error.ConnectingCancelledException}.
     *
     * @throws IllegalStateException when no attempt is in progress
     */
    void stopConnecting();

    /** Closes the connection if it is up, or abandons the attempt if one is in progress. */
    void disconnect();

    /**
     * Where this connector connects to.
     *
     * @return the destination address
     */
    Address getDestination();
}
