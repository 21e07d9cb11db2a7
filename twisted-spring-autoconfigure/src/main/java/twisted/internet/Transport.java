package twisted.internet;

import java.util.List;

/**
 * A connection as its {@link Protocol} sees it: write bytes, close, ask who is on the other end.
 * It is also a {@link Consumer} (register a producer to stream into it) and a
 * {@link PushProducer} ({@code pauseProducing()} stops reading from the peer).
 *
 * <h2>Threads</h2>
 * Call it on the reactor thread, where protocol callbacks already run. The framework's transports
 * hand a call from another thread to the reactor thread (copying the bytes of a write first) and
 * never race; test transports need no thread at all.
 *
 * <p>Twisted: {@code ITransport}, {@code IConsumer}, {@code IPushProducer}.
 *
 * @since 0.1.0
 */
public interface Transport extends Consumer, PushProducer {

    /**
     * Writes each chunk in order, as {@link #write} would.
     *
     * @param data the chunks
     */
    default void writeSequence(List<byte[]> data) {
        for (byte[] chunk : data) {
            write(chunk);
        }
    }

    /**
     * Closes the connection once everything written so far has been sent. Writes after this are
     * dropped. The protocol's {@code connectionLost} follows, with {@link twisted.internet.error.ConnectionDoneException}.
     */
    void loseConnection();

    /**
     * Closes the connection at once, dropping what is not sent yet (TCP reset). The protocol's
     * {@code connectionLost} follows, with {@link twisted.internet.error.ConnectionLostException}.
     */
    void abortConnection();

    /**
     * Whether {@link #loseConnection()} or {@link #abortConnection()} was called, or the connection
     * is already closed. Twisted: {@code transport.disconnecting}.
     *
     * @return {@code true} once closing has begun
     */
    boolean isDisconnecting();

    /**
     * The other end's address.
     *
     * @return the peer
     */
    Address getPeer();

    /**
     * This end's address.
     *
     * @return the local address
     */
    Address getHost();

    /**
     * A short label for log lines about this connection, such as the protocol's class and the peer.
     *
     * @return the label
     */
    default String logPrefix() {
        return String.valueOf(getPeer());
    }
}
