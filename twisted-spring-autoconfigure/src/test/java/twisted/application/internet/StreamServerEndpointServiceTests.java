package twisted.application.internet;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import twisted.application.service.MultiService;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.ConnectionLimits;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.ShutdownNotice;
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

    /** Records what its service told it; closes itself at the drain when asked to. */
    private static final class Notified extends Protocol implements ShutdownNotice {

        final List<String> told = new ArrayList<>();

        private final boolean leavesOnDrain;

        Notified(boolean leavesOnDrain) {
            this.leavesOnDrain = leavesOnDrain;
        }

        @Override
        public void drainStarted() {
            this.told.add("drain");
            if (this.leavesOnDrain) {
                this.transport.loseConnection();
            }
        }

        @Override
        public void serviceStopping() {
            this.told.add("stop");
        }
    }

    private final List<Notified> made = new ArrayList<>();

    /** A new protocol for a connection, recorded in {@link #made}. */
    private Notified notified(boolean leavesOnDrain) {
        Notified protocol = new Notified(leavesOnDrain);
        this.made.add(protocol);
        return protocol;
    }

    private StreamServerEndpointService draining(String name, int port, Duration drainTime, Supplier<Protocol> protocols) {
        StreamServerEndpointService service = new StreamServerEndpointService(name, "tcp:" + port,
                Endpoints.serverFromString(this.memory, "tcp:" + port), Factory.forProtocol(protocols),
                new ServerLimits(10, null, TIGHT).withDrainTime(drainTime), this.memory);
        service.startService();
        return service;
    }

    private static AtomicBoolean whenStopped(Deferred<?> stop) {
        AtomicBoolean stopped = new AtomicBoolean();
        stop.addCallback(done -> {
            stopped.set(true);
            return null;
        });
        return stopped;
    }

    @Test
    void aDrainTellsEachConnectionOnceWaitsUpToTheDrainTimeThenClosesTheRest() {
        List<Notified> made = new ArrayList<>();
        boolean[] nextLeaves = {false};
        StreamServerEndpointService service = draining("smtp", 8025, Duration.ofSeconds(30), () -> {
            Notified protocol = new Notified(nextLeaves[0]);
            made.add(protocol);
            return protocol;
        });
        Protocol lingering = connect(new StringTransportWithDisconnection());
        Protocol leaving = connect(new StringTransportWithDisconnection());
        nextLeaves[0] = true;
        Protocol polite = connect(new StringTransportWithDisconnection());
        AtomicBoolean stopped = whenStopped(service.stopService());
        assertThat(service.isListening()).as("stopped accepting first").isFalse();
        assertThat(made).allSatisfy(protocol -> assertThat(protocol.told).containsExactly("drain"));
        assertThat(polite.getTransport().isDisconnecting()).as("closed itself on the drain notice").isTrue();
        assertThat(service.getStats().getOpen()).isEqualTo(2);
        this.memory.advance(Duration.ofSeconds(10));
        leaving.getTransport().loseConnection();
        assertThat(service.getStats().getOpen()).isEqualTo(1);
        this.memory.advance(Duration.ofMillis(19_999));
        assertThat(stopped).as("still draining just before the drain time").isFalse();
        assertThat(lingering.getTransport().isDisconnecting()).isFalse();
        this.memory.advance(Duration.ofMillis(1));
        assertThat(made.get(0).told).containsExactly("drain", "stop");
        assertThat(made.get(1).told).as("gone before the end: no last word").containsExactly("drain");
        assertThat(lingering.getTransport().isDisconnecting()).isTrue();
        assertThat(stopped).isTrue();
        assertThat(service.getStats().getOpen()).isZero();
    }

    @Test
    void aDrainEndsAsSoonAsTheLastConnectionLeaves() {
        StreamServerEndpointService service = draining("irc", 6667, Duration.ofSeconds(30), () -> notified(false));
        Protocol only = connect(new StringTransportWithDisconnection());
        AtomicBoolean stopped = whenStopped(service.stopService());
        this.memory.advance(Duration.ofSeconds(5));
        assertThat(stopped).isFalse();
        only.getTransport().loseConnection();
        assertThat(stopped).isTrue();
        assertThat(this.made.get(0).told).containsExactly("drain");
        assertThat(this.memory.getDelayedCalls()).as("the drain's deadline is cancelled").isEmpty();
    }

    @Test
    void servicesInOneTreeDrainAtTheSameTimeNotOneAfterTheOther() {
        MultiService root = new MultiService("root");
        StreamServerEndpointService first = new StreamServerEndpointService("first", "tcp:1001",
                Endpoints.serverFromString(this.memory, "tcp:1001"), Factory.forProtocol(() -> notified(false)),
                new ServerLimits(10, null, TIGHT, Duration.ofSeconds(30)), this.memory);
        StreamServerEndpointService second = new StreamServerEndpointService("second", "tcp:1002",
                Endpoints.serverFromString(this.memory, "tcp:1002"), Factory.forProtocol(() -> notified(false)),
                new ServerLimits(10, null, TIGHT, Duration.ofSeconds(20)), this.memory);
        root.addService(first);
        root.addService(second);
        root.startService();
        Protocol onFirst = connectTo(0);
        Protocol onSecond = connectTo(1);
        AtomicBoolean stopped = whenStopped(root.stopService());
        assertThat(this.made).hasSize(2).allSatisfy(protocol -> assertThat(protocol.told).containsExactly("drain"));
        this.memory.advance(Duration.ofSeconds(20));
        assertThat(onSecond.getTransport().isDisconnecting()).isTrue();
        assertThat(onFirst.getTransport().isDisconnecting()).isFalse();
        assertThat(stopped).isFalse();
        this.memory.advance(Duration.ofSeconds(10));
        assertThat(onFirst.getTransport().isDisconnecting()).isTrue();
        assertThat(stopped).as("both drained within the longest drain time, 30 s, not 50 s").isTrue();
    }

    @Test
    void withoutADrainTimeConnectionsAreClosedAtOnceWithoutADrainNotice() {
        StreamServerEndpointService service = draining("chat", 8023, Duration.ZERO, () -> notified(false));
        connect(new StringTransportWithDisconnection());
        AtomicBoolean stopped = whenStopped(service.stopService());
        assertThat(this.made.get(0).told).containsExactly("stop");
        assertThat(stopped).isTrue();
    }

    @Test
    void aConnectionMadeWhileDrainingIsToldAtOnceAndARestartEndsTheDrain() {
        StreamServerEndpointService service = draining("smtp", 8025, Duration.ofSeconds(30), () -> notified(false));
        connect(new StringTransportWithDisconnection());
        Factory factory = this.memory.tcpServers().get(0).factory();
        service.stopService();
        connect(factory, new StringTransportWithDisconnection());
        assertThat(this.made.get(1).told).as("made while draining").containsExactly("drain");
        this.memory.advance(Duration.ofSeconds(30));
        service.startService();
        connect(new StringTransportWithDisconnection());
        assertThat(this.made.get(2).told).isEmpty();
    }

    private Protocol connectTo(int server) {
        return connect(this.memory.tcpServers().get(server).factory(), new StringTransportWithDisconnection());
    }

    private static Protocol connect(Factory factory, StringTransportWithDisconnection transport) {
        Protocol protocol = factory.buildProtocol(PEER);
        assertThat(protocol).isNotNull();
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        return protocol;
    }
}
