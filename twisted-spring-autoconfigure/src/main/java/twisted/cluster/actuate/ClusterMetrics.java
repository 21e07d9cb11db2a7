package twisted.cluster.actuate;

import java.time.Duration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import twisted.cluster.Cluster;
import twisted.cluster.redis.RedisCluster;

/**
 * Micrometer meters of a node's cluster, each tagged {@code node}:
 * <ul>
 * <li>{@code twisted.cluster.messages.published} and {@code twisted.cluster.messages.received}
 * (counters): messages this node published, and received from other nodes. Not tagged by topic:
 * topics may be made per channel, and a meter per channel would grow without bound;</li>
 * <li>{@code twisted.cluster.messages.dropped} (counter, Redis only): malformed or oversized
 * messages dropped on receipt;</li>
 * <li>{@code twisted.cluster.bus.lag} (gauge, seconds): how long the node's last probe took to come
 * back through the bus; NaN before the first;</li>
 * <li>{@code twisted.cluster.nodes} (gauge): live nodes, this one included.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class ClusterMetrics implements MeterBinder {

    private final Cluster cluster;

    /**
     * Creates the meters' binder.
     *
     * @param cluster the node
     */
    public ClusterMetrics(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        String node = this.cluster.nodeId();
        FunctionCounter.builder("twisted.cluster.messages.published", this.cluster, c -> c.status().published())
                .description("Messages this node published on the cluster bus").tag("node", node).register(registry);
        FunctionCounter.builder("twisted.cluster.messages.received", this.cluster, c -> c.status().received())
                .description("Messages this node received from other nodes").tag("node", node).register(registry);
        if (this.cluster instanceof RedisCluster redis) {
            FunctionCounter.builder("twisted.cluster.messages.dropped", redis, RedisCluster::dropped)
                    .description("Malformed or oversized messages dropped on receipt").tag("node", node)
                    .register(registry);
        }
        Gauge.builder("twisted.cluster.bus.lag", this.cluster, ClusterMetrics::lagSeconds)
                .description("Round trip of this node's last probe through the cluster bus").baseUnit("seconds")
                .tag("node", node).register(registry);
        Gauge.builder("twisted.cluster.nodes", this.cluster, c -> c.status().nodes().size())
                .description("Live nodes of the cluster, this one included").tag("node", node).register(registry);
    }

    private static double lagSeconds(Cluster cluster) {
        Duration lag = cluster.status().lag();
        return (lag != null) ? lag.toNanos() / 1e9 : Double.NaN;
    }
}
