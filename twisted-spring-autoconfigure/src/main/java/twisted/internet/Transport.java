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
     *
     * <p>The framework's transports do not wait for ever: when what was left is not sent within
     * the connection's close timeout ({@link ConnectionLimits#closeTimeout()}, 10 s by default;
     * a peer that stopped reading), the connection is aborted and {@code connectionLost} gets a
     * {@link twisted.internet.error.ConnectionAbortedException} instead.
     */
    void loseConnection();

    /**
     * Closes the connection at once, dropping what is not sent yet (TCP reset). The protocol's
     * {@code connectionLost} follows, with {@link twisted.internet.error.ConnectionLostException}.
     */
    void abortConnection();

    /**
     * Whether what this connection holds unsent is below its high-water mark: writing now adds to
     * a buffer that is draining. Once it is not, a streaming producer registered on the transport
     * has been paused, and the transport stops reading from its own peer until the buffer has
     * drained; writes are still accepted, but one that takes the unsent bytes past the write buffer
     * limit aborts the connection (see {@link ConnectionLimits}).
     *
     * <p>Code that writes to connections other than its own (a chat room relaying a line to every
     * user) asks this to skip, drop or disconnect a reader that has fallen behind, instead of
     * buffering for it. To be told when it changes, register a streaming producer
     * ({@link #registerProducer}): its {@code pauseProducing} is called when the transport stops
     * being writable, whoever wrote to it, and {@code resumeProducing} when it is writable again.
     *
     * <p>Twisted tells only a registered producer; this method is new. Transports with no buffer of
     * their own are always writable.
     *
     * @return {@code true} while more may be written without waiting
     * @since 0.1.0
     */
    default boolean isWritable() {
        return true;
    }

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
