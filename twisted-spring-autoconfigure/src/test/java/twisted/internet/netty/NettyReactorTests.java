package twisted.internet.netty;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;
import twisted.internet.DatagramProtocol;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.SystemEvent;
import twisted.internet.Threads;
import twisted.internet.TlsOptions;
import twisted.internet.TriggerPhase;
import twisted.internet.error.CannotListenException;
import twisted.internet.error.ConnectTimeoutException;
import twisted.internet.error.ConnectingCancelledException;
import twisted.internet.error.ConnectionLostException;
import twisted.internet.error.ConnectionRefusedException;
import twisted.internet.error.ReactorNotRunningException;
import twisted.testing.RunningReactor;
import twisted.time.DelayedCall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class NettyReactorTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    @AfterEach
    void stopReactor() {
        this.running.close();
    }

    // ------------------------------------------------------------------ time and threads

    @Test
    void delayedCallsRunOnTheReactorThreadInDueOrderAndFifoForTies() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        this.running.call(() -> {
            this.reactor.callLater(Duration.ofMillis(60), () -> ran.add("later"));
            for (int i = 0; i < 5; i++) {
                int n = i;
                this.reactor.callLater(Duration.ZERO, () -> ran.add("now " + n + " " + this.reactor.isReactorThread()));
            }
            assertThat(ran).as("never synchronously").isEmpty();
            return null;
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.size() == 6);
        assertThat(ran).containsExactly("now 0 true", "now 1 true", "now 2 true", "now 3 true", "now 4 true", "later");
    }

    @Test
    void delayedCallCanBeCancelledAndMoved() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        DelayedCall[] calls = this.running.call(() -> new DelayedCall[] {
                this.reactor.callLater(Duration.ofMillis(50), () -> ran.add("cancelled")),
                this.reactor.callLater(Duration.ofHours(1), () -> ran.add("reset")) });
        this.running.call(() -> {
            calls[0].cancel();
            calls[1].reset(Duration.ofMillis(20));
            assertThat(this.reactor.getDelayedCalls()).containsExactly(calls[1]);
            return null;
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("reset"));
        Thread.sleep(100);
        assertThat(ran).containsExactly("reset");
        assertThat(this.reactor.getDelayedCalls()).isEmpty();
    }

    @Test
    void delayedCallsMadeBeforeStartWaitForIt() throws Exception {
        NettyReactor fresh = NettyReactor.create();
        List<String> ran = new CopyOnWriteArrayList<>();
        fresh.callLater(Duration.ZERO, () -> ran.add("held"));
        Thread.sleep(50);
        assertThat(ran).isEmpty();
        fresh.start().get(5, TimeUnit.SECONDS);
        await().atMost(5, TimeUnit.SECONDS).until(() -> ran.contains("held"));
        fresh.stop().get(5, TimeUnit.SECONDS);
    }

    @Test
    void deferToThreadRunsOffTheReactorAndFiresBackOnIt() throws Exception {
        String result = this.running.call(() -> this.reactor
                .deferToThread(() -> "ran on reactor thread: " + this.reactor.isReactorThread())
                .thenApply(value -> value + ", fired on reactor thread: " + this.reactor.isReactorThread()));
        assertThat(result).isEqualTo("ran on reactor thread: false, fired on reactor thread: true");
    }

    @Test
    void deferToThreadCarriesTheException() {
        assertThatExceptionOfType(java.io.IOException.class).isThrownBy(() -> this.running.call(
                () -> this.reactor.deferToThread(() -> {
                    throw new java.io.IOException("blocking work failed");
                }))).withMessage("blocking work failed");
    }

    @Test
    void blockingCallFromThreadRefusesOnTheReactorThread() throws Exception {
        Throwable refused = this.running.call(() -> {
            try {
                Threads.blockingCallFromThread(this.reactor, () -> "x", Duration.ofSeconds(1));
                return null;
            }
            catch (IllegalStateException ex) {
                return ex;
            }
        });
        assertThat(refused).hasMessageContaining("deadlock");
    }

    @Test
    void callFromThreadAfterStopIsRefused() throws Exception {
        this.reactor.stop().get(10, TimeUnit.SECONDS);
        assertThatExceptionOfType(ReactorNotRunningException.class).isThrownBy(() -> this.reactor.callFromThread(() -> { }));
        assertThatExceptionOfType(ReactorNotRunningException.class).isThrownBy(this.reactor::stop);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.reactor::start)
                .withMessageContaining("not restartable");
    }

    // ------------------------------------------------------------------ triggers

    @Test
    void startupTriggersRunInPhaseOrderThenCallWhenRunning() throws Exception {
        NettyReactor fresh = NettyReactor.create();
        List<String> ran = new CopyOnWriteArrayList<>();
        fresh.addSystemEventTrigger(TriggerPhase.AFTER, SystemEvent.STARTUP, () -> ran.add("after"));
        fresh.callWhenRunning(() -> ran.add("when running"));
        fresh.addSystemEventTrigger(TriggerPhase.DURING, SystemEvent.STARTUP, () -> ran.add("during"));
        fresh.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.STARTUP, () -> ran.add("before"));
        Object removed = fresh.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.STARTUP, () -> ran.add("removed"));
        fresh.removeSystemEventTrigger(removed);
        fresh.start().get(5, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("before", "during", "after", "when running");
        assertThat(fresh.isRunning()).isTrue();
        fresh.stop().get(5, TimeUnit.SECONDS);
    }

    @Test
    void shutdownWaitsForTheDeferredOfABeforeTrigger() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        this.reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
            Deferred<String> slow = new Deferred<>();
            this.reactor.callLater(Duration.ofMillis(200), () -> {
                ran.add("before finished");
                slow.callback("done");
            });
            return slow;
        });
        this.reactor.addSystemEventTrigger(TriggerPhase.AFTER, SystemEvent.SHUTDOWN, () -> ran.add("after"));
        this.reactor.stop().get(10, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("before finished", "after");
    }

    @Test
    void shutdownWaitForABeforeTriggerIsBounded() throws Exception {
        NettyReactor fresh = NettyReactor.builder().shutdownTimeout(Duration.ofMillis(300)).build();
        fresh.start().get(5, TimeUnit.SECONDS);
        fresh.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, Deferred::new);
        long start = System.nanoTime();
        fresh.stop().get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void stopClosesPortsAndConnectionsCleanly() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        CompletableFuture<Void> made = new CompletableFuture<>();
        ListeningPort port = this.running.call(() -> this.reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                made.complete(null);
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }), 50, "127.0.0.1"));
        try (Socket socket = new Socket("127.0.0.1", RunningReactor.port(port))) {
            socket.setSoTimeout(5000);
            made.get(5, TimeUnit.SECONDS);
            this.reactor.stop().get(10, TimeUnit.SECONDS);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(twisted.internet.error.ConnectionDoneException.class);
        assertThat(port.isListening()).isFalse();
    }

    // ------------------------------------------------------------------ ports

    @Test
    void listeningOnAPortInUseFailsAtOnceNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatExceptionOfType(CannotListenException.class)
                    .isThrownBy(() -> this.reactor.listenTCP(taken.getLocalPort(), Factory.forProtocol(Protocol0::new), 50,
                            "127.0.0.1"))
                    .withMessageContaining("Failed to bind on").withMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void stopListeningFreesThePortAndStopsTheFactoryOnce() throws Exception {
        CountingFactory factory = new CountingFactory();
        ListeningPort first = this.running.call(() -> this.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        ListeningPort second = this.running.call(() -> this.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        assertThat(factory.events).containsExactly("start");
        this.running.call(first::stopListening);
        assertThat(factory.events).containsExactly("start");
        this.running.call(second::stopListening);
        assertThat(factory.events).containsExactly("start", "stop");
        int freed = RunningReactor.port(first);
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", freed));
        }
    }

    @Test
    void unixSocketEchoes(@TempDir Path dir) throws Exception {
        String path = dir.resolve("echo.sock").toString();
        this.running.call(() -> this.reactor.listenUNIX(path, Factory.forProtocol(NettyTransportTests.Echo::new), 50));
        CompletableFuture<String> answer = new CompletableFuture<>();
        this.running.call(() -> this.reactor.connectUNIX(path, new ClientFactory(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write("over a unix socket".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void dataReceived(byte[] data) {
                answer.complete(new String(data, StandardCharsets.UTF_8));
                transport.loseConnection();
            }
        }), Duration.ofSeconds(5)));
        assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("over a unix socket");
    }

    @Test
    void udpEchoesDatagramsToAPlainDatagramSocket() throws Exception {
        ListeningPort port = this.running.call(() -> this.reactor.listenUDP(0, new DatagramProtocol() {
            @Override
            public void datagramReceived(byte[] data, Address address) {
                transport.write(data, address);
            }
        }, "127.0.0.1", 8192));
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", RunningReactor.port(port))));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            socket.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("ping");
        }
        assertThat(((IPAddress) port.getHost()).type()).isEqualTo("UDP");
        this.running.call(port::stopListening);
    }

    // ------------------------------------------------------------------ connectors

    @Test
    void connectTcpTalksToAPlainServerSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            RecordingClientFactory factory = new RecordingClientFactory("hi server");
            this.running.call(() -> this.reactor.connectTCP("127.0.0.1", server.getLocalPort(), factory));
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                assertThat(new String(accepted.getInputStream().readNBytes(9), StandardCharsets.UTF_8)).isEqualTo("hi server");
                accepted.getOutputStream().write("hi client".getBytes(StandardCharsets.UTF_8));
                await().atMost(5, TimeUnit.SECONDS).until(() -> factory.events.contains("data hi client"));
            }
            await().atMost(5, TimeUnit.SECONDS).until(() -> factory.events.contains("lost ConnectionDoneException"));
            assertThat(factory.events).containsExactly("startedConnecting", "made", "data hi client", "connectionLost",
                    "lost ConnectionDoneException");
        }
    }

    @Test
    void connectionToAClosedPortIsRefused() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        RecordingClientFactory factory = new RecordingClientFactory("x");
        this.running.call(() -> this.reactor.connectTCP("127.0.0.1", closed, factory));
        await().atMost(5, TimeUnit.SECONDS).until(() -> factory.failure.isDone());
        assertThat(factory.failure.get().value()).isInstanceOf(ConnectionRefusedException.class)
                .hasMessageContaining(String.valueOf(closed));
    }

    @Test
    void connectingByHostNameResolvesOffTheReactorThread() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            RecordingClientFactory factory = new RecordingClientFactory("by name");
            this.running.call(() -> this.reactor.connectTCP("localhost", server.getLocalPort(), factory));
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                assertThat(new String(accepted.getInputStream().readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("by name");
            }
        }
    }

    @Test
    void stopConnectingAbandonsTheAttempt() throws Exception {
        try (Backlogged server = Backlogged.open()) {
            RecordingClientFactory factory = new RecordingClientFactory("x");
            Connector connector = this.running.call(
                    () -> this.reactor.connectTCP("127.0.0.1", server.port(), factory, Duration.ofSeconds(30), null));
            Thread.sleep(100);
            this.running.call(() -> {
                connector.stopConnecting();
                return null;
            });
            assertThat(factory.failure.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectingCancelledException.class);
        }
    }

    @Test
    void connectTimeoutIsReported() throws Exception {
        try (Backlogged server = Backlogged.open()) {
            RecordingClientFactory factory = new RecordingClientFactory("x");
            this.running.call(() -> this.reactor.connectTCP("127.0.0.1", server.port(), factory,
                    Duration.ofMillis(300), null));
            Failure failure = factory.failure.get(5, TimeUnit.SECONDS);
            assertThat(failure.value()).isInstanceOf(ConnectTimeoutException.class).hasMessageContaining("300 ms");
        }
    }

    // ------------------------------------------------------------------ TLS

    @Test
    void tlsEchoWithACertificateMadeAtTestTime(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        ListeningPort port = this.running.call(() -> this.reactor.listenSSL(0,
                Factory.forProtocol(NettyTransportTests.Echo::new), TlsOptions.server(certificates.serverContext()), 50,
                "127.0.0.1"));
        RecordingClientFactory factory = new RecordingClientFactory("over tls");
        this.running.call(() -> this.reactor.connectSSL("127.0.0.1", RunningReactor.port(port), factory,
                TlsOptions.client(certificates.clientContext(), "localhost"), Duration.ofSeconds(5)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> factory.events.contains("data over tls"));
    }

    @Test
    void tlsServerAnswersAPlainJdkTlsClient(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        ListeningPort port = this.running.call(() -> this.reactor.listenSSL(0,
                Factory.forProtocol(NettyTransportTests.Echo::new), TlsOptions.server(certificates.serverContext()), 50,
                "127.0.0.1"));
        try (SSLSocket socket = (SSLSocket) certificates.clientContext().getSocketFactory().createSocket("127.0.0.1",
                RunningReactor.port(port))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("jdk client".getBytes(StandardCharsets.UTF_8));
            assertThat(new String(socket.getInputStream().readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("jdk client");
        }
    }

    @Test
    void tlsClientRejectsAServerWhoseCertificateIsForAnotherName(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        ListeningPort port = this.running.call(() -> this.reactor.listenSSL(0,
                Factory.forProtocol(NettyTransportTests.Echo::new), TlsOptions.server(certificates.serverContext()), 50,
                "127.0.0.1"));
        RecordingClientFactory factory = new RecordingClientFactory("must not be echoed");
        this.running.call(() -> this.reactor.connectSSL("127.0.0.1", RunningReactor.port(port), factory,
                TlsOptions.client(certificates.clientContext(), "wrong.example.org"), Duration.ofSeconds(5)));
        Failure lost = factory.lost.get(10, TimeUnit.SECONDS);
        assertThat(lost.value()).isInstanceOf(ConnectionLostException.class);
        assertThat(lost.value()).hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
        assertThat(lost.value().getCause()).isInstanceOf(SSLHandshakeException.class);
        assertThat(factory.events).noneMatch(event -> event.startsWith("data"));
    }

    @Test
    void withoutHostnameVerificationTheSameServerIsAccepted(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        ListeningPort port = this.running.call(() -> this.reactor.listenSSL(0,
                Factory.forProtocol(NettyTransportTests.Echo::new), TlsOptions.server(certificates.serverContext()), 50,
                "127.0.0.1"));
        RecordingClientFactory factory = new RecordingClientFactory("accepted");
        this.running.call(() -> this.reactor.connectSSL("127.0.0.1", RunningReactor.port(port), factory,
                TlsOptions.client(certificates.clientContext(), "wrong.example.org").withoutHostnameVerification(),
                Duration.ofSeconds(5)));
        await().atMost(10, TimeUnit.SECONDS).until(() -> factory.events.contains("data accepted"));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A loopback server that never accepts, with its accept queue full: Linux then drops new
     * SYNs, so a connection attempt to it stays pending (all on 127.0.0.1).
     */
    record Backlogged(ServerSocket server, List<Socket> fillers) implements AutoCloseable {

        static Backlogged open() throws Exception {
            ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
            List<Socket> fillers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Socket filler = new Socket();
                try {
                    filler.connect(server.getLocalSocketAddress(), 300);
                    fillers.add(filler);
                }
                catch (java.net.SocketTimeoutException full) {
                    filler.close();
                    return new Backlogged(server, fillers);
                }
            }
            throw new IllegalStateException("the accept queue never filled up");
        }

        int port() {
            return this.server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            for (Socket filler : this.fillers) {
                filler.close();
            }
            this.server.close();
        }
    }

    static final class Protocol0 extends Protocol {
    }

    static final class CountingFactory extends Factory {

        final List<String> events = new CopyOnWriteArrayList<>();

        CountingFactory() {
            super(Protocol0::new);
            setNoisy(false);
        }

        @Override
        public void startFactory() {
            this.events.add("start");
        }

        @Override
        public void stopFactory() {
            this.events.add("stop");
        }
    }

    /** Sends a greeting on connect, records what happens, closes after the first data. */
    static final class RecordingClientFactory extends ClientFactory {

        final List<String> events = new CopyOnWriteArrayList<>();

        final CompletableFuture<Failure> failure = new CompletableFuture<>();

        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        private final String greeting;

        RecordingClientFactory(String greeting) {
            this.greeting = greeting;
            setNoisy(false);
        }

        @Override
        public Protocol buildProtocol(Address address) {
            return new Protocol() {
                @Override
                public void connectionMade() {
                    RecordingClientFactory.this.events.add("made");
                    this.transport.write(RecordingClientFactory.this.greeting.getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void dataReceived(byte[] data) {
                    RecordingClientFactory.this.events.add("data " + new String(data, StandardCharsets.UTF_8));
                    this.transport.loseConnection();
                }

                @Override
                public void connectionLost(Failure reason) {
                    RecordingClientFactory.this.events.add("connectionLost");
                }
            };
        }

        @Override
        public void startedConnecting(Connector connector) {
            this.events.add("startedConnecting");
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            this.events.add("failed " + reason.type().getSimpleName());
            this.failure.complete(reason);
        }

        @Override
        public void clientConnectionLost(Connector connector, Failure reason) {
            this.events.add("lost " + reason.type().getSimpleName());
            this.lost.complete(reason);
        }
    }

    // ------------------------------------------------------------------ listen backlog (issue 11 item 5)

    /** The system's maximum listen backlog, read here independently of the code under test. */
    private static int systemMaximumBacklog() throws Exception {
        Path somaxconn = Path.of("/proc/sys/net/core/somaxconn");
        return java.nio.file.Files.isReadable(somaxconn)
                ? Integer.parseInt(java.nio.file.Files.readAllLines(somaxconn).get(0).trim()) : 1024;
    }

    private int backlogOf(ListeningPort port) {
        return ((NettyListeningPort) port).channel().config().getOption(io.netty.channel.ChannelOption.SO_BACKLOG);
    }

    @Test
    void everyKindOfEndpointListensWithTheSystemsMaximumBacklogUnlessGivenOne(@TempDir Path dir) throws Exception {
        int expected = systemMaximumBacklog();
        assertThat(Reactor.DEFAULT_BACKLOG).isEqualTo(expected);
        TestCertificates.generate(dir).writePem(dir.resolve("server.key"), dir.resolve("server.crt"));
        String ssl = "ssl:0:interface=127.0.0.1:privateKey=" + dir.resolve("server.key") + ":certKey="
                + dir.resolve("server.crt");
        String unix = "unix:" + dir.resolve("s.sock");
        for (String description : List.of("tcp:0:interface=127.0.0.1", ssl, unix)) {
            ListeningPort port = this.running.call(() -> twisted.internet.endpoints.Endpoints
                    .serverFromString(this.reactor, description).listen(Factory.forProtocol(NettyTransportTests.Echo::new)));
            assertThat(backlogOf(port)).as(description).isEqualTo(expected);
            this.running.call(port::stopListening);
            ListeningPort given = this.running.call(() -> twisted.internet.endpoints.Endpoints
                    .serverFromString(this.reactor, description + ":backlog=7").listen(Factory.forProtocol(NettyTransportTests.Echo::new)));
            assertThat(backlogOf(given)).as(description + ":backlog=7").isEqualTo(7);
            this.running.call(given::stopListening);
        }
        ListeningPort plain = this.running.call(() -> this.reactor.listenTCP(0, Factory.forProtocol(NettyTransportTests.Echo::new)));
        assertThat(backlogOf(plain)).isEqualTo(expected);
    }

    /**
     * What the backlog is for, on a real socket: while the reactor accepts nothing (the loop that
     * accepts is held busy), a burst of clients still completes the handshake, up to the backlog.
     * With Twisted's 50, the 52nd client's SYN is dropped and its connect hangs until it times out.
     */
    @Test
    void aBurstOfConnectionsQueuesInTheBacklogWhileNoneIsAccepted() throws Exception {
        int burst = Math.min(systemMaximumBacklog(), 200);
        List<String> made = new CopyOnWriteArrayList<>();
        ListeningPort port = this.running.call(() -> this.reactor.listenTCP(0, Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                made.add("made");
            }
        }), Reactor.DEFAULT_BACKLOG, "127.0.0.1"));
        CompletableFuture<Void> release = new CompletableFuture<>();
        CompletableFuture<Void> held = new CompletableFuture<>();
        ((NettyListeningPort) port).channel().eventLoop().execute(() -> {
            held.complete(null);
            release.join();
        });
        held.get(5, TimeUnit.SECONDS);
        List<Socket> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < burst; i++) {
                Socket socket = new Socket();
                clients.add(socket);
                // generous: a dropped SYN is sent again after 1 s and 3 s; a hang is what fails
                socket.connect(new InetSocketAddress("127.0.0.1", RunningReactor.port(port)), 10_000);
            }
            assertThat(made).as("none accepted yet").isEmpty();
            release.complete(null);
            await().atMost(20, TimeUnit.SECONDS).until(() -> made.size() == burst);
        }
        finally {
            release.complete(null);
            for (Socket socket : clients) {
                socket.close();
            }
        }
    }
}
