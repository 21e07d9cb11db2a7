package twisted.internet.endpoints;

import java.time.Duration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.internet.Factory;
import twisted.protocols.wire.Echo;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: the descriptions that {@link Endpoints#tcpServer} and {@link Endpoints#tcpClient}
 * write as their endpoints' {@code toString()}, read back with {@code serverFromString} and
 * {@code clientFromString}. For any port, backlog, interface, host name and timeout (1 ms to a
 * day), the endpoint read back listens or connects (on a {@link MemoryReactor}) exactly as the
 * original does: same port, backlog and interface; same host, port and timeout. So every character
 * that the description syntax gives a meaning to ({@code :}, {@code =}, {@code \}) is escaped.
 */
class DescriptionRoundTripFuzzTests {

    @FuzzTest
    void writtenDescriptionsReadBackToTheSameEndpoint(FuzzedDataProvider data) {
        int port = data.consumeInt(0, 65535);
        int backlog = data.consumeInt(1, 4096);
        Duration timeout = Duration.ofMillis(data.consumeLong(1, Duration.ofDays(1).toMillis()))
                .plusNanos(data.consumeInt(0, 999_999));
        String iface = data.consumeString(data.consumeInt(0, 64));
        String host = data.consumeRemainingAsString();

        MemoryReactor reactor = new MemoryReactor();
        ServerEndpoint server = Endpoints.tcpServer(reactor, port, backlog, iface);
        Endpoints.serverFromString(reactor, server.toString()).listen(Factory.forProtocol(Echo::new));
        assertThat(reactor.tcpServers()).as("read back from %s", server)
                .containsExactly(new MemoryReactor.TcpServer(port, reactor.tcpServers().get(0).factory(), backlog, iface, null));

        if (host.isEmpty()) {
            return;
        }
        ClientEndpoint client = Endpoints.tcpClient(reactor, host, port, timeout);
        Endpoints.clientFromString(reactor, client.toString()).connect(Factory.forProtocol(Echo::new));
        MemoryReactor.TcpClient connected = reactor.tcpClients().get(0);
        assertThat(connected.host()).as("host read back from %s", client).isEqualTo(host);
        assertThat(connected.port()).as("port read back from %s", client).isEqualTo(port);
        assertThat(connected.timeout()).as("timeout read back from %s", client).isEqualTo(timeout);
        assertThat(connected.bindAddress()).as("bind address read back from %s", client).isNull();
    }
}
