package twisted.internet.endpoints;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import twisted.internet.Factory;
import twisted.internet.Reactor;
import twisted.protocols.wire.Echo;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What fuzzing the endpoint strings found (docs/reliability.md, "Fuzzing"), one test per finding;
 * the reproducers are in the fuzz targets' corpus too.
 */
class EndpointStringFindingsTests {

    private final MemoryReactor reactor = new MemoryReactor();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            tcp:80:backlog=0                         | '0' is not a valid backlog: expected a whole number of at least 1
            tcp6:80:backlog=-5                       | '-5' is not a valid backlog
            unix:/tmp/x.sock:backlog=0               | '0' is not a valid backlog
            """)
    void aBacklogBelowOneIsAnError(String description, String message) {
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.serverFromString(this.reactor, description)).withMessageContaining(message);
    }

    @Test
    void aTimeoutBelowAMillisecondIsAnErrorNotNoTimeoutAtAll() {
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.clientFromString(this.reactor, "tcp:example.org:80:timeout=0.0001"))
                .withMessageContaining("'0.0001' is not a valid timeout: expected at least 0.001 seconds");
        Endpoints.clientFromString(this.reactor, "tcp:example.org:80:timeout=0.001").connect(Factory.forProtocol(Echo::new));
        assertThat(this.reactor.tcpClients().get(0).timeout()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aBindAddressPortOutOfRangeIsAnEndpointSyntaxError() {
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.clientFromString(this.reactor, "tcp:example.org:80:bindAddress=127.0.0.1,70000"))
                .withMessageContaining("'70000' is not a valid bindAddress port");
    }

    @Test
    void aFileNameThatIsNoPathIsAnEndpointSyntaxError() {
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.serverFromString(this.reactor, "ssl:443:privateKey=key\0.pem"))
                .withMessageContaining("is not a valid privateKey");
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.clientFromString(this.reactor, "tls:example.org:443:trustRoots=\0"))
                .withMessageContaining("is not a valid trustRoots");
        assertThatExceptionOfType(EndpointSyntaxException.class)
                .isThrownBy(() -> Endpoints.serverFromString(this.reactor, "unix:/tmp/a\0b"))
                .withMessageContaining("is not a valid address");
    }

    @Test
    void aTcpServerDescriptionKeepsItsBacklogAndEscapesItsInterface() {
        ServerEndpoint written = Endpoints.tcpServer(this.reactor, 8000, 10, "a\\b=c:d");
        assertThat(written).hasToString("tcp:8000:interface=a\\\\b\\=c\\:d:backlog=10");
        Endpoints.serverFromString(this.reactor, written.toString()).listen(Factory.forProtocol(Echo::new));
        MemoryReactor.TcpServer server = this.reactor.tcpServers().get(0);
        assertThat(server.port()).isEqualTo(8000);
        assertThat(server.backlog()).isEqualTo(10);
        assertThat(server.iface()).isEqualTo("a\\b=c:d");
        assertThat(Endpoints.tcpServer(this.reactor, 8000, Reactor.DEFAULT_BACKLOG, "::1"))
                .hasToString("tcp:8000:interface=\\:\\:1");
    }

    @Test
    void aTcpClientDescriptionKeepsItsTimeoutAndEscapesItsHost() {
        ClientEndpoint written = Endpoints.tcpClient(this.reactor, "a=b", 80, Duration.ofMillis(2500));
        assertThat(written).hasToString("tcp:a\\=b:80:timeout=2.5");
        Endpoints.clientFromString(this.reactor, written.toString()).connect(Factory.forProtocol(Echo::new));
        MemoryReactor.TcpClient client = this.reactor.tcpClients().get(0);
        assertThat(client.host()).isEqualTo("a=b");
        assertThat(client.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(Endpoints.tcpClient(this.reactor, "example.org", 80, Duration.ofSeconds(30)))
                .hasToString("tcp:example.org:80");
    }
}
