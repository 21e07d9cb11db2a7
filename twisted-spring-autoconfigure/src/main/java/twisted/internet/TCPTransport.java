package twisted.internet;

/**
 * A TCP connection: a {@link Transport} with socket options, half-close and TLS.
 *
 * <p>Twisted: {@code ITCPTransport}, {@code ITLSTransport}.
 *
 * @since 0.1.0
 */
public interface TCPTransport extends Transport {

    /**
     * Turns Nagle's algorithm off ({@code true}) or on.
     *
     * @param enabled whether {@code TCP_NODELAY} is set
     */
    void setTcpNoDelay(boolean enabled);

    /**
     * Whether {@code TCP_NODELAY} is set.
     *
     * @return the option's value
     */
    boolean getTcpNoDelay();

    /**
     * Turns TCP keep-alive on or off.
     *
     * @param enabled whether {@code SO_KEEPALIVE} is set
     */
    void setTcpKeepAlive(boolean enabled);

    /**
     * Whether {@code SO_KEEPALIVE} is set.
     *
     * @return the option's value
     */
    boolean getTcpKeepAlive();

    /**
     * How much this connection may hold unsent and how long its clean close may take. A new
     * connection starts with its reactor's limits; a service sets its own on each of its
     * connections.
     *
     * @return the limits in force
     * @since 0.1.0
     */
    ConnectionLimits getConnectionLimits();

    /**
     * Changes this connection's limits from now on. A lower limit is checked at the next write; a
     * close already under way keeps its deadline. Twisted: setting {@code transport.bufferSize}.
     *
     * @param limits the new limits
     * @since 0.1.0
     */
    void setConnectionLimits(ConnectionLimits limits);

    /**
     * Closes the writing half once what was written has been sent, keeping the reading half open.
     * The protocol then gets {@link HalfCloseableProtocol#writeConnectionLost()}; a protocol that
     * is not a {@link HalfCloseableProtocol} simply loses the connection.
     */
    void loseWriteConnection();

    /**
     * Switches this connection to TLS now. What was written before the call goes out in plain
     * text; what is written after goes encrypted. Call it from the protocol right after the
     * command that starts TLS (STARTTLS), once the reply has been written.
     *
     * @param options the TLS settings; client mode verifies the peer's host name by default
     */
    void startTLS(TlsOptions options);

    /**
     * Whether TLS is on for this connection.
     *
     * @return {@code true} after {@link #startTLS} or on a TLS port
     */
    boolean isSecure();
}
