package twisted.testing;

import java.util.Objects;

import twisted.defer.Failure;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;

/**
 * Connects a client protocol to a server protocol in memory, with no sockets and no threads:
 * what one writes, the other receives when the test calls {@link #pump()} or {@link #flush()}.
 * Closing is delivered too: once one side has called {@code loseConnection} and what it wrote has
 * been delivered, both sides get {@code connectionLost} ({@link ConnectionDoneException}, or
 * {@link ConnectionLostException} after an {@code abortConnection}).
 *
 * <pre>{@code
 * IOPump pump = IOPump.connect(new ChatFactory().buildProtocol(address), client);
 * pump.flush();
 * }</pre>
 *
 * <p>Each side's transport is a {@link StringTransport}, so a test can still look at what was
 * written. Data is delivered whole per pump round, as one {@code dataReceived} call.
 *
 * <p>Twisted: {@code twisted.test.iosim.connectedServerAndClient} and {@code IOPump}.
 *
 * @since 0.1.0
 */
public final class IOPump {

    private static final int MAX_ROUNDS = 10_000;

    private final Protocol server;

    private final Protocol client;

    private final StringTransport serverTransport;

    private final StringTransport clientTransport;

    private boolean closed;

    private IOPump(Protocol server, Protocol client) {
        this.server = server;
        this.client = client;
        this.serverTransport = new StringTransport(new IPv4Address("TCP", "127.0.0.1", 4321),
                new IPv4Address("TCP", "127.0.0.1", 54321));
        this.clientTransport = new StringTransport(new IPv4Address("TCP", "127.0.0.1", 54321),
                new IPv4Address("TCP", "127.0.0.1", 4321));
    }

    /**
     * Connects the two protocols: the server's {@code connectionMade} runs first, then the
     * client's, as on a real connection where the server accepts first.
     *
     * @param server the server side's protocol, not yet connected
     * @param client the client side's protocol, not yet connected
     * @return the pump between them
     */
    public static IOPump connect(Protocol server, Protocol client) {
        IOPump pump = new IOPump(Objects.requireNonNull(server, "server"), Objects.requireNonNull(client, "client"));
        server.makeConnection(pump.serverTransport);
        client.makeConnection(pump.clientTransport);
        return pump;
    }

    /**
     * Moves what each side has written so far to the other side, once each way, then delivers a
     * close if one is due.
     *
     * @return whether anything was delivered
     */
    public boolean pump() {
        if (this.closed) {
            return false;
        }
        boolean moved = deliver(this.clientTransport, this.server);
        moved |= deliver(this.serverTransport, this.client);
        if (this.clientTransport.isDisconnecting() || this.serverTransport.isDisconnecting()) {
            if (this.clientTransport.value().length == 0 && this.serverTransport.value().length == 0) {
                close();
                return true;
            }
        }
        return moved;
    }

    /**
     * Pumps until neither side has anything left to deliver.
     *
     * @throws IllegalStateException when the two sides keep talking for 10,000 rounds
     */
    public void flush() {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            if (!pump()) {
                return;
            }
        }
        throw new IllegalStateException("the protocols were still talking after " + MAX_ROUNDS + " pump rounds");
    }

    private static boolean deliver(StringTransport from, Protocol to) {
        byte[] data = from.value();
        if (data.length == 0) {
            return false;
        }
        from.clear();
        to.dataReceived(data);
        return true;
    }

    private void close() {
        this.closed = true;
        boolean aborted = this.clientTransport.isAborted() || this.serverTransport.isAborted();
        Failure reason = new Failure(aborted ? new ConnectionLostException() : new ConnectionDoneException());
        this.server.disconnected(reason);
        this.client.disconnected(reason);
    }

    /**
     * Whether both sides have been told the connection is gone.
     *
     * @return {@code true} after the close was delivered
     */
    public boolean isClosed() {
        return this.closed;
    }

    /**
     * The server side's transport.
     *
     * @return what the server writes to
     */
    public StringTransport serverTransport() {
        return this.serverTransport;
    }

    /**
     * The client side's transport.
     *
     * @return what the client writes to
     */
    public StringTransport clientTransport() {
        return this.clientTransport;
    }
}
