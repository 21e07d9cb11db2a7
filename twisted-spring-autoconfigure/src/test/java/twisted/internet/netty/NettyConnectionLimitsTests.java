package twisted.internet.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.ConnectionLimits;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.internet.Transport;
import twisted.internet.error.ConnectionAbortedException;
import twisted.internet.error.ConnectionDoneException;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ConnectionLimits} on real loopback connections: what a connection may hold unsent,
 * whoever writes to it, and how long its close may take, against peers that stop reading (a
 * plain socket with a small receive buffer that is never read).
 */
class NettyConnectionLimitsTests {

    private static final int KIB = 1024;

    private static final int MIB = 1024 * KIB;

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void stopReactor() {
        this.running.close();
    }

    /** A client that never reads what it is sent, beyond what its small receive buffer takes. */
    private static Socket stuckReader(int port) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4 * KIB);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10000);
        return socket;
    }

    /** Records its connection's end and its producer's events. */
    static class Recorder extends Protocol {

        final CompletableFuture<TCPTransport> made = new CompletableFuture<>();

        final CompletableFuture<Failure> lost = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            this.made.complete((TCPTransport) this.transport);
        }

        @Override
        public void connectionLost(Failure reason) {
            this.lost.complete(reason);
        }
    }

    /** The first connection is the sink; each later one writes whatever it receives to the sink (fan-out). */
    static final class Room {

        final Recorder sink = new Recorder();

        final Recorder source = new Recorder() {
            @Override
            public void dataReceived(byte[] data) {
                Room.this.sink.getTransport().write(data);
            }
        };

        private int built;

        Factory factory() {
            return Factory.forProtocol(() -> (this.built++ == 0) ? this.sink : this.source);
        }
    }

    @Test
    void writesFromAnotherConnectionToAPeerThatNeverReadsAbortItAtTheLimit() throws Exception {
        Room room = new Room();
        int port = this.running.listenTCP(room.factory());
        try (Socket sink = stuckReader(port); Socket source = new Socket("127.0.0.1", port)) {
            TCPTransport sinkTransport = room.sink.made.get(5, TimeUnit.SECONDS);
            this.running.run(() -> sinkTransport.setConnectionLimits(new ConnectionLimits(64 * KIB, MIB, Duration.ofSeconds(10))));
            room.source.made.get(5, TimeUnit.SECONDS);
            byte[] chunk = new byte[64 * KIB];
            // The source's own reading is never paused: nothing is written to it. Without the
            // limit, the sink's buffer grows by every byte sent here.
            for (int sent = 0; sent < 64 * MIB && !room.sink.lost.isDone(); sent += chunk.length) {
                source.getOutputStream().write(chunk);
            }
            Failure reason = room.sink.lost.get(10, TimeUnit.SECONDS);
            assertThat(reason.value()).isInstanceOfSatisfying(ConnectionAbortedException.class,
                    aborted -> assertThat(aborted.getReason()).isEqualTo(ConnectionAbortedException.Reason.WRITE_BUFFER_LIMIT))
                    .hasMessageContaining("past the write buffer limit of " + MIB + " bytes");
            assertThat(room.source.lost).isNotDone();
        }
    }

    @Test
    void writesFromAnotherConnectionPauseTheSinksProducerAndMakeItUnwritableUntilItsPeerReads() throws Exception {
        Room room = new Room();
        List<String> events = new CopyOnWriteArrayList<>();
        int port = this.running.listenTCP(room.factory());
        try (Socket sink = stuckReader(port); Socket source = new Socket("127.0.0.1", port)) {
            TCPTransport sinkTransport = room.sink.made.get(5, TimeUnit.SECONDS);
            this.running.run(() -> sinkTransport.registerProducer(new PushProducer() {
                @Override
                public void pauseProducing() {
                    events.add("paused, writable: " + sinkTransport.isWritable());
                }

                @Override
                public void resumeProducing() {
                    events.add("resumed, writable: " + sinkTransport.isWritable());
                }

                @Override
                public void stopProducing() {
                }
            }, true));
            room.source.made.get(5, TimeUnit.SECONDS);
            assertThat(sinkTransport.isWritable()).isTrue();
            byte[] chunk = new byte[64 * KIB];
            int sent = 0;
            while (events.isEmpty() && sent < 3 * MIB) {
                source.getOutputStream().write(chunk);
                sent += chunk.length;
                Thread.sleep(10);
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> !events.isEmpty());
            assertThat(events.get(0)).isEqualTo("paused, writable: false");
            // The kernel may take more of the buffer meanwhile, as its send buffer grows: the
            // producer may be resumed (and paused again) before the peer reads at all.
            InputStream in = sink.getInputStream();
            assertThat(in.readNBytes(sent)).hasSize(sent);
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.get(events.size() - 1).startsWith("resumed"));
            assertThat(events).endsWith("resumed, writable: true");
            assertThat(sinkTransport.isWritable()).isTrue();
            assertThat(room.sink.lost).isNotDone();
        }
    }

    @Test
    void aWriteMadeWhileWritableIsSentWhateverItsSize() throws Exception {
        byte[] big = new byte[4 * MIB];
        Recorder protocol = new Recorder() {
            @Override
            public void connectionMade() {
                ((TCPTransport) this.transport).setConnectionLimits(new ConnectionLimits(64 * KIB, MIB, Duration.ofSeconds(10)));
                this.transport.write(big);
                this.transport.loseConnection();
            }
        };
        int port = this.running.listenTCP(Factory.forProtocol(() -> protocol));
        try (Socket socket = stuckReader(port)) {
            assertThat(socket.getInputStream().readAllBytes()).hasSize(big.length);
        }
        assertThat(protocol.lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDoneException.class);
    }

    @Test
    void loseConnectionToAPeerThatNeverReadsAbortsAtTheCloseTimeout() throws Exception {
        Recorder protocol = new Recorder() {
            @Override
            public void connectionMade() {
                ((TCPTransport) this.transport).setConnectionLimits(ConnectionLimits.DEFAULTS.withCloseTimeout(Duration.ofMillis(300)));
                // More than the kernel takes for a peer that never reads (a send buffer grows to 4 MiB).
                this.transport.write(new byte[16 * MIB]);
                this.transport.loseConnection();
            }
        };
        int port = this.running.listenTCP(Factory.forProtocol(() -> protocol));
        try (Socket socket = stuckReader(port)) {
            Failure reason = protocol.lost.get(10, TimeUnit.SECONDS);
            assertThat(reason.value()).isInstanceOfSatisfying(ConnectionAbortedException.class,
                    aborted -> assertThat(aborted.getReason()).isEqualTo(ConnectionAbortedException.Reason.CLOSE_TIMEOUT))
                    .hasMessageContaining("within the close timeout of 300 ms");
        }
    }

    @Test
    void theReactorsLimitsAreEveryNewConnectionsAndAreNotShared() throws Exception {
        Room room = new Room();
        int port = this.running.listenTCP(room.factory());
        try (Socket sink = new Socket("127.0.0.1", port); Socket source = new Socket("127.0.0.1", port)) {
            TCPTransport first = room.sink.made.get(5, TimeUnit.SECONDS);
            TCPTransport second = room.source.made.get(5, TimeUnit.SECONDS);
            assertThat(first.getConnectionLimits()).isEqualTo(this.running.reactor().connectionLimits())
                    .isEqualTo(ConnectionLimits.DEFAULTS);
            ConnectionLimits tight = new ConnectionLimits(KIB, 2 * KIB, Duration.ofSeconds(1));
            this.running.run(() -> first.setConnectionLimits(tight));
            assertThat(first.getConnectionLimits()).isEqualTo(tight);
            assertThat(second.getConnectionLimits()).isEqualTo(ConnectionLimits.DEFAULTS);
        }
    }

    @Test
    void reactorShutdownSendsWhatWasWrittenToAPeerThatReadsLate() throws Exception {
        byte[] written = new byte[16 * MIB]; // more than the kernel's buffers take
        Recorder protocol = new Recorder() {
            @Override
            public void connectionMade() {
                super.connectionMade();
                this.transport.write(written);
            }
        };
        int port = this.running.listenTCP(Factory.forProtocol(() -> protocol));
        try (Socket socket = stuckReader(port)) {
            protocol.made.get(5, TimeUnit.SECONDS);
            this.running.reactor().stop();
            Thread.sleep(200); // the shutdown is under way, the peer has not read yet
            assertThat(socket.getInputStream().readAllBytes()).hasSize(written.length);
        }
        assertThat(protocol.lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDoneException.class);
    }

    @Test
    void isWritableIsFalseOnceClosingHasBegun() throws Exception {
        CompletableFuture<List<Boolean>> seen = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                Transport t = this.transport;
                boolean before = t.isWritable();
                t.loseConnection();
                seen.complete(List.of(before, t.isWritable()));
            }
        }));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(seen.get(5, TimeUnit.SECONDS)).containsExactly(true, false);
        }
    }

    /**
     * Fan-out of small lines to busy readers and to peers that stopped reading: the lines that wait
     * for the stopped peers must not hold the pooled chunks they would be carved from, or direct
     * memory grows with everything sent to everyone, far past the bytes waiting (a soak run saw
     * 13,000 waiting chat lines pin 200 MB of direct memory before any peer reached its limit).
     */
    @Test
    void linesWaitingForPeersThatStoppedReadingDoNotPinDirectMemory() throws Exception {
        List<Transport> transports = new CopyOnWriteArrayList<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transports.add(this.transport);
            }
        }));
        List<Socket> sockets = new ArrayList<>();
        List<Thread> drains = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                sockets.add(stuckReader(port));
            }
            for (int i = 0; i < 90; i++) {
                Socket reader = new Socket("127.0.0.1", port);
                sockets.add(reader);
                Thread drain = new Thread(() -> {
                    try (InputStream in = reader.getInputStream()) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                    catch (IOException ex) {
                        // closed at the end of the test
                    }
                }, "drain-" + i);
                drain.setDaemon(true);
                drain.start();
                drains.add(drain);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> transports.size() == 100);
            // the kernel takes up to 4 MB for each peer that stopped reading (tcp_wmem), so send 5 MB
            // to each connection, in 1 KiB writes, under a limit raised for the test
            ConnectionLimits roomy = new ConnectionLimits(64 * KIB, 16 * MIB, Duration.ofSeconds(10));
            this.running.run(() -> transports.forEach(t -> ((TCPTransport) t).setConnectionLimits(roomy)));
            byte[] line = new byte[KIB];
            long before = directMemoryUsed();
            for (int round = 0; round < 5_000; round++) {
                // one task per round: the busy readers' buffers are flushed and released in between
                this.running.run(() -> transports.forEach(t -> t.write(line)));
            }
            long grown = directMemoryUsed() - before;
            // at most everything sent to the 10 stopped peers (50 MB) may wait, less what their kernel
            // buffers took (about 40 MB); pooled, the waiting writes pinned chunks holding much of
            // what was sent to the 90 others meanwhile
            assertThat(grown).as("direct memory grown while lines waited for peers that stopped reading")
                    .isLessThan(10L * 5_000 * KIB);
            assertThat(transports).noneMatch(Transport::isDisconnecting);
        }
        finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
