package twisted.internet.netty;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.internet.Factory;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.PullProducer;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Producers, consumers and half-close on real loopback connections. */
class NettyProducerTests {

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void stopReactor() {
        this.running.close();
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(32 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10000);
        return socket;
    }

    /** Writes 16 KiB chunks for as long as it is not paused, up to a total. */
    static final class Streamer implements PushProducer {

        final List<String> events = new CopyOnWriteArrayList<>();

        private final TCPTransport transport;

        private final int total;

        private int sent;

        private boolean paused;

        private boolean scheduled;

        private final Runnable more = this::produce;

        private final io.netty.channel.EventLoop loop;

        Streamer(TCPTransport transport, int total, io.netty.channel.EventLoop loop) {
            this.transport = transport;
            this.total = total;
            this.loop = loop;
        }

        void produce() {
            this.scheduled = false;
            while (!this.paused && this.sent < this.total) {
                this.transport.write(new byte[16 * 1024]);
                this.sent += 16 * 1024;
                if (this.sent % (256 * 1024) == 0 && !this.scheduled) {
                    this.scheduled = true;
                    this.loop.execute(this.more); // let the loop flush and report writability
                    return;
                }
            }
            if (this.sent >= this.total) {
                this.transport.unregisterProducer();
                this.transport.loseConnection();
            }
        }

        @Override
        public void pauseProducing() {
            this.paused = true;
            this.events.add("paused");
        }

        @Override
        public void resumeProducing() {
            this.paused = false;
            this.events.add("resumed");
            produce();
        }

        @Override
        public void stopProducing() {
            this.events.add("stopped");
        }
    }

    @Test
    void pushProducerIsPausedWhenTheBufferFillsAndResumedWhenItDrains() throws Exception {
        int total = 8 << 20;
        CompletableFuture<Streamer> streamer = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                Streamer s = new Streamer((TCPTransport) this.transport, total,
                        NettyProducerTests.this.running.reactor().loop());
                this.transport.registerProducer(s, true);
                streamer.complete(s);
                s.produce();
            }
        }));
        try (Socket socket = connect(port)) {
            Streamer s = streamer.get(5, TimeUnit.SECONDS);
            await().atMost(10, TimeUnit.SECONDS).until(() -> s.events.contains("paused"));
            InputStream in = socket.getInputStream();
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                read += n;
            }
            assertThat(read).isEqualTo(total);
            assertThat(s.events).contains("paused", "resumed");
        }
    }

    /**
     * A producer that writes while {@link TCPTransport#isWritable()} and waits to be resumed once
     * it is not (as the SMTP client's DATA pump and POP3's RETR do). Over TLS the channel's
     * writability flips inside one flush (plain bytes queued in the TLS handler, then the encrypted
     * ones), so the transport must pause the producer when a write leaves it unwritable, not only
     * when the event loop later reports the change: the later report may find it writable again,
     * and a producer that stopped without being paused would never be resumed.
     */
    @Test
    void aProducerThatWritesWhileWritableIsPausedAndResumedOverTls(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        int total = 4 << 20;
        CompletableFuture<List<String>> events = new CompletableFuture<>();
        ListeningPort port = this.running.call(() -> this.running.reactor().listenSSL(0,
                Factory.forProtocol(() -> new Protocol() {
                    @Override
                    public void connectionMade() {
                        TCPTransport tcp = (TCPTransport) this.transport;
                        List<String> seen = new CopyOnWriteArrayList<>();
                        int[] sent = { 0 };
                        Runnable[] pump = new Runnable[1];
                        pump[0] = () -> {
                            while (tcp.isWritable() && sent[0] < total) {
                                tcp.write(new byte[8 * 1024]);
                                sent[0] += 8 * 1024;
                            }
                            if (sent[0] >= total) {
                                tcp.unregisterProducer();
                                tcp.loseConnection();
                            }
                        };
                        tcp.registerProducer(new PushProducer() {
                            @Override
                            public void pauseProducing() {
                                seen.add("paused");
                            }

                            @Override
                            public void resumeProducing() {
                                seen.add("resumed");
                                pump[0].run();
                            }

                            @Override
                            public void stopProducing() {
                            }
                        }, true);
                        events.complete(seen);
                        pump[0].run();
                    }
                }), TlsOptions.server(certificates.serverContext()), 50, "127.0.0.1"));
        try (SSLSocket socket = (SSLSocket) certificates.clientContext().getSocketFactory().createSocket("127.0.0.1",
                RunningReactor.port(port))) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            List<String> seen = events.get(5, TimeUnit.SECONDS);
            await().atMost(10, TimeUnit.SECONDS).until(() -> seen.contains("paused"));
            long read = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                read += n;
            }
            assertThat(read).as("every byte arrives: the producer was resumed each time it was paused").isEqualTo(total);
            assertThat(seen).contains("paused", "resumed");
        }
    }

    @Test
    void pullProducerIsAskedForEachChunkUntilItUnregisters() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                Protocol self = this;
                this.transport.registerProducer(new PullProducer() {
                    @Override
                    public void resumeProducing() {
                        int n = asked.incrementAndGet();
                        self.getTransport().write(("chunk " + n + "\n").getBytes(StandardCharsets.UTF_8));
                        if (n == 5) {
                            self.getTransport().unregisterProducer();
                            self.getTransport().loseConnection();
                        }
                    }

                    @Override
                    public void stopProducing() {
                    }
                }, false);
            }
        }));
        try (Socket socket = connect(port)) {
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(all).isEqualTo("chunk 1\nchunk 2\nchunk 3\nchunk 4\nchunk 5\n");
        }
        assertThat(asked).hasValue(5);
    }

    @Test
    void secondProducerIsRefused() throws Exception {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                PushProducer idle = new PushProducer() {
                    @Override
                    public void pauseProducing() {
                    }

                    @Override
                    public void resumeProducing() {
                    }

                    @Override
                    public void stopProducing() {
                    }
                };
                this.transport.registerProducer(idle, true);
                try {
                    this.transport.registerProducer(idle, true);
                }
                catch (IllegalStateException ex) {
                    refused.complete(ex);
                }
            }
        }));
        try (Socket socket = connect(port)) {
            assertThat(refused.get(5, TimeUnit.SECONDS)).hasMessageContaining("already registered");
        }
    }

    @Test
    void pauseProducingOnTheTransportStopsReading() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<TCPTransport> server = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.pauseProducing();
                server.complete((TCPTransport) this.transport);
            }

            @Override
            public void dataReceived(byte[] data) {
                received.add(new String(data, StandardCharsets.UTF_8));
            }
        }));
        try (Socket socket = connect(port)) {
            TCPTransport transport = server.get(5, TimeUnit.SECONDS);
            socket.getOutputStream().write("held back".getBytes(StandardCharsets.UTF_8));
            Thread.sleep(200);
            assertThat(received).isEmpty();
            transport.resumeProducing();
            await().atMost(5, TimeUnit.SECONDS).until(() -> String.join("", received).equals("held back"));
        }
    }

    /** Half-close aware: answers after the peer stopped writing, then closes its own side. */
    static final class Summarizer extends Protocol implements HalfCloseableProtocol {

        final List<String> events = new CopyOnWriteArrayList<>();

        private int bytes;

        @Override
        public void dataReceived(byte[] data) {
            this.bytes += data.length;
        }

        @Override
        public void readConnectionLost() {
            this.events.add("readConnectionLost");
            this.transport.write(("got " + this.bytes + " bytes\n").getBytes(StandardCharsets.UTF_8));
            ((TCPTransport) this.transport).loseWriteConnection();
        }

        @Override
        public void writeConnectionLost() {
            this.events.add("writeConnectionLost");
            this.transport.loseConnection();
        }
    }

    @Test
    void halfCloseableProtocolAnswersAfterThePeerStopsWriting() throws Exception {
        Summarizer summarizer = new Summarizer();
        int port = this.running.listenTCP(Factory.forProtocol(() -> summarizer));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(new byte[1000]);
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).isEqualTo("got 1000 bytes\n");
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> summarizer.events.size() == 2);
        assertThat(summarizer.events).containsExactly("readConnectionLost", "writeConnectionLost");
    }
}
