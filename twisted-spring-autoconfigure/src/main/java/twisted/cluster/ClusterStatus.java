package twisted.cluster;

import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a node knows of its cluster, as Actuator shows it.
 *
 * @param nodeId this node's id
 * @param state the bus's state
 * @param nodes the ids of the live nodes, this one included
 * @param lag how long this node's last probe took to come back through the bus, or {@code null}
 *        before the first one
 * @param published messages this node published
 * @param received messages this node received from others
 * @since 0.1.0
 */
public record ClusterStatus(String nodeId, State state, Set<String> nodes, @Nullable Duration lag, long published,
        long received) {

    /** The bus's state. */
    public enum State {
        /** Connecting, or connected but not yet subscribed. */
        STARTING,
        /** Connected: messages flow. */
        UP,
        /** The engine cannot be reached; messages published now are lost. */
        DOWN,
        /** Stopped with the application. */
        STOPPED
    }
}
