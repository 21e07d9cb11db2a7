package twisted.cluster.actuate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import twisted.cluster.Cluster;
import twisted.cluster.ClusterStatus;

/**
 * Health of a node's cluster bus ({@code twistedCluster}): {@code UP} when messages flow,
 * {@code DOWN} when the engine cannot be reached, {@code UNKNOWN} while it is connecting and
 * {@code OUT_OF_SERVICE} once stopped; with the node id, the live nodes and the lag as details.
 *
 * <p>Not in the readiness group by default: every node shares the one engine, so a Redis outage
 * would take every node out of the load balancer at once, although each still serves its own
 * clients. Where a node without the bus should take no traffic, list the group's members with it:
 * {@code management.endpoint.health.group.readiness.include=readinessState,twistedServices,twistedCluster}
 * (naming the members yourself also stops the Twisted services being added to the group for you,
 * so keep {@code twistedServices} in the list).
 *
 * @since 0.1.0
 */
public class ClusterHealthIndicator implements HealthIndicator {

    private final Cluster cluster;

    /**
     * Creates the indicator.
     *
     * @param cluster the node
     */
    public ClusterHealthIndicator(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        ClusterStatus status = this.cluster.status();
        Status health = switch (status.state()) {
            case UP -> Status.UP;
            case DOWN -> Status.DOWN;
            case STARTING -> Status.UNKNOWN;
            case STOPPED -> Status.OUT_OF_SERVICE;
        };
        Health.Builder builder = Health.status(health).withDetail("nodeId", status.nodeId())
                .withDetail("state", status.state().name())
                .withDetail("nodes", status.nodes());
        if (status.lag() != null) {
            builder.withDetail("lag", status.lag().toString());
        }
        return builder.build();
    }
}
