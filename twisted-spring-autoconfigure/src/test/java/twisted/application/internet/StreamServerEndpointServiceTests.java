package twisted.application.internet;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.ConnectionLimits;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.endpoints.Endpoints;
import twisted.internet.error.ConnectionAbortedException;
import twisted.internet.error.ConnectionAbortedException.Reason;
import twisted.testing.MemoryReactor;
import twisted.testing.RunningReactor;
import twisted.testing.StringTransport;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listening service's connections: the limits it sets on each, the aborts it counts, and a
 * stop that waits until its connections have closed, so that the open count is exact. First
 * in memory ({@link MemoryReactor}, {@link StringTransport}), then on real sockets against peers
 * that never read.
 */
class StreamServerEndpointServiceTests {

    private static final ConnectionLimits TIGHT = new ConnectionLimits(16 * 1024, 256 * 1024, Duration.ofMillis(300));

    private static final IPv4Address PEER = new IPv4Address("TCP", "127.0.0.1", 40000);

    private final MemoryReactor memory = new MemoryReactor();

    private StreamServerEndpointService inMemory(ServerLimits limits) {
        StreamServerEndpointService service = new StreamServerEndpointService("chat", "tcp:8023",
                Endpoints.serverFromString(this.memory, "tcp:8023"), Factory.forProtocol(() -> new Protocol() { }), limits,
                this.memory);
        service.startService();
        return service;
    }

    /** Builds a protocol with the service's factory, as the reactor does per connection, and connects it. */
    private Protocol connect(StringTransport transport) {
        Factory factory = this.memory.tcpServers().get(this.memory.tcpServers().size() - 1).factory();
        Protocol protocol = factory.buildProtocol(PEER);
        assertThat(protocol).isNotNull();
        if (transport instanceof StringTransportWithDisconnection disconnecting) {
            disconnecting.setProtocol(protocol);
        }
        protocol.makeConnection(transport);
        return protocol;
    }

    private static Failure aborted(Reason reason) {
        return new Failure(new ConnectionAbortedException(reason, "test"));
    }

    @Test
    void eachConnectionGetsTheServicesConnectionLimits() {
        inMemory(new ServerLimits(10, null, TIGHT));
        StringTransport transport = new StringTransport();
        connect(transport);
        assertThat(transport.getConnectionLimits()).isEqualTo(TIGHT);
    }

    @Test
    void withoutConnectionLimitsAConnectionKeepsItsTransports() {
        inMemory(ServerLimits.NONE);
        StringTransport transport = new StringTransport();
        transport.setConnectionLimits(TIGHT);
        connect(transport);
        assertThat(transport.getConnectionLimits()).isEqualTo(TIGHT);
    }

    @Test
    void abortsAreCountedByReasonAndClosedConnectionsLeaveTheOpenCount() {
        StreamServerEndpointService service = inMemory(new ServerLimits(10, null, TIGHT));
        Protocol slow = connect(new StringTransport());
        Protocol stuck = connect(new StringTransport());
        Protocol fine = connect(new StringTransportWithDisconnection());
        assertThat(service.getStats().getOpen()).isEqualTo(3);
        slow.disconnected(aborted(Reason.WRITE_BUFFER_LIMIT));
        stuck.disconnected(aborted(Reason.CLOSE_TIMEOUT));
        fine.getTransport().loseConnection();
        ConnectionStats stats = service.getStats();
        assertThat(stats.getOpen()).isZero();
        assertThat(stats.getTotal()).isEqualTo(3);
        assertThat(stats.getAborted(Reason.WRITE_BUFFER_LIMIT)).isEqualTo(1);
        assertThat(stats.getAborted(Reason.CLOSE_TIMEOUT)).isEqualTo(1);
        assertThat(stats.getAborted(Reason.ABORTED)).isZero();
    }

    @Test
    void stopFiresOnceEveryConnectionHasClosedAndAStartCountsFromWhatIsReallyOpen() {
        StreamServerEndpointService service = inMemory(new ServerLimits(10, null, TIGHT));
        StringTransport stuckTransport = new StringTransport(); // records loseConnection, closes nothing
        Protocol stuck = connect(stuckTransport);
        connect(new StringTransportWithDisconnection());
        AtomicBoolean stopped = new AtomicBoolean();
        service.stopService().addCallback(done -> {
            stopped.set(true);
            return null;
        });
        assertThat(stuckTransport.isDisconnecting()).isTrue();
        assertThat(stopped).isFalse();
        assertThat(service.getStats().getOpen()).isEqualTo(1);
        // The transport aborts it at its close timeout.
        stuck.disconnected(aborted(Reason.CLOSE_TIMEOUT));
        assertThat(stopped).isTrue();
        assertThat(service.getStats().getOpen()).isZero();
        service.startService();
        assertThat(service.getStats().getOpen()).isZero();
        connect(new StringTransportWithDisconnection());
        assertThat(service.getStats().getOpen()).isEqualTo(1);
    }

    @Test
    void stopWithNoConnectionFiresAtOnce() {
        StreamServerEndpointService service = inMemory(ServerLimits.NONE);
        assertThat(service.stopService().isCalled()).isTrue();
    }

    // ------------------------------------------------------------------ real sockets

    /**
     * Writes 16 MiB as soon as the connection is made: more than a peer that never reads takes,
     * with the kernel's buffers on both sides (a send buffer grows to 4 MiB by default on Linux).
     */
    private static Factory flooding() {
        return Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.write(new byte[16 * 1024 * 1024]);
            }
        });
    }

    private static StreamServerEndpointService listening(RunningReactor running, Factory factory, ServerLimits limits)
            throws Exception {
        StreamServerEndpointService service = new StreamServerEndpointService("flood", "tcp:0",
                Endpoints.serverFromString(running.reactor(), "tcp:0:interface=127.0.0.1"), factory, limits,
                running.reactor());
        running.call(() -> {
            service.startService();
            return service.whenListening();
        });
        return service;
    }

    private static int port(StreamServerEndpointService service) {
        return ((IPAddress) service.getBoundAddress()).port();
    }

    private static Socket stuckReader(int port) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return socket;
    }

    @Test
    void stopClosesAPeerThatNeverReadsWithinTheCloseTimeoutAndTheCountIsExactAfterAStart() throws Exception {
        ServerLimits limits = new ServerLimits(10, null, ConnectionLimits.DEFAULTS.withCloseTimeout(Duration.ofMillis(500)));
        try (RunningReactor running = RunningReactor.start(Duration.ofSeconds(20))) {
            StreamServerEndpointService service = listening(running, flooding(), limits);
            ConnectionStats stats = service.getStats();
            try (Socket stuck = stuckReader(port(service))) {
                await().atMost(10, TimeUnit.SECONDS).until(() -> stats.getOpen() == 1);
                running.call(service::stopService); // waits for the Deferred: the connection has closed
                assertThat(stats.getOpen()).isZero();
                assertThat(stats.getAborted(Reason.CLOSE_TIMEOUT)).isEqualTo(1);

                running.call(() -> {
                    service.startService();
                    return service.whenListening();
                });
                assertThat(stats.getOpen()).isZero();
                try (Socket another = new Socket("127.0.0.1", port(service))) {
                    await().atMost(10, TimeUnit.SECONDS).until(() -> stats.getOpen() == 1);
                }
                await().atMost(10, TimeUnit.SECONDS).until(() -> stats.getOpen() == 0);
                assertThat(stats.getTotal()).isEqualTo(2);
            }
        }
    }

    @Test
    void anIdleCloseOfAPeerThatNeverReadsEndsAtTheCloseTimeout() throws Exception {
        ServerLimits limits = new ServerLimits(10, Duration.ofMillis(300),
                ConnectionLimits.DEFAULTS.withCloseTimeout(Duration.ofMillis(300)));
        try (RunningReactor running = RunningReactor.start(Duration.ofSeconds(20))) {
            StreamServerEndpointService service = listening(running, flooding(), limits);
            ConnectionStats stats = service.getStats();
            try (Socket stuck = stuckReader(port(service))) {
                await().atMost(10, TimeUnit.SECONDS).until(() -> stats.getTotal() == 1);
                await().atMost(10, TimeUnit.SECONDS).until(() -> stats.getOpen() == 0);
                assertThat(stats.getAborted(Reason.CLOSE_TIMEOUT)).isEqualTo(1);
            }
        }
    }
}
