package twisted.cluster.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import twisted.cluster.ClusterMessage;
import twisted.cluster.Subscription;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * The message bus of a {@link RedisCluster} on Redis pub/sub: a channel per topic
 * ({@code <prefix>bus:<topic>}), the control channel ({@code <prefix>control}: clean leaves) and
 * the node's own probe channel ({@code <prefix>probe:<id>}), whose round trip is the bus's lag and
 * whose silence tells that the subscriptions were lost. All channels share one subscriber
 * connection, so messages of one origin arrive in the order they were sent; they are read and
 * bounded on Lettuce's thread, then handed to the reactor thread in that order.
 *
 * <p>Reactor thread only, except the counters and {@link #lag()}.
 */
final class RedisBus {

    private static final Logger log = LoggerFactory.getLogger(RedisBus.class);

    private static final String LEAVE = "leave";

    private final RedisCommands commands;

    private final ReactiveRedisConnectionFactory factory;

    private final Reactor reactor;

    private final RedisCluster.Settings settings;

    private final Clock wallClock;

    private final Listener listener;

    private final AtomicLong sequence = new AtomicLong();

    private final AtomicLong published = new AtomicLong();

    private final AtomicLong received = new AtomicLong();

    private final AtomicLong dropped = new AtomicLong();

    private volatile @Nullable Duration lag;

    private final Map<String, Channel> channels = new HashMap<>();

    private final Channel control;

    private final Channel probe;

    private @Nullable ReactiveRedisMessageListenerContainer container;

    private boolean creatingContainer;

    private boolean closed;

    private long probeSent;

    private long probeAnswered;

    private double probeSentAt;

    /** What the bus tells its cluster, on the reactor thread. */
    interface Listener {

        /** The control and probe channels are both subscribed now. */
        void ready();

        /** Redis could not be asked. */
        void failed(Throwable cause);

        /** Another node left cleanly. */
        void left(String node);
    }

    RedisBus(RedisCommands commands, ReactiveRedisConnectionFactory factory, RedisCluster.Settings settings,
            Clock wallClock, Listener listener) {
        this.commands = commands;
        this.factory = factory;
        this.reactor = commands.reactor();
        this.settings = settings;
        this.wallClock = wallClock;
        this.listener = listener;
        this.control = new Channel(settings.keyPrefix() + "control", null);
        this.probe = new Channel(settings.keyPrefix() + "probe:" + settings.nodeId(), null);
        this.channels.put(this.control.name, this.control);
        this.channels.put(this.probe.name, this.probe);
    }

    /** Whether the control and probe channels are subscribed. */
    boolean ready() {
        return this.control.active && this.probe.active;
    }

    long published() {
        return this.published.get();
    }

    long received() {
        return this.received.get();
    }

    long dropped() {
        return this.dropped.get();
    }

    @Nullable Duration lag() {
        return this.lag;
    }

    /**
     * Redis answered a heartbeat: subscribes what is not (again, if the probe has gone unheard for
     * a node timeout), and sends the next probe.
     */
    void reachable() {
        if (this.closed) {
            return;
        }
        long unanswered = this.probeSent - this.probeAnswered;
        if (this.probe.active && unanswered * this.settings.heartbeatInterval().toMillis() > this.settings.nodeTimeout()
                .toMillis()) {
            log.warn("Node {} has not heard its own probe for {} heartbeats: subscribing again",
                    this.settings.nodeId(), unanswered);
            this.probeAnswered = this.probeSent;
            this.channels.values().forEach(Channel::unsubscribe);
            closeContainer().subscribe();
        }
        if (this.container == null) {
            createContainer();
        }
        else {
            this.channels.values().forEach(Channel::subscribe);
        }
        sendProbe();
    }

    private void createContainer() {
        if (this.creatingContainer) {
            return;
        }
        this.creatingContainer = true;
        this.commands.defer(Mono.fromCallable(() -> new ReactiveRedisMessageListenerContainer(this.factory)), "subscribe")
                .addCallbacks(created -> {
                    this.creatingContainer = false;
                    if (this.closed) {
                        created.destroyLater().subscribe();
                        return null;
                    }
                    this.container = created;
                    this.channels.values().forEach(Channel::subscribe);
                    return null;
                }, failure -> {
                    this.creatingContainer = false;
                    this.listener.failed(failure.value());
                    return null;
                });
    }

    Deferred<Void> publish(String topic, String body) {
        Mono<Void> send = this.commands.template().convertAndSend(topicChannel(topic), envelope(body).encode())
                .doOnSuccess(receivers -> this.published.incrementAndGet())
                .then();
        return this.commands.defer(send, "publish on " + topic);
    }

    /** Tells the other nodes that this one leaves. */
    Mono<Long> leave() {
        return this.commands.template().convertAndSend(this.control.name, envelope(LEAVE).encode());
    }

    void subscribe(String topic, Consumer<ClusterMessage> listener, Deferred<Subscription> result) {
        String name = topicChannel(topic);
        Channel channel = this.channels.computeIfAbsent(name, n -> new Channel(n, topic));
        channel.listeners.add(listener);
        Subscription subscription = () -> this.reactor.callFromThread(() -> {
            channel.listeners.remove(listener);
            if (channel.listeners.isEmpty() && this.channels.get(name) == channel) {
                this.channels.remove(name);
                channel.unsubscribe();
            }
        });
        if (channel.active) {
            result.callback(subscription);
        }
        else {
            channel.pending.add(() -> result.callback(subscription));
            channel.subscribe();
        }
    }

    /** Stops every delivery and closes the subscriber connection. */
    Mono<Void> close() {
        this.closed = true;
        this.channels.values().forEach(Channel::unsubscribe);
        return closeContainer();
    }

    private Mono<Void> closeContainer() {
        ReactiveRedisMessageListenerContainer current = this.container;
        this.container = null;
        return (current != null) ? current.destroyLater().timeout(this.settings.commandTimeout())
                .onErrorResume(ex -> Mono.empty()) : Mono.empty();
    }

    private void sendProbe() {
        if (!this.probe.active) {
            return;
        }
        this.probeSent++;
        this.probeSentAt = this.reactor.seconds();
        this.commands.command(this.commands.template().convertAndSend(this.probe.name,
                envelope(Long.toString(this.probeSent)).encode()), "probe")
                .subscribe(receivers -> {
                }, ex -> log.debug("Probe of node {} not sent: {}", this.settings.nodeId(), ex.getMessage()));
    }

    private void probeReturned(Envelope envelope) {
        if (!envelope.origin().equals(this.settings.nodeId())) {
            return;
        }
        try {
            long seq = Long.parseLong(envelope.body());
            if (seq == this.probeSent) {
                this.lag = Duration.ofNanos(Math.round((this.reactor.seconds() - this.probeSentAt) * 1e9));
            }
            this.probeAnswered = Math.max(this.probeAnswered, seq);
        }
        catch (NumberFormatException ex) {
            this.dropped.incrementAndGet();
        }
    }

    /** On Lettuce's thread: bounded parsing, then on to the reactor thread in arrival order. */
    private void arrived(Channel channel, String raw) {
        Envelope envelope = Envelope.decode(raw, this.settings.maxMessageSize());
        if (envelope == null) {
            long count = this.dropped.incrementAndGet();
            if (count == 1 || count % 1000 == 0) {
                log.warn("Dropped a malformed or oversized message on {} ({} chars; {} dropped so far)", channel.name,
                        raw.length(), count);
            }
            return;
        }
        this.reactor.callFromThread(() -> channel.deliver(envelope));
    }

    private Envelope envelope(String body) {
        return new Envelope(this.settings.nodeId(), this.sequence.incrementAndGet(), this.wallClock.millis(), body);
    }

    private String topicChannel(String topic) {
        return this.settings.keyPrefix() + "bus:" + topic;
    }

    /** One Redis channel: a topic's, or the control or probe channel. */
    private final class Channel {

        final String name;

        final @Nullable String topic;

        final List<Consumer<ClusterMessage>> listeners = new ArrayList<>();

        final List<Runnable> pending = new ArrayList<>();

        @Nullable Disposable subscription;

        boolean active;

        Channel(String name, @Nullable String topic) {
            this.name = name;
            this.topic = topic;
        }

        void subscribe() {
            ReactiveRedisMessageListenerContainer current = RedisBus.this.container;
            if (this.subscription != null || current == null || RedisBus.this.closed) {
                return;
            }
            this.subscription = current.receiveLater(ChannelTopic.of(this.name))
                    .subscribeOn(RedisBus.this.commands.scheduler())
                    .doOnNext(messages -> RedisBus.this.reactor.callFromThread(this::activated))
                    .flatMapMany(messages -> messages)
                    .subscribe(message -> arrived(this, message.getMessage()),
                            ex -> RedisBus.this.reactor.callFromThread(() -> ended(ex)),
                            () -> RedisBus.this.reactor.callFromThread(() -> ended(null)));
        }

        private void activated() {
            if (this.subscription == null) {
                return;
            }
            this.active = true;
            List<Runnable> waiting = List.copyOf(this.pending);
            this.pending.clear();
            waiting.forEach(Runnable::run);
            if (ready()) {
                RedisBus.this.listener.ready();
            }
        }

        private void ended(@Nullable Throwable error) {
            if (this.subscription == null) {
                return;
            }
            log.debug("Subscription to {} ended: {}", this.name, (error != null) ? error.getMessage() : "completed");
            this.subscription = null;
            this.active = false;
        }

        void unsubscribe() {
            Disposable current = this.subscription;
            this.subscription = null;
            this.active = false;
            if (current != null) {
                current.dispose();
            }
        }

        void deliver(Envelope envelope) {
            if (this == RedisBus.this.probe) {
                probeReturned(envelope);
                return;
            }
            if (envelope.origin().equals(RedisBus.this.settings.nodeId())) {
                return;
            }
            if (this == RedisBus.this.control) {
                if (LEAVE.equals(envelope.body())) {
                    RedisBus.this.listener.left(envelope.origin());
                }
                return;
            }
            RedisBus.this.received.incrementAndGet();
            ClusterMessage message = new ClusterMessage(Objects.requireNonNull(this.topic), envelope.origin(),
                    envelope.body());
            for (Consumer<ClusterMessage> each : List.copyOf(this.listeners)) {
                try {
                    each.accept(message);
                }
                catch (RuntimeException ex) {
                    log.error("A listener of topic {} failed on a message from node {}", this.topic,
                            envelope.origin(), ex);
                }
            }
        }
    }
}
