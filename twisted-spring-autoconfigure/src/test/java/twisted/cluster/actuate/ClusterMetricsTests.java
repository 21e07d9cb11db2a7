package twisted.cluster.actuate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import twisted.cluster.Cluster;
import twisted.testing.MemoryCluster;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterMetricsTests {

    @Test
    void metersFollowTheNodesStatus() {
        MemoryCluster cluster = new MemoryCluster();
        Cluster one = cluster.node("one");
        Cluster two = cluster.node("two");
        two.subscribe("chat", message -> { });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ClusterMetrics(one).bindTo(registry);
        new ClusterMetrics(two).bindTo(registry);
        one.publish("chat", "a");
        one.publish("chat", "b");
        assertThat(registry.get("twisted.cluster.messages.published").tag("node", "one").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("twisted.cluster.messages.received").tag("node", "two").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("twisted.cluster.nodes").tag("node", "one").gauge().value()).isEqualTo(2);
        assertThat(registry.get("twisted.cluster.bus.lag").tag("node", "one").gauge().value()).isNaN();
        assertThat(registry.find("twisted.cluster.messages.dropped").functionCounters())
                .as("only the Redis bus drops messages").isEmpty();
    }
}
