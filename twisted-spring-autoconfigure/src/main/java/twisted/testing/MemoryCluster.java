package twisted.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import twisted.cluster.Cluster;
import twisted.cluster.ClusterMessage;
import twisted.cluster.ClusterStatus;
import twisted.cluster.ClusterUnavailableException;
import twisted.cluster.NameRegistry;
import twisted.cluster.Subscription;
import twisted.defer.Deferred;

/**
 * An in-memory cluster for tests: several {@link Cluster} nodes in one JVM sharing one bus and
 * one registry. Messages are delivered at once, on the publishing thread, to every other node's
 * listeners in subscription order; drive it from the test's thread, as {@link Clock} and
 * {@link StringTransport}. {@link #lose} plays a node that crashed, {@link #cut} a node whose link
 * to the bus is down, and {@link #hold} a registry that answers later, as a real engine does: the
 * test then answers each waiting operation with {@link #answerOne} or {@link #answerAll}, to check
 * what a protocol does in between.
 *
 * <pre>{@code
 * MemoryCluster cluster = new MemoryCluster();
 * IRCServer one = new IRCServer(settings, clock, null, null, cluster.node("one"));
 * IRCServer two = new IRCServer(settings, clock, null, null, cluster.node("two"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MemoryCluster {

    private final Map<String, Node> nodes = new LinkedHashMap<>();

    private final Map<String, Map<String, NameRegistry.Entry>> names = new HashMap<>();

    /**
     * Adds a node, or returns the one with that id.
     *
     * @param id the node's id
     * @return the node
     */
    public Cluster node(String id) {
        return this.nodes.computeIfAbsent(id, Node::new);
    }

    /**
     * Plays a node that crashed: it is gone from the cluster, its names are free, every other node's
     * {@link Cluster#onNodeLost} listeners are told, and what it publishes afterwards fails.
     *
     * @param id the node's id
     */
    public void lose(String id) {
        Node lost = this.nodes.remove(id);
        if (lost == null) {
            throw new IllegalArgumentException("No node " + id);
        }
        lost.cut = true;
        this.names.values().forEach(table -> table.values().removeIf(entry -> entry.node().equals(id)));
        for (Node node : List.copyOf(this.nodes.values())) {
            for (Consumer<String> listener : node.lostListeners) {
                listener.accept(id);
            }
        }
    }

    /**
     * Cuts a node's link to the bus, or mends it: while cut, everything it asks of the cluster fails
     * with {@link ClusterUnavailableException} and it receives nothing.
     *
     * @param id the node's id
     * @param cut {@code true} to cut, {@code false} to mend
     */
    public void cut(String id, boolean cut) {
        existing(id).cut = cut;
    }

    /**
     * Holds a node's registry answers, or stops holding them: while held, each claim, release,
     * lookup and listing it asks for waits, unanswered, until {@link #answerOne} or
     * {@link #answerAll} runs it against the registry as it is then. Bus messages are not held.
     *
     * @param id the node's id
     * @param hold {@code true} to hold, {@code false} to answer new operations at once again
     *        (those waiting still wait to be answered)
     */
    public void hold(String id, boolean hold) {
        existing(id).holding = hold;
    }

    /**
     * How many of a node's registry operations wait for an answer.
     *
     * @param id the node's id
     * @return the count
     */
    public int waiting(String id) {
        return existing(id).waiting.size();
    }

    /**
     * Answers a node's oldest waiting registry operation.
     *
     * @param id the node's id
     * @throws IllegalStateException when none waits
     */
    public void answerOne(String id) {
        Runnable operation = existing(id).waiting.poll();
        if (operation == null) {
            throw new IllegalStateException("Node " + id + " has no registry operation waiting");
        }
        operation.run();
    }

    /**
     * Answers a node's waiting registry operations in order, and those their answers ask for,
     * until none waits.
     *
     * @param id the node's id
     */
    public void answerAll(String id) {
        Node node = existing(id);
        while (!node.waiting.isEmpty()) {
            node.waiting.poll().run();
        }
    }

    private Node existing(String id) {
        Node node = this.nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("No node " + id);
        }
        return node;
    }

    private Map<String, NameRegistry.Entry> table(String namespace) {
        return this.names.computeIfAbsent(namespace, n -> new LinkedHashMap<>());
    }

    private final class Node implements Cluster {

        private final String id;

        private final Map<String, List<Consumer<ClusterMessage>>> listeners = new HashMap<>();

        private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();

        private boolean cut;

        private boolean holding;

        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        private long published;

        private long received;

        Node(String id) {
            this.id = id;
        }

        @Override
        public String nodeId() {
            return this.id;
        }

        private <T> Deferred<T> unavailable(String what) {
            return Deferred.fail(new ClusterUnavailableException(what + ": node " + this.id + " is cut off",
                    new IllegalStateException("cut")));
        }

        @Override
        public Deferred<Void> publish(String topic, String body) {
            if (this.cut) {
                return unavailable("publish");
            }
            this.published++;
            ClusterMessage message = new ClusterMessage(topic, this.id, body);
            for (Node node : List.copyOf(MemoryCluster.this.nodes.values())) {
                if (node != this && !node.cut) {
                    for (Consumer<ClusterMessage> listener : List.copyOf(node.listeners.getOrDefault(topic, List.of()))) {
                        node.received++;
                        listener.accept(message);
                    }
                }
            }
            return Deferred.succeed(null);
        }

        @Override
        public Deferred<Subscription> subscribe(String topic, Consumer<ClusterMessage> listener) {
            Objects.requireNonNull(listener, "listener");
            if (this.cut) {
                return unavailable("subscribe");
            }
            List<Consumer<ClusterMessage>> list = this.listeners.computeIfAbsent(topic, t -> new ArrayList<>());
            list.add(listener);
            return Deferred.succeed(() -> list.remove(listener));
        }

        /** The operation at once, or, while the registry is held, once the test answers it. */
        private <T> Deferred<T> answer(Supplier<Deferred<T>> operation) {
            if (!this.holding) {
                return operation.get();
            }
            Deferred<T> answer = new Deferred<>();
            this.waiting.add(() -> operation.get().addCallbacks(value -> {
                answer.callback(value);
                return null;
            }, failure -> {
                answer.errback(failure);
                return null;
            }));
            return answer;
        }

        @Override
        public NameRegistry names(String namespace) {
            NameRegistry now = registry(namespace);
            return new NameRegistry() {
                @Override
                public Deferred<Boolean> claim(String name, String value) {
                    return answer(() -> now.claim(name, value));
                }

                @Override
                public Deferred<Void> release(String name) {
                    return answer(() -> now.release(name));
                }

                @Override
                public Deferred<@Nullable Entry> lookup(String name) {
                    return answer(() -> now.lookup(name));
                }

                @Override
                public Deferred<List<Entry>> entries() {
                    return answer(now::entries);
                }
            };
        }

        /** The registry answering at once. */
        private NameRegistry registry(String namespace) {
            return new NameRegistry() {
                @Override
                public Deferred<Boolean> claim(String name, String value) {
                    if (Node.this.cut) {
                        return unavailable("claim");
                    }
                    Map<String, Entry> table = table(namespace);
                    Entry held = table.get(name);
                    if (held != null && !held.node().equals(Node.this.id)) {
                        return Deferred.succeed(false);
                    }
                    table.put(name, new Entry(name, Node.this.id, value));
                    return Deferred.succeed(true);
                }

                @Override
                public Deferred<Void> release(String name) {
                    if (Node.this.cut) {
                        return unavailable("release");
                    }
                    table(namespace).computeIfPresent(name,
                            (n, held) -> held.node().equals(Node.this.id) ? null : held);
                    return Deferred.succeed(null);
                }

                @Override
                public Deferred<@Nullable Entry> lookup(String name) {
                    if (Node.this.cut) {
                        return unavailable("lookup");
                    }
                    return Deferred.succeed(table(namespace).get(name));
                }

                @Override
                public Deferred<List<Entry>> entries() {
                    if (Node.this.cut) {
                        return unavailable("entries");
                    }
                    return Deferred.succeed(List.copyOf(table(namespace).values()));
                }
            };
        }

        @Override
        public Subscription onNodeLost(Consumer<String> listener) {
            this.lostListeners.add(Objects.requireNonNull(listener, "listener"));
            return () -> this.lostListeners.remove(listener);
        }

        @Override
        public ClusterStatus status() {
            return new ClusterStatus(this.id, this.cut ? ClusterStatus.State.DOWN : ClusterStatus.State.UP,
                    new LinkedHashSet<>(MemoryCluster.this.nodes.keySet()), null, this.published, this.received);
        }
    }
}
