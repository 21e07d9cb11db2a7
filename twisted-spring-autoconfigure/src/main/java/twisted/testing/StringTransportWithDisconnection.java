package twisted.testing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.Protocol;
import twisted.internet.error.ConnectionAbortedException;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;

/**
 * A {@link StringTransport} that also ends the connection for its protocol: the first
 * {@link #loseConnection()} or {@link #abortConnection()} calls the protocol's
 * {@link Protocol#disconnected disconnected} (so {@code connectionLost}) once, with a
 * {@link ConnectionDoneException} or a {@link ConnectionAbortedException} (a
 * {@link ConnectionLostException}), as the reactor's transports do. Later calls only record.
 *
 * <p>Attach the protocol first, as Twisted's tests set {@code transport.protocol}:
 * <pre>{@code
 * StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
 * transport.setProtocol(protocol);
 * protocol.makeConnection(transport);
 * }</pre>
 *
 * <p>{@code connectionLost} runs synchronously inside {@code loseConnection()}, so when a protocol
 * closes from one of its own callbacks, {@code connectionLost} runs before that callback returns.
 * A real reactor would call it later; write protocols that do not mind either order.
 *
 * <p>Not thread-safe: use it from the test's thread.
 *
 * <p>Twisted: {@code twisted.internet.testing.StringTransportWithDisconnection}.
 *
 * @since 0.1.0
 */
public class StringTransportWithDisconnection extends StringTransport {

    private @Nullable Protocol protocol;

    private boolean lost;

    /** A transport between Twisted's default test addresses (see {@link StringTransport#StringTransport()}). */
    public StringTransportWithDisconnection() {
    }

    /**
     * A transport between the given addresses.
     *
     * @param hostAddress what {@link #getHost()} returns
     * @param peerAddress what {@link #getPeer()} returns
     */
    public StringTransportWithDisconnection(Address hostAddress, Address peerAddress) {
        super(hostAddress, peerAddress);
    }

    /**
     * Attaches the protocol to tell when the connection ends. Call it before
     * {@code protocol.makeConnection(transport)}.
     *
     * @param protocol the protocol using this transport
     */
    public void setProtocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * The attached protocol.
     *
     * @return the protocol, or {@code null} before {@link #setProtocol}
     */
    public @Nullable Protocol getProtocol() {
        return this.protocol;
    }

    /**
     * Records the close and, the first time, tells the protocol with a
     * {@link ConnectionDoneException}.
     *
     * @throws IllegalStateException when no protocol is attached
     */
    @Override
    public void loseConnection() {
        Protocol attached = attached();
        super.loseConnection();
        lose(attached, new ConnectionDoneException());
    }

    /**
     * Records the abort and, the first time the connection ends, tells the protocol with a
     * {@link ConnectionAbortedException} (reason {@code ABORTED}), a {@link ConnectionLostException}.
     *
     * @throws IllegalStateException when no protocol is attached
     */
    @Override
    public void abortConnection() {
        Protocol attached = attached();
        super.abortConnection();
        lose(attached, new ConnectionAbortedException(ConnectionAbortedException.Reason.ABORTED,
                "abortConnection() was called"));
    }

    /**
     * Records the half-close and tells the protocol: {@code writeConnectionLost()} when it is a
     * {@link HalfCloseableProtocol}; otherwise the whole connection closes, as {@link #loseConnection()}.
     *
     * @throws IllegalStateException when no protocol is attached
     */
    @Override
    public void loseWriteConnection() {
        Protocol attached = attached();
        super.loseWriteConnection();
        if (attached instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
        }
        else {
            loseConnection();
        }
    }

    private void lose(Protocol attached, Exception reason) {
        if (!this.lost) {
            this.lost = true;
            attached.disconnected(new Failure(reason));
        }
    }

    private Protocol attached() {
        Protocol attached = this.protocol;
        if (attached == null) {
            throw new IllegalStateException("no protocol is attached to this transport: call setProtocol first");
        }
        return attached;
    }
}
