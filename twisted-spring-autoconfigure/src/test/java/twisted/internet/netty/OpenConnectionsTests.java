package twisted.internet.netty;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

class OpenConnectionsTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    private final Factory factory = Factory.forProtocol(() -> new Protocol() {
    });

    private final OpenConnections connections = new OpenConnections();

    @AfterEach
    void stopReactor() {
        this.running.close();
    }

    private NettyTransport transport() {
        return new NettyTransport(this.reactor, this.factory, null, false);
    }

    @Test
    void snapshotListsOpenConnectionsOldestFirst() {
        NettyTransport a = transport();
        NettyTransport b = transport();
        NettyTransport c = transport();
        this.connections.add(a);
        this.connections.add(b);
        this.connections.add(c);
        assertThat(this.connections.snapshot()).containsExactly(a, b, c);
    }

    @Test
    void removingFromTheFrontMiddleAndEndKeepsTheRestInOrder() {
        NettyTransport a = transport();
        NettyTransport b = transport();
        NettyTransport c = transport();
        NettyTransport d = transport();
        this.connections.add(a);
        this.connections.add(b);
        this.connections.add(c);
        this.connections.add(d);
        this.connections.remove(b);
        assertThat(this.connections.snapshot()).containsExactly(a, c, d);
        this.connections.remove(a);
        assertThat(this.connections.snapshot()).containsExactly(c, d);
        this.connections.remove(d);
        assertThat(this.connections.snapshot()).containsExactly(c);
        this.connections.remove(c);
        assertThat(this.connections.snapshot()).isEmpty();
        this.connections.add(b);
        assertThat(this.connections.snapshot()).containsExactly(b);
    }

    @Test
    void removingTwiceOrWhatWasNeverAddedDoesNothing() {
        NettyTransport a = transport();
        NettyTransport b = transport();
        NettyTransport stranger = transport();
        this.connections.add(a);
        this.connections.add(b);
        this.connections.remove(stranger);
        this.connections.remove(a);
        this.connections.remove(a);
        assertThat(this.connections.snapshot()).containsExactly(b);
    }
}
