package twisted.cluster.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of this node's place in a cluster of identical nodes, under {@code twisted.cluster}.
 *
 * @param nodeId Id of this node, unique in the cluster: 1 to 200 printable ASCII characters, no
 *        space. Defaults to the host name and a short random suffix.
 * @param heartbeatInterval Time between two announcements of this node, and two looks for lost
 *        nodes.
 * @param nodeTimeout Time a node may go unheard before it is lost: its names are freed and the
 *        other nodes are told, within this time plus one heartbeat interval. At least twice the
 *        heartbeat interval.
 * @param maxMessageSize Maximum size of a message body on the bus, in UTF-8. Larger ones are
 *        refused on publish and dropped on receipt.
 * @param commandTimeout Maximum time a command to the cluster's engine may take before it fails.
 * @param redis Settings of the cluster on Redis.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.cluster")
public record ClusterProperties(@Nullable String nodeId, @DefaultValue("1s") Duration heartbeatInterval,
        @DefaultValue("5s") Duration nodeTimeout, @DefaultValue("64KB") DataSize maxMessageSize,
        @DefaultValue("2s") Duration commandTimeout, @DefaultValue Redis redis) {

    /**
     * Validates the settings, naming the property that is wrong.
     */
    public ClusterProperties {
        requirePositive(heartbeatInterval, "heartbeat-interval");
        requirePositive(nodeTimeout, "node-timeout");
        requirePositive(commandTimeout, "command-timeout");
        if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("twisted.cluster.node-timeout (" + nodeTimeout
                    + ") must be at least twice twisted.cluster.heartbeat-interval (" + heartbeatInterval + ")");
        }
        if (maxMessageSize.toBytes() < 1 || maxMessageSize.toBytes() > 64 * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "twisted.cluster.max-message-size (" + maxMessageSize + ") must be between 1B and 64MB");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("twisted.cluster." + name + " (" + value + ") must be positive");
        }
    }

    /**
     * The cluster on Redis, through Spring Boot's Redis connection ({@code spring.data.redis.*}).
     *
     * @param enabled Whether to join a cluster on Redis. Off by default: nothing touches Redis
     *        without it.
     * @param keyPrefix Prefix of every Redis key and channel the cluster uses. Nodes of one
     *        cluster share it; two clusters on one Redis server need different ones.
     */
    public record Redis(@DefaultValue("false") boolean enabled, @DefaultValue("twisted:") String keyPrefix) {
    }
}
