package twisted.internet;

/**
 * A protocol that wants to know when one direction of a TCP connection closes while the other
 * stays open. Without it, the peer closing its writing half closes the whole connection.
 *
 * <p>Twisted: {@code IHalfCloseableProtocol}.
 *
 * @since 0.1.0
 */
public interface HalfCloseableProtocol {

    /** The peer has closed its writing half: no more data will come, but we may still write. */
    void readConnectionLost();

    /** Our writing half is closed ({@link TCPTransport#loseWriteConnection()}). */
    void writeConnectionLost();
}
