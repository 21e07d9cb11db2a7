package twisted.cluster.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import twisted.cluster.Cluster;
import twisted.cluster.ClusterMessage;
import twisted.cluster.ClusterStatus;
import twisted.cluster.ClusterUnavailableException;
import twisted.cluster.NameRegistry;
import twisted.cluster.Subscription;
import twisted.defer.Deferred;
import twisted.internet.Reactor;
import twisted.protocols.basic.Utf8;
import twisted.time.DelayedCall;

/**
 * The {@link Cluster} on one Redis server (not Redis Cluster: the scripts touch keys they do not
 * declare), through Spring Data Redis's {@link ReactiveRedisConnectionFactory}.
 *
 * <h2>Keys and channels</h2>
 * With the default prefix {@code twisted:}:
 * <ul>
 * <li>{@code twisted:node:<id>}: the node's liveness key, set every heartbeat with a time to live of
 * the node timeout;</li>
 * <li>{@code twisted:nodes}: sorted set of the nodes known, scored by their last heartbeat (ms since
 * the epoch);</li>
 * <li>{@code twisted:names:<namespace>}: hash of the names of one namespace, each
 * {@code <node>\n<value>};</li>
 * <li>{@code twisted:held:<id>}: set of the names a node holds, each {@code <namespace>\n<name>},
 * for removing them when it is lost;</li>
 * <li>pub/sub channels {@code twisted:bus:<topic>} (the messages), {@code twisted:control} (clean
 * leaves) and {@code twisted:probe:<id>} (the node's own lag probe).</li>
 * </ul>
 * A message is {@code <origin> <seq> <sentMillis>\n<body>}.
 *
 * <h2>Threads</h2>
 * {@link #publish}, {@link #subscribe} and the registries are called on the reactor thread; their
 * Deferreds and every listener fire there. Redis commands go out from one thread of their own, in
 * the order they were made, so one node's messages keep their order; Redis's answers and messages
 * are handed to the reactor. {@link #status()} is safe from any thread.
 *
 * <h2>Failures</h2>
 * While the heartbeat fails the bus is {@link ClusterStatus.State#DOWN} and {@link #publish} fails
 * at once with {@link ClusterUnavailableException}; Lettuce reconnects on its own and the next
 * heartbeat that gets through brings it back up. Lettuce subscribes its pub/sub connection to its
 * channels again when it reconnects; should that fail, a node that does not hear its own probe for
 * a node timeout subscribes again itself. Back from an outage, a node reports no lost node for one
 * node timeout: a Redis that restarted has forgotten every node, and the others need a heartbeat
 * to announce themselves again. Names are kept in Redis only: a Redis server that restarts without
 * persistence forgets them, and their holders are not told.
 *
 * @since 0.1.0
 */
public final class RedisCluster implements Cluster {

    /** Longest node id. */
    static final int MAX_NODE_ID = 200;

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

    private final Reactor reactor;

    private final Settings settings;

    private final Clock wallClock;

    private final Scheduler dispatch;

    private final RedisCommands commands;

    private final RedisBus bus;

    private final List<Consumer<String>> lostListeners = new CopyOnWriteArrayList<>();

    private final CompletableFuture<Void> firstUp = new CompletableFuture<>();

    private volatile ClusterStatus.State state = ClusterStatus.State.STARTING;

    private volatile Set<String> nodes = Set.of();

    // From here on, touched on the reactor thread only.

    private final Set<String> known = new LinkedHashSet<>();

    private @Nullable DelayedCall nextBeat;

    private boolean started;

    private boolean stopped;

    private boolean beatOk;

    private double graceUntil;

    /**
     * Creates a node; {@link #start()} joins it to the cluster.
     *
     * @param factory Redis connections (Spring Boot's, from {@code spring.data.redis.*})
     * @param reactor the reactor its Deferreds and listeners run on
     * @param settings its settings
     * @param wallClock the clock of the send times carried by messages
     */
    public RedisCluster(ReactiveRedisConnectionFactory factory, Reactor reactor, Settings settings, Clock wallClock) {
        Objects.requireNonNull(factory, "factory");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.dispatch = Schedulers.newSingle("twisted-cluster-" + settings.nodeId(), true);
        this.commands = new RedisCommands(factory, reactor, this.dispatch, settings.commandTimeout());
        this.bus = new RedisBus(this.commands, factory, settings, wallClock, new RedisBus.Listener() {
            @Override
            public void ready() {
                refreshState();
            }

            @Override
            public void failed(Throwable cause) {
                down(cause);
            }

            @Override
            public void left(String node) {
                nodeLeft(node);
            }
        });
    }

    /**
     * Whether a node id is acceptable: 1 to 200 printable ASCII characters, no space.
     *
     * @param id the id
     * @return {@code true} if it is
     */
    public static boolean isValidNodeId(String id) {
        return isToken(id, MAX_NODE_ID);
    }

    private static boolean isToken(String text, int max) {
        if (text.isEmpty() || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * Joins the cluster: announces the node, subscribes to the control channel and the probe, and
     * keeps the heartbeat going until {@link #stop()}. Call it once, from any thread.
     *
     * @return completes when the bus is first up (it may never, if Redis cannot be reached; the
     *         node keeps trying)
     */
    public CompletableFuture<Void> start() {
        this.reactor.callFromThread(() -> {
            if (!this.started) {
                this.started = true;
                beat();
            }
        });
        return this.firstUp;
    }

    /**
     * Leaves the cluster cleanly: removes the node's names and liveness key, tells the other nodes
     * at once, and unsubscribes. From any thread; a second call does nothing.
     *
     * @return completes when done (or when Redis could not be reached: the names then go with the
     *         liveness key after the node timeout)
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        this.reactor.callFromThread(() -> {
            if (this.stopped) {
                done.complete(null);
                return;
            }
            halt();
            String me = nodeId();
            Mono<Long> leave = this.commands.template().execute(RedisScripts.LEAVE,
                    List.of(nodesKey(), livenessKey(me)), List.of(prefix(), me)).next();
            this.commands.command(leave.then(this.bus.leave()), "leave").onErrorResume(ex -> {
                log.warn("Node {} could not leave the cluster cleanly ({}); the others will find it lost", me,
                        ex.getMessage());
                return Mono.empty();
            }).then(Mono.defer(this.bus::close)).doFinally(signal -> {
                this.dispatch.dispose();
                done.complete(null);
            }).subscribe();
        });
        return done;
    }

    /**
     * Stops without leaving, as a crashed node does: no more heartbeats or deliveries; the others
     * find the node lost after the node timeout. For tests.
     *
     * @return completes when stopped
     */
    CompletableFuture<Void> crash() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        this.reactor.callFromThread(() -> {
            halt();
            this.bus.close().doFinally(signal -> done.complete(null)).subscribe();
        });
        return done;
    }

    private void halt() {
        this.stopped = true;
        this.state = ClusterStatus.State.STOPPED;
        if (this.nextBeat != null && this.nextBeat.active()) {
            this.nextBeat.cancel();
        }
    }

    @Override
    public String nodeId() {
        return this.settings.nodeId();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Fails with {@link IllegalArgumentException} when the body is larger than
     * {@link Settings#maxMessageSize()} in UTF-8, and with {@link ClusterUnavailableException} at
     * once while the bus is not up.
     */
    @Override
    public Deferred<Void> publish(String topic, String body) {
        requireTopic(topic);
        Objects.requireNonNull(body, "body");
        int size = Utf8.encodedLength(body);
        if (size > this.settings.maxMessageSize()) {
            return Deferred.fail(new IllegalArgumentException("message on " + topic + " (" + size
                    + " bytes) exceeds the bus's maximum (" + this.settings.maxMessageSize()
                    + " bytes, twisted.cluster.max-message-size)"));
        }
        ClusterStatus.State now = this.state;
        if (now != ClusterStatus.State.UP) {
            return Deferred.fail(new ClusterUnavailableException("publish on " + topic + ": the cluster bus is " + now,
                    new IllegalStateException(now.toString())));
        }
        return this.bus.publish(topic, body);
    }

    /**
     * {@inheritDoc}
     *
     * <p>From any thread. While the bus is down the Deferred waits for it to come up.
     */
    @Override
    public Deferred<Subscription> subscribe(String topic, Consumer<ClusterMessage> listener) {
        requireTopic(topic);
        Objects.requireNonNull(listener, "listener");
        Deferred<Subscription> result = new Deferred<>();
        this.reactor.callFromThread(() -> this.bus.subscribe(topic, listener, result));
        return result;
    }

    @Override
    public NameRegistry names(String namespace) {
        if (!isToken(namespace, 200)) {
            throw new IllegalArgumentException(
                    "namespace (" + namespace + ") must be 1 to 200 printable ASCII characters, no space");
        }
        return new RedisNameRegistry(this, namespace);
    }

    @Override
    public Subscription onNodeLost(Consumer<String> listener) {
        this.lostListeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> this.lostListeners.remove(listener);
    }

    @Override
    public ClusterStatus status() {
        return new ClusterStatus(nodeId(), this.state, this.nodes, this.bus.lag(), this.bus.published(),
                this.bus.received());
    }

    /**
     * Messages from Redis that were dropped: malformed, or larger than the bus's maximum.
     *
     * @return the count
     */
    public long dropped() {
        return this.bus.dropped();
    }

    /**
     * The node's settings.
     *
     * @return the settings
     */
    public Settings settings() {
        return this.settings;
    }

    // ------------------------------------------------------------------ heartbeat and liveness

    private void beat() {
        this.nextBeat = null;
        if (this.stopped) {
            return;
        }
        String me = nodeId();
        Deferred<List<String>> table = this.commands.run(RedisScripts.HEARTBEAT, List.of(nodesKey(), livenessKey(me)),
                List.of(prefix(), me, Long.toString(this.settings.nodeTimeout().toMillis()),
                        Long.toString(this.wallClock.millis())),
                "heartbeat");
        table.addCallbacks(entries -> {
            beaten(entries);
            scheduleBeat();
            return null;
        }, failure -> {
            down(failure.value());
            scheduleBeat();
            return null;
        });
    }

    private void scheduleBeat() {
        if (!this.stopped) {
            this.nextBeat = this.reactor.callLater(this.settings.heartbeatInterval(), this::beat);
        }
    }

    private void beaten(List<String> entries) {
        if (this.stopped) {
            return;
        }
        this.beatOk = true;
        if (this.graceUntil == Double.MAX_VALUE) {
            // Back after an outage: a Redis that restarted has forgotten every node, so give the
            // others a node timeout to announce themselves again before calling any of them lost.
            this.graceUntil = this.reactor.seconds() + this.settings.nodeTimeout().toNanos() / 1e9;
        }
        nodesSeen(entries);
        this.bus.reachable();
        refreshState();
    }

    private void nodesSeen(List<String> entries) {
        Set<String> alive = new TreeSet<>();
        Set<String> lost = new LinkedHashSet<>(this.known);
        for (String entry : entries) {
            String node = entry.substring(1);
            if (entry.startsWith("+")) {
                alive.add(node);
            }
            else if (entry.startsWith("-")) {
                lost.add(node);
            }
        }
        lost.removeAll(alive);
        lost.remove(nodeId());
        if (this.reactor.seconds() < this.graceUntil) {
            alive.addAll(this.known);
            lost.clear();
        }
        this.known.clear();
        this.known.addAll(alive);
        this.nodes = Set.copyOf(alive);
        lost.forEach(this::tellLost);
    }

    private void nodeLeft(String node) {
        if (this.known.remove(node)) {
            Set<String> alive = new TreeSet<>(this.nodes);
            alive.remove(node);
            this.nodes = Set.copyOf(alive);
            tellLost(node);
        }
    }

    private void tellLost(String node) {
        log.info("Node {} lost node {}", nodeId(), node);
        for (Consumer<String> listener : this.lostListeners) {
            try {
                listener.accept(node);
            }
            catch (RuntimeException ex) {
                log.error("A node-lost listener failed for node {}", node, ex);
            }
        }
    }

    private void down(Throwable cause) {
        this.beatOk = false;
        if (!this.stopped && this.state != ClusterStatus.State.DOWN) {
            log.warn("Cluster bus of node {} is down: {}", nodeId(), cause.getMessage());
            this.state = ClusterStatus.State.DOWN;
            this.graceUntil = Double.MAX_VALUE;
        }
    }

    private void refreshState() {
        if (this.stopped) {
            this.state = ClusterStatus.State.STOPPED;
            return;
        }
        if (this.beatOk && this.bus.ready() && this.state != ClusterStatus.State.UP) {
            if (this.state == ClusterStatus.State.DOWN) {
                log.info("Cluster bus of node {} is up again", nodeId());
            }
            this.state = ClusterStatus.State.UP;
            this.firstUp.complete(null);
        }
    }

    // ------------------------------------------------------------------ keys

    RedisCommands commands() {
        return this.commands;
    }

    String prefix() {
        return this.settings.keyPrefix();
    }

    private String nodesKey() {
        return prefix() + "nodes";
    }

    private String livenessKey(String node) {
        return prefix() + "node:" + node;
    }

    String heldKey(String node) {
        return prefix() + "held:" + node;
    }

    String namesKey(String namespace) {
        return prefix() + "names:" + namespace;
    }

    private static void requireTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!isToken(topic, 200)) {
            throw new IllegalArgumentException("topic (" + topic + ") must be 1 to 200 printable ASCII characters, no space");
        }
    }

    /**
     * A node's settings.
     *
     * @param nodeId the node's id, unique in the cluster ({@link #isValidNodeId})
     * @param heartbeatInterval how often the node announces itself and looks for lost nodes
     * @param nodeTimeout how long a node may go unheard before it is lost; at least twice the
     *        heartbeat interval
     * @param keyPrefix what every key and channel name starts with
     * @param maxMessageSize the largest message body, in UTF-8 bytes
     * @param commandTimeout how long a Redis command may take before it fails with
     *        {@link ClusterUnavailableException}
     */
    public record Settings(String nodeId, Duration heartbeatInterval, Duration nodeTimeout, String keyPrefix,
            int maxMessageSize, Duration commandTimeout) {

        /**
         * Validates the settings, naming the one that is wrong.
         */
        public Settings {
            Objects.requireNonNull(nodeId, "nodeId");
            if (!isValidNodeId(nodeId)) {
                throw new IllegalArgumentException("node id (" + nodeId + ") must be 1 to " + MAX_NODE_ID
                        + " printable ASCII characters, no space");
            }
            requirePositive(heartbeatInterval, "heartbeat interval");
            requirePositive(nodeTimeout, "node timeout");
            requirePositive(commandTimeout, "command timeout");
            if (nodeTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("node timeout (" + nodeTimeout
                        + ") must be at least twice the heartbeat interval (" + heartbeatInterval + ")");
            }
            Objects.requireNonNull(keyPrefix, "keyPrefix");
            if (maxMessageSize < 1) {
                throw new IllegalArgumentException("max message size (" + maxMessageSize + ") must be at least 1");
            }
        }

        private static void requirePositive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " (" + value + ") must be positive");
            }
        }
    }
}
