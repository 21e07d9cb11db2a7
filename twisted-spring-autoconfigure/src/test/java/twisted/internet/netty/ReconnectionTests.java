package twisted.internet.netty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.ReconnectingClientFactory;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A {@link ReconnectingClientFactory} against a real server that goes away and comes back. */
class ReconnectionTests {

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void stopReactor() {
        this.running.close();
    }

    @Test
    void reconnectsAfterTheServerRestarts() throws Exception {
        NettyReactor reactor = this.running.reactor();
        List<Protocol> serverSide = new CopyOnWriteArrayList<>();
        Factory server = Factory.forProtocol(() -> {
            Protocol p = new Protocol() {
            };
            serverSide.add(p);
            return p;
        });
        server.setNoisy(false);
        ListeningPort first = this.running.call(() -> reactor.listenTCP(0, server, 50, "127.0.0.1"));
        int port = RunningReactor.port(first);

        List<String> clientEvents = new CopyOnWriteArrayList<>();
        ReconnectingClientFactory client = new ReconnectingClientFactory(reactor, () -> new Protocol() {
            @Override
            public void connectionMade() {
                clientEvents.add("connected");
            }

            @Override
            public void connectionLost(Failure reason) {
                clientEvents.add("lost");
            }
        });
        client.setNoisy(false);
        client.setInitialDelay(Duration.ofMillis(50));
        client.setFactor(1.5);
        client.setMaxDelay(Duration.ofMillis(200));
        client.setAutoResetOnConnect(true);
        this.running.call(() -> reactor.connectTCP("127.0.0.1", port, client));
        await().atMost(5, TimeUnit.SECONDS).until(() -> clientEvents.contains("connected"));

        this.running.call(() -> {
            serverSide.forEach(p -> p.getTransport().loseConnection());
            return first.stopListening();
        });
        await().atMost(5, TimeUnit.SECONDS).until(() -> clientEvents.contains("lost"));
        Thread.sleep(300); // a few refused retries while the server is down
        assertThat(client.getRetries()).isGreaterThanOrEqualTo(2);

        this.running.call(() -> reactor.listenTCP(port, server, 50, "127.0.0.1"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> clientEvents.size() == 3);
        assertThat(clientEvents).containsExactly("connected", "lost", "connected");
        this.running.call(() -> {
            client.stopTrying();
            return null;
        });
    }
}
