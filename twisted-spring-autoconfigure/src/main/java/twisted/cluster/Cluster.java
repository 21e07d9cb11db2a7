package twisted.cluster;

import java.util.function.Consumer;

import twisted.defer.Deferred;

/**
 * One node's view of a cluster of identical nodes: a message bus between them, a registry of
 * names each owned by one node, and word of nodes that are gone.
 *
 * <h2>Delivery</h2>
 * A message published on a topic reaches every other node subscribed to that topic, once, in the
 * order its node published it (messages of different nodes may interleave differently on
 * different nodes, as on an IRC network). A node never receives its own messages: it has already
 * acted on them locally. Listeners run on the reactor thread. Messages published while the bus is
 * down are lost, not queued: the bus carries live traffic, the registry and the stores keep state.
 *
 * <h2>Liveness</h2>
 * Each node announces itself at a fixed interval; a node not heard from for the node timeout is
 * lost: its names are free again and every other node's {@link #onNodeLost} listeners are told,
 * within the timeout plus one interval.
 *
 * @since 0.1.0
 */
public interface Cluster {

    /**
     * This node's id, unique in the cluster (by default the host name and a random suffix).
     *
     * @return the id
     */
    String nodeId();

    /**
     * Publishes a message to the other nodes subscribed to a topic.
     *
     * @param topic the topic, such as {@code irc.channel}
     * @param body the message; its format belongs to the topic's users
     * @return fires once the bus has taken the message, or fails with
     *         {@link ClusterUnavailableException} when the bus is down, or with
     *         {@link IllegalArgumentException} when the body is larger than the bus carries (the
     *         Redis bus: {@code twisted.cluster.max-message-size}, 64 KB by default)
     */
    Deferred<Void> publish(String topic, String body);

    /**
     * Receives the messages other nodes publish on a topic, on the reactor thread.
     *
     * @param topic the topic
     * @param listener called with each message
     * @return fires with the subscription once the bus delivers the topic's messages to this node
     */
    Deferred<Subscription> subscribe(String topic, Consumer<ClusterMessage> listener);

    /**
     * The registry of one kind of name (nicks, channel members), shared by every node.
     *
     * @param namespace the kind of name, such as {@code irc.nicks}
     * @return the registry
     */
    NameRegistry names(String namespace);

    /**
     * Tells the listener, on the reactor thread, of each node found gone (its announcements stopped)
     * or that left cleanly. By then the registry no longer counts its names as held.
     *
     * @param listener called with the lost node's id
     * @return the subscription; cancel it to stop listening
     */
    Subscription onNodeLost(Consumer<String> listener);

    /**
     * What this node knows of the cluster now, for Actuator. Safe from any thread.
     *
     * @return the status
     */
    ClusterStatus status();
}
