package twisted.demo.chapter2;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.internet.Factory;
import twisted.internet.netty.NettyReactor;
import twisted.protocols.wire.Echo;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's chapter 2 examples over real loopback sockets: servers talked to by plain
 * {@code java.net.Socket} clients, clients talking to plain {@code ServerSocket}s, and the book's
 * own client against the book's own server.
 */
class Chapter2ExamplesTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        this.running.close();
    }

    private static String exchange(int port, String send) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[256];
            int n = socket.getInputStream().read(buffer);
            return new String(buffer, 0, n, StandardCharsets.UTF_8);
        }
    }

    @Test
    void echoServerEchoesAPlainSocket() throws Exception {
        int port = this.running.listenTCP(Factory.forProtocol(Echo::new));
        assertThat(exchange(port, "Hello, world!")).isEqualTo("Hello, world!");
    }

    @Test
    void echoClientAgainstAPlainServerSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            CountDownLatch done = new CountDownLatch(1);
            this.reactor.callFromThread(() -> this.reactor.connectTCP("127.0.0.1", server.getLocalPort(),
                    new EchoClientFactory(this.output::add, done::countDown)));
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                byte[] hello = accepted.getInputStream().readNBytes(13);
                accepted.getOutputStream().write(hello);
                assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(this.output).containsExactly("Server said: Hello, world!", "Connection lost.");
    }

    @Test
    void echoClientAndServerAsTheBookRunsThem() throws Exception {
        int port = this.running.listenTCP(Factory.forProtocol(Echo::new));
        CountDownLatch done = new CountDownLatch(1);
        this.reactor.callFromThread(() -> this.reactor.connectTCP("localhost", port,
                new EchoClientFactory(this.output::add, done::countDown)));
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(this.output).containsExactly("Server said: Hello, world!", "Connection lost.");
    }

    @Test
    void echoClientReportsAFailedConnection() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        CountDownLatch done = new CountDownLatch(1);
        this.reactor.callFromThread(() -> this.reactor.connectTCP("127.0.0.1", closed,
                new EchoClientFactory(this.output::add, done::countDown)));
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(this.output).containsExactly("Connection failed.");
    }

    @Test
    void quoteServerHandsEachClientThePreviousClientsQuote() throws Exception {
        QuoteFactory quotes = new QuoteFactory();
        int port = this.running.listenTCP(quotes);
        assertThat(exchange(port, "You snooze you lose")).isEqualTo(QuoteFactory.DEFAULT_QUOTE);
        assertThat(exchange(port, "The early bird gets the worm")).isEqualTo("You snooze you lose");
        assertThat(exchange(port, "Carpe diem")).isEqualTo("The early bird gets the worm");
    }

    @Test
    void quoteServerCountsOpenConnections() throws Exception {
        QuoteFactory quotes = new QuoteFactory();
        int port = this.running.listenTCP(quotes);
        try (Socket first = new Socket("127.0.0.1", port); Socket second = new Socket("127.0.0.1", port)) {
            first.setSoTimeout(5000);
            first.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
            first.getInputStream().read(new byte[100]);
            assertThat(this.running.<Integer>call(quotes::getNumConnections)).isEqualTo(2);
        }
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> this.running.<Integer>call(quotes::getNumConnections) == 0);
    }

    @Test
    void threeQuoteClientsAsTheBookRunsThem() throws Exception {
        int port = this.running.listenTCP(new QuoteFactory());
        List<String> quotes = List.of("You snooze you lose", "The early bird gets the worm", "Carpe diem");
        for (String quote : quotes) {
            CountDownLatch done = new CountDownLatch(1);
            this.reactor.callFromThread(() -> this.reactor.connectTCP("localhost", port,
                    new QuoteClientFactory(quote, this.output::add, done::countDown)));
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(this.output).containsExactly(
                "Received quote: " + QuoteFactory.DEFAULT_QUOTE, "connection lost: Connection was closed cleanly.",
                "Received quote: You snooze you lose", "connection lost: Connection was closed cleanly.",
                "Received quote: The early bird gets the worm", "connection lost: Connection was closed cleanly.");
    }
}
