package twisted.demo.chapter2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.cluster.Cluster;
import twisted.cluster.ClusterMessage;
import twisted.cluster.NameRegistry;
import twisted.cluster.Subscription;
import twisted.defer.Deferred;

/**
 * The chat room: the users connected to this node and, when the application runs several nodes
 * with a {@link Cluster}, the users of the others. Touched on the reactor thread only.
 *
 * <p>On one node it is the book's plain map. With a cluster a name is claimed in the cluster's
 * registry ({@value #NAMES}) before it is granted, so no two nodes give out one name, and every
 * line the room shows (joins, messages, departures) also goes out on the bus ({@value #TOPIC}) for
 * the other nodes to show their own users. A node that is lost takes its users with it: the others
 * show them leaving.
 */
public final class ChatRoom {

    /** The bus topic the room's lines travel on. */
    public static final String TOPIC = "chat.room";

    /** The registry the names are claimed in. */
    public static final String NAMES = "chat.users";

    /** The longest line a node accepts from the bus: a chat line plus the name, with room to spare. */
    static final int MAX_MESSAGE = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Map<String, ChatProtocol> users = new LinkedHashMap<>();

    /** The users of the other nodes, by name: the node each is on. */
    private final Map<String, String> remote = new HashMap<>();

    private final @Nullable Cluster cluster;

    private final List<Subscription> subscriptions = new ArrayList<>();

    /** A room on this node only, the book's. */
    public ChatRoom() {
        this(null);
    }

    /**
     * A room shared by every node of a cluster.
     *
     * @param cluster the cluster, or {@code null} for this node only
     */
    public ChatRoom(@Nullable Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts listening to the other nodes and learns who is already in the room. Does nothing on
     * one node.
     */
    public void open() {
        Cluster cluster = this.cluster;
        if (cluster == null) {
            return;
        }
        this.subscriptions.add(cluster.onNodeLost(this::nodeLost));
        cluster.subscribe(TOPIC, this::received).addCallbacks(subscription -> {
            this.subscriptions.add(subscription);
            return null;
        }, failure -> {
            log.warn("The chat room could not subscribe to the cluster bus: {}", failure.getErrorMessage());
            return null;
        });
        cluster.names(NAMES).entries().addCallbacks(entries -> {
            for (NameRegistry.Entry entry : entries) {
                if (!entry.node().equals(cluster.nodeId())) {
                    this.remote.putIfAbsent(entry.name(), entry.node());
                }
            }
            return null;
        }, failure -> {
            log.warn("The chat room could not list the other nodes' users: {}", failure.getErrorMessage());
            return null;
        });
    }

    /** Stops listening to the other nodes. */
    public void close() {
        this.subscriptions.forEach(Subscription::cancel);
        this.subscriptions.clear();
    }

    /**
     * The users on this node, in the order they joined.
     *
     * @return a read-only view
     */
    public Map<String, ChatProtocol> localUsers() {
        return Collections.unmodifiableMap(this.users);
    }

    /**
     * The users on the other nodes that this node knows of.
     *
     * @return a read-only view: name to node id
     */
    public Map<String, String> remoteUsers() {
        return Collections.unmodifiableMap(this.remote);
    }

    /**
     * Asks for a name. On one node the answer is immediate; with a cluster it comes once the
     * registry has answered, and a user gone meanwhile gives the name back.
     *
     * @param name the name asked for
     * @param user who asks
     * @return fires with {@code true} once the user is in the room under that name, {@code false}
     *         when someone has it; fails when the cluster cannot be reached
     */
    Deferred<Boolean> join(String name, ChatProtocol user) {
        if (this.users.containsKey(name) || this.remote.containsKey(name)) {
            return Deferred.succeed(false);
        }
        Cluster cluster = this.cluster;
        if (cluster == null) {
            admit(name, user);
            return Deferred.succeed(true);
        }
        return cluster.names(NAMES).claim(name, "").thenApply(claimed -> {
            if (!claimed || this.users.containsKey(name)) {
                return false;
            }
            if (user.isGone()) {
                cluster.names(NAMES).release(name);
                return false;
            }
            admit(name, user);
            return true;
        });
    }

    private void admit(String name, ChatProtocol user) {
        show(name + " has joined the channel.", user);
        this.users.put(name, user);
        publish('J', name, name + " has joined the channel.");
    }

    /**
     * A line from a user, shown to everyone else.
     *
     * @param from who says it
     * @param line what the others see
     */
    void say(ChatProtocol from, String line) {
        show(line, from);
        publish('M', from.getName(), line);
    }

    /**
     * A user leaves: the others are told, and the name is free again.
     *
     * @param name the user's name
     * @param user the user
     * @param line what the others see
     */
    void leave(String name, ChatProtocol user, String line) {
        if (this.users.get(name) != user) {
            return;
        }
        this.users.remove(name);
        show(line, user);
        publish('L', name, line);
        if (this.cluster != null) {
            this.cluster.names(NAMES).release(name);
        }
    }

    private void show(String line, @Nullable ChatProtocol except) {
        for (ChatProtocol user : List.copyOf(this.users.values())) {
            if (user != except) {
                user.sendLine(line);
            }
        }
    }

    /** {@code <kind><name length>:<name><line>}: the kind says what the others keep track of. */
    private void publish(char kind, @Nullable String name, String line) {
        if (this.cluster == null || name == null) {
            return;
        }
        this.cluster.publish(TOPIC, kind + Integer.toString(name.length()) + ":" + name + line).addErrback(failure -> {
            log.warn("A chat line did not reach the other nodes: {}", failure.getErrorMessage());
            return null;
        });
    }

    private void received(ClusterMessage message) {
        String body = message.body();
        int colon = body.indexOf(':');
        int length;
        try {
            length = (colon > 1 && body.length() <= MAX_MESSAGE) ? Integer.parseInt(body, 1, colon, 10) : -1;
        }
        catch (NumberFormatException ex) {
            length = -1;
        }
        char kind = body.isEmpty() ? '?' : body.charAt(0);
        if (length < 0 || colon + 1 + length > body.length() || "JML".indexOf(kind) < 0) {
            log.warn("Dropped a malformed chat message from node {} ({} characters)", message.origin(), body.length());
            return;
        }
        String name = body.substring(colon + 1, colon + 1 + length);
        String line = body.substring(colon + 1 + length);
        if (kind == 'J') {
            this.remote.put(name, message.origin());
        }
        else if (kind == 'L') {
            this.remote.remove(name, message.origin());
        }
        show(line, null);
    }

    private void nodeLost(String node) {
        List<String> gone = new ArrayList<>();
        this.remote.entrySet().removeIf(entry -> {
            if (entry.getValue().equals(node)) {
                gone.add(entry.getKey());
                return true;
            }
            return false;
        });
        for (String name : gone) {
            show(name + " has left the channel (node lost).", null);
        }
    }
}
