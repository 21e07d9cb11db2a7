package twisted.internet.endpoints;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.error.CannotListenException;
import twisted.internet.error.ConnectingCancelledException;
import twisted.internet.error.ConnectionRefusedException;
import twisted.internet.netty.NettyReactor;
import twisted.internet.netty.TestCertificates;
import twisted.testing.DeferredAssertions;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EndpointsTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    @AfterEach
    void stop() {
        this.running.close();
    }

    // ------------------------------------------------------------------ errors name the wrong part

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            tcp:abc                      | 'abc' is not a valid port
            tcp:70000                    | '70000' is not a valid port
            tcp:80:bogus=1               | 'bogus' is not a tcp: option
            tcp:80:backlog=lots          | 'lots' is not a valid backlog
            tcp:80:81                    | '81' is an extra positional argument
            tcp:port=80:81               | '81' is a positional argument after key=value ones
            tcp:80:port=81               | 'port' is given both positionally
            tcp:80:backlog=1:backlog=2   | 'backlog' is given twice
            foo:80                       | 'foo' is not a known endpoint type
            80                           | did you mean 'tcp:80'?
            tcp                          | 'tcp' has no arguments
            unix:/tmp/x.sock:mode=999    | '999' is not a valid mode
            ssl:443:privateKey=/nonexistent/key.pem | 'privateKey' could not be loaded
            """)
    void serverStringErrorsNameTheWrongPart(String description, String message) {
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.serverFromString(this.reactor, description))
                .withMessageContaining(message).withMessageContaining(description);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            tcp:example.org              | 'port' is missing
            tcp:example.org:http         | 'http' is not a valid port
            tcp:host=a:port=1:timeout=-1 | '-1' is not a valid timeout
            tls:example.org:443:trustRoots=/nonexistent | 'trustRoots' could not be loaded
            ssl:a:1:verifyHostname=maybe | 'maybe' is not a valid verifyHostname
            udp:a:1                      | 'udp' is not a known client endpoint type
            """)
    void clientStringErrorsNameTheWrongPart(String description, String message) {
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.clientFromString(this.reactor, description))
                .withMessageContaining(message);
    }

    @Test
    void backslashEscapesAColon() {
        EndpointSyntaxException error = org.assertj.core.api.Assertions.catchThrowableOfType(EndpointSyntaxException.class,
                () -> Endpoints.serverFromString(this.reactor, "ssl:443:privateKey=C\\:/keys/k.pem"));
        assertThat(error.getPart()).isEqualTo("privateKey");
        assertThat(error.getMessage()).contains("C:/keys/k.pem");
    }

    // ------------------------------------------------------------------ working endpoints

    @Test
    void tcpServerAndClientStringsConnect() throws Exception {
        ServerEndpoint server = Endpoints.serverFromString(this.reactor, "tcp:0:interface=127.0.0.1:backlog=10");
        ListeningPort port = this.running.call(() -> server.listen(Factory.forProtocol(Echo::new)));
        int number = RunningReactor.port(port);
        CompletableFuture<String> echoed = new CompletableFuture<>();
        Protocol client = new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                echoed.complete(new String(data, StandardCharsets.UTF_8));
                this.transport.loseConnection();
            }
        };
        Protocol connected = this.running.call(() -> Endpoints
                .connectProtocol(Endpoints.clientFromString(this.reactor, "tcp:host=127.0.0.1:port=" + number + ":timeout=5"),
                        client)
                .thenApply(p -> {
                    p.getTransport().write("via endpoints".getBytes(StandardCharsets.UTF_8));
                    return p;
                }));
        assertThat(connected).isSameAs(client);
        assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("via endpoints");
    }

    @Test
    void listenOnAPortInUseFailsTheDeferred() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            ServerEndpoint server = Endpoints.serverFromString(this.reactor, "tcp:" + taken.getLocalPort()
                    + ":interface=127.0.0.1");
            assertThatExceptionOfType(CannotListenException.class)
                    .isThrownBy(() -> this.running.call(() -> server.listen(Factory.forProtocol(Echo::new))));
        }
    }

    @Test
    void refusedConnectionFailsTheDeferred() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        ClientEndpoint client = Endpoints.clientFromString(this.reactor, "tcp:127.0.0.1:" + closed);
        assertThatExceptionOfType(ConnectionRefusedException.class)
                .isThrownBy(() -> this.running.call(() -> client.connect(Factory.forProtocol(Echo::new))));
    }

    @Test
    void cancellingAConnectAbandonsTheAttempt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            java.util.List<Socket> fillers = new java.util.ArrayList<>();
            try {
                while (fillers.size() < 16) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(server.getLocalSocketAddress(), 300);
                        fillers.add(filler);
                    }
                    catch (java.net.SocketTimeoutException full) {
                        filler.close();
                        break;
                    }
                }
                ClientEndpoint client = Endpoints.clientFromString(this.reactor, "tcp:127.0.0.1:" + server.getLocalPort());
                AtomicReference<Deferred<Protocol>> attempt = new AtomicReference<>();
                this.running.call(() -> {
                    attempt.set(client.connect(Factory.forProtocol(Echo::new)));
                    return null;
                });
                Thread.sleep(100);
                Object outcome = this.running.call(() -> {
                    attempt.get().cancel();
                    return DeferredAssertions.failureResultOf(attempt.get()).value();
                });
                assertThat(outcome).isInstanceOfAny(ConnectingCancelledException.class, CancelledException.class);
            }
            finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void unixServerStringAppliesTheMode(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("s.sock");
        ServerEndpoint server = Endpoints.serverFromString(this.reactor, "unix:" + socket + ":mode=600");
        this.running.call(() -> server.listen(Factory.forProtocol(Echo::new)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
    }

    @Test
    void sslServerFromPemFilesAndTlsClientWithTrustRoots(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        certificates.writePem(key, cert);
        ServerEndpoint server = Endpoints.serverFromString(this.reactor,
                "ssl:0:interface=127.0.0.1:privateKey=" + key + ":certKey=" + cert);
        ListeningPort port = this.running.call(() -> server.listen(Factory.forProtocol(Echo::new)));
        int number = RunningReactor.port(port);
        CompletableFuture<String> echoed = new CompletableFuture<>();
        ClientEndpoint client = Endpoints.clientFromString(this.reactor, "tls:localhost:" + number + ":trustRoots=" + cert);
        this.running.call(() -> Endpoints.connectProtocol(client, new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.write("secure".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void dataReceived(byte[] data) {
                echoed.complete(new String(data, StandardCharsets.UTF_8));
                this.transport.loseConnection();
            }
        }));
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("secure");
    }

    static final class Echo extends Protocol {

        @Override
        public void dataReceived(byte[] data) {
            this.transport.write(data);
        }
    }
}
