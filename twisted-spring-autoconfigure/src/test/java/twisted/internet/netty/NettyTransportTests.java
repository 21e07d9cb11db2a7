package twisted.internet.netty;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Failure;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.ReceivedBytes;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.internet.Transport;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;
import twisted.testing.RunningReactor;
import twisted.protocols.basic.LineReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The TCP transport on real loopback sockets, port 0, driven by plain {@code java.net.Socket}
 * clients.
 */
class NettyTransportTests {

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void stopReactor() {
        this.running.close();
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String readExactly(InputStream in, int length) throws Exception {
        byte[] data = in.readNBytes(length);
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void echoesWhatAPlainSocketSends() throws Exception {
        int port = this.running.listenTCP(Factory.forProtocol(Echo::new));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write("hello, world".getBytes(StandardCharsets.UTF_8));
            assertThat(readExactly(socket.getInputStream(), 12)).isEqualTo("hello, world");
        }
    }

    @Test
    void lineReceiverGetsEveryLineStraightFromTheReadsWhateverTheirSplit() throws Exception {
        int port = this.running.listenTCP(Factory.forProtocol(() -> new LineReceiver() {
            @Override
            public void lineReceived(byte[] line) {
                sendLine(("<" + new String(line, StandardCharsets.UTF_8) + ">").getBytes(StandardCharsets.UTF_8));
            }
        }));
        try (Socket socket = connect(port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write("one\r\ntwo\r\nthr".getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(readExactly(socket.getInputStream(), 14)).isEqualTo("<one>\r\n<two>\r\n");
            out.write("ee\r".getBytes(StandardCharsets.UTF_8));
            out.flush();
            out.write("\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readExactly(socket.getInputStream(), 9)).isEqualTo("<three>\r\n");
        }
    }

    @Test
    void receivedBytesKeptPastTheCallRefuseEveryUse() throws Exception {
        CompletableFuture<ReceivedBytes> kept = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(ReceivedBytes data) {
                kept.complete(data);
            }
        }));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write('x');
            ReceivedBytes data = kept.get(5, TimeUnit.SECONDS);
            // The loan ends on the reactor thread right after the call returns.
            await().atMost(5, TimeUnit.SECONDS)
                    .untilAsserted(() -> assertThatIllegalStateException().isThrownBy(data::toByteArray));
        }
    }

    @Test
    void protocolCallbacksRunOnTheReactorThreadInOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                events.add("made on reactor thread: " + NettyTransportTests.this.running.reactor().isReactorThread());
                events.add("peer " + transport.getPeer().getClass().getSimpleName());
            }

            @Override
            public void dataReceived(byte[] data) {
                events.add("data on reactor thread: " + NettyTransportTests.this.running.reactor().isReactorThread());
            }

            @Override
            public void connectionLost(Failure reason) {
                events.add("lost");
                lost.complete(reason);
            }
        }));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(1);
            await().atMost(5, TimeUnit.SECONDS).until(() -> events.size() >= 3);
        }
        assertThat(lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDoneException.class);
        assertThat(events).containsExactly("made on reactor thread: true", "peer IPv4Address",
                "data on reactor thread: true", "lost");
    }

    @Test
    void loseConnectionSendsWhatWasWrittenThenClosesCleanly() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        byte[] big = new byte[1 << 20];
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                transport.write(big);
                transport.write("end".getBytes(StandardCharsets.UTF_8));
                transport.loseConnection();
                transport.write("dropped after loseConnection".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }));
        try (Socket socket = connect(port)) {
            byte[] all = socket.getInputStream().readAllBytes();
            assertThat(all).hasSize(big.length + 3);
            assertThat(new String(all, big.length, 3, StandardCharsets.UTF_8)).isEqualTo("end");
        }
        assertThat(lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionDoneException.class);
    }

    @Test
    void abortConnectionResetsAndReportsConnectionLost() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.abortConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(1);
            assertThat(lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionLostException.class);
        }
    }

    @Test
    void peerResetIsConnectionLost() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        CompletableFuture<Void> made = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                made.complete(null);
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }));
        Socket socket = connect(port);
        made.get(5, TimeUnit.SECONDS);
        socket.setSoLinger(true, 0);
        socket.close();
        assertThat(lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void connectionLostIsCalledExactlyOnce() throws Exception {
        AtomicLong calls = new AtomicLong();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport.loseConnection();
                transport.abortConnection();
                transport.loseConnection();
            }

            @Override
            public void connectionLost(Failure reason) {
                calls.incrementAndGet();
            }
        }));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(1);
            await().atMost(5, TimeUnit.SECONDS).until(() -> calls.get() == 1);
        }
        Thread.sleep(100); // a second call would come right after the first
        assertThat(calls).hasValue(1);
    }

    @Test
    void factoryMayRefuseAConnectionByReturningNull() throws Exception {
        int port = this.running.listenTCP(new Factory() {
            @Override
            public Protocol buildProtocol(twisted.internet.Address address) {
                return null;
            }
        });
        try (Socket socket = connect(port)) {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void protocolCallbackThatThrowsClosesTheConnection() throws Exception {
        CompletableFuture<Failure> lost = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                throw new IllegalStateException("bug in the protocol");
            }

            @Override
            public void connectionLost(Failure reason) {
                lost.complete(reason);
            }
        }));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(1);
            assertThat(lost.get(5, TimeUnit.SECONDS).value()).isInstanceOf(ConnectionLostException.class);
            assertThatExceptionOfType(java.net.SocketException.class).as("the connection is reset")
                    .isThrownBy(() -> socket.getInputStream().read());
        }
    }

    @Test
    void writesFromAForeignThreadAreHandedToTheReactorAndArriveInOrder() throws Exception {
        AtomicReference<Transport> server = new AtomicReference<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                server.set(transport);
            }
        }));
        try (Socket socket = connect(port)) {
            await().atMost(5, TimeUnit.SECONDS).until(() -> server.get() != null);
            assertThat(this.running.reactor().isReactorThread()).isFalse();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            byte[] chunk = new byte[100];
            for (int i = 0; i < 1000; i++) {
                java.util.Arrays.fill(chunk, (byte) i);
                server.get().write(chunk);
                expected.write(chunk);
            }
            server.get().loseConnection();
            assertThat(socket.getInputStream().readAllBytes()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aClientThatNeverReadsDoesNotMakeTheServerBufferWithoutBound() throws Exception {
        AtomicLong received = new AtomicLong();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                received.addAndGet(data.length);
                transport.write(data);
            }
        }));
        try (Socket socket = connect(port)) {
            socket.setReceiveBufferSize(64 * 1024);
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < 1024; i++) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                }
                catch (Exception ex) {
                    // the socket closes at the end of the test
                }
            });
            writer.setDaemon(true);
            writer.start();
            await().atMost(20, TimeUnit.SECONDS).pollInterval(500, TimeUnit.MILLISECONDS).until(new Stalled(received));
            assertThat(sent.get()).as("the writer is blocked well before 64 MB").isLessThan(32L << 20);
            assertThat(received.get()).as("the server stopped reading").isLessThan(16L << 20);
        }
    }

    @Test
    void halfCloseByThePeerClosesANonHalfCloseableProtocolAfterItsWritesAreSent() throws Exception {
        int port = this.running.listenTCP(Factory.forProtocol(Echo::new));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write("last words".getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("last words");
        }
    }

    @Test
    void startTlsMidStreamKeepsEveryByte(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        TlsOptions serverTls = TlsOptions.server(certificates.serverContext());
        int port = this.running.listenTCP(Factory.forProtocol(() -> new StartTlsEcho(serverTls)));
        try (Socket plain = connect(port)) {
            plain.getOutputStream().write("plain\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readExactly(plain.getInputStream(), 6)).isEqualTo("plain\n");
            plain.getOutputStream().write("STARTTLS\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readExactly(plain.getInputStream(), 3)).isEqualTo("GO\n");
            SSLSocket tls = (SSLSocket) certificates.clientContext().getSocketFactory()
                    .createSocket(plain, "localhost", port, true);
            tls.startHandshake();
            tls.getOutputStream().write("secret\n".getBytes(StandardCharsets.UTF_8));
            assertThat(readExactly(tls.getInputStream(), 7)).isEqualTo("secret\n");
            assertThat(tls.getSession().getProtocol()).startsWith("TLS");
        }
    }

    @Test
    void transportReportsAddressesAndTcpOptions() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                TCPTransport tcp = (TCPTransport) transport;
                tcp.setTcpNoDelay(true);
                tcp.setTcpKeepAlive(true);
                seen.complete(tcp.getHost() + " " + tcp.getTcpNoDelay() + " " + tcp.getTcpKeepAlive() + " "
                        + tcp.isSecure() + " " + ((IPv4Address) tcp.getPeer()).host());
            }
        }));
        try (Socket socket = connect(port)) {
            assertThat(seen.get(5, TimeUnit.SECONDS))
                    .isEqualTo(new IPv4Address("TCP", "127.0.0.1", port) + " true true false 127.0.0.1");
        }
    }

    @Test
    void addressesFirstAskedForInConnectionLostAreStillKnown() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                seen.complete(transport.getHost() + " " + ((IPv4Address) transport.getPeer()).host());
            }
        }));
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(1);
        }
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(new IPv4Address("TCP", "127.0.0.1", port) + " 127.0.0.1");
    }

    /** Twisted's echo protocol. */
    static final class Echo extends Protocol {

        @Override
        public void dataReceived(byte[] data) {
            this.transport.write(data);
        }
    }

    /** Echoes lines; on "STARTTLS" answers "GO" in plain text, then switches to TLS. */
    static final class StartTlsEcho extends Protocol {

        private final TlsOptions tls;

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        StartTlsEcho(TlsOptions tls) {
            this.tls = tls;
        }

        @Override
        public void dataReceived(byte[] data) {
            for (byte b : data) {
                this.buffer.write(b);
                if (b == '\n') {
                    String line = this.buffer.toString(StandardCharsets.UTF_8);
                    this.buffer.reset();
                    if (line.equals("STARTTLS\n")) {
                        this.transport.write("GO\n".getBytes(StandardCharsets.UTF_8));
                        ((TCPTransport) this.transport).startTLS(this.tls);
                    }
                    else {
                        this.transport.write(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    /** True once a counter has stopped moving between two polls. */
    static final class Stalled implements java.util.concurrent.Callable<Boolean> {

        private final AtomicLong counter;

        private long last = -1;

        Stalled(AtomicLong counter) {
            this.counter = counter;
        }

        @Override
        public Boolean call() {
            long now = this.counter.get();
            boolean stalled = now > 0 && now == this.last;
            this.last = now;
            return stalled;
        }
    }

}
