package twisted.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.SystemEvent;
import twisted.internet.TriggerPhase;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.successResultOf;

class MemoryReactorTests {

    private final MemoryReactor reactor = new MemoryReactor();

    @Test
    void recordsListenAndConnectCalls() {
        Factory server = Factory.forProtocol(() -> new Protocol() {
        });
        server.setNoisy(false);
        ListeningPort port = this.reactor.listenTCP(8000, server, 10, "127.0.0.1");
        ListeningPort any = this.reactor.listenTCP(0, server);
        assertThat(this.reactor.tcpServers()).extracting(MemoryReactor.TcpServer::port).containsExactly(8000, 0);
        assertThat(port.getHost()).isEqualTo(new IPv4Address("TCP", "127.0.0.1", 8000));
        assertThat(((IPv4Address) any.getHost()).port()).isPositive();
        assertThat(server.getNumPorts()).isEqualTo(2);
        successResultOf(port.stopListening());
        assertThat(server.getNumPorts()).isEqualTo(1);

        List<Connector> started = new ArrayList<>();
        ClientFactory client = new ClientFactory() {
            @Override
            public void startedConnecting(Connector connector) {
                started.add(connector);
            }
        };
        Connector connector = this.reactor.connectTCP("example.org", 80, client);
        assertThat(started).containsExactly(connector);
        assertThat(this.reactor.tcpClients()).singleElement().satisfies(recorded -> {
            assertThat(recorded.host()).isEqualTo("example.org");
            assertThat(recorded.timeout()).isEqualTo(Duration.ofSeconds(30));
        });
        connector.connect();
        assertThat(this.reactor.connectors().get(0).getConnects()).isEqualTo(1);
    }

    @Test
    void timeMovesOnlyWhenAdvanced() {
        List<String> ran = new ArrayList<>();
        this.reactor.callLater(Duration.ofSeconds(5), () -> ran.add("later"));
        this.reactor.callFromThread(() -> ran.add("from thread"));
        assertThat(ran).isEmpty();
        this.reactor.advance(0);
        assertThat(ran).containsExactly("from thread");
        this.reactor.advance(5);
        assertThat(ran).containsExactly("from thread", "later");
    }

    @Test
    void deferToThreadFiresAtTheNextAdvance() {
        var d = this.reactor.deferToThread(() -> "done");
        assertNoResult(d);
        this.reactor.advance(0);
        assertThat(successResultOf(d)).isEqualTo("done");
    }

    @Test
    void startAndStopRunTheTriggers() {
        List<String> ran = new ArrayList<>();
        this.reactor.callWhenRunning(() -> ran.add("running"));
        this.reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> ran.add("shutdown"));
        this.reactor.start();
        assertThat(this.reactor.isRunning()).isTrue();
        this.reactor.stop();
        assertThat(ran).containsExactly("running", "shutdown");
        assertThat(this.reactor.hasStopped()).isTrue();
    }
}
