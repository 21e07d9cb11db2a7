package twisted.words.irc.server;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import twisted.cluster.Cluster;
import twisted.cluster.ClusterMessage;
import twisted.cluster.ClusterStatus;
import twisted.cluster.NameRegistry;
import twisted.cluster.Subscription;
import twisted.defer.Deferred;

/**
 * A cluster node whose registry answers only when the test says so, as a real engine answers
 * later: while {@link #hold} is on, each registry operation waits in a queue until
 * {@link #answerOne()} or {@link #answerAll()} runs it on the node it wraps.
 */
final class HeldCluster implements Cluster {

    private final Cluster node;

    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

    boolean hold = true;

    HeldCluster(Cluster node) {
        this.node = node;
    }

    int waiting() {
        return this.waiting.size();
    }

    /** Answers the oldest waiting operation. */
    void answerOne() {
        this.waiting.poll().run();
    }

    /** Answers every waiting operation, and those they cause, in order. */
    void answerAll() {
        while (!this.waiting.isEmpty()) {
            answerOne();
        }
    }

    private <T> Deferred<T> later(Supplier<Deferred<T>> operation) {
        if (!this.hold) {
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
    public String nodeId() {
        return this.node.nodeId();
    }

    @Override
    public Deferred<Void> publish(String topic, String body) {
        return this.node.publish(topic, body);
    }

    @Override
    public Deferred<Subscription> subscribe(String topic, Consumer<ClusterMessage> listener) {
        return this.node.subscribe(topic, listener);
    }

    @Override
    public NameRegistry names(String namespace) {
        NameRegistry names = this.node.names(namespace);
        return new NameRegistry() {
            @Override
            public Deferred<Boolean> claim(String name, String value) {
                return later(() -> names.claim(name, value));
            }

            @Override
            public Deferred<Void> release(String name) {
                return later(() -> names.release(name));
            }

            @Override
            public Deferred<@Nullable Entry> lookup(String name) {
                return later(() -> names.lookup(name));
            }

            @Override
            public Deferred<List<Entry>> entries() {
                return later(names::entries);
            }
        };
    }

    @Override
    public Subscription onNodeLost(Consumer<String> listener) {
        return this.node.onNodeLost(listener);
    }

    @Override
    public ClusterStatus status() {
        return this.node.status();
    }
}
