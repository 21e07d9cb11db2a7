package twisted.cluster.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import twisted.application.actuate.TwistedEndpoint;
import twisted.application.autoconfigure.TwistedEndpointAutoConfiguration;
import twisted.application.autoconfigure.TwistedPropertiesAutoConfiguration;
import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.context.ServiceBootstrap;
import twisted.cluster.Cluster;
import twisted.cluster.ClusterStatus;
import twisted.cluster.actuate.ClusterHealthIndicator;
import twisted.cluster.actuate.ClusterMetrics;
import twisted.cluster.redis.RedisCluster;
import twisted.cluster.redis.RedisLoginFailureStore;
import twisted.cluster.redis.RedisServer;
import twisted.cred.InMemoryLoginFailureStore;
import twisted.cred.LoginFailureStore;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.UsernamePassword;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.defer.Deferred;
import twisted.internet.IPv4Address;
import twisted.internet.Reactor;
import twisted.internet.Threads;
import twisted.internet.autoconfigure.ReactorLifecycle;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.testing.MemoryCluster;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's auto-configuration, against a real redis-server: off by default, on with
 * {@code twisted.cluster.redis.enabled}, its health, meters and Actuator section, the keys Redis
 * holds as {@code redis-cli} sees them, and a clean leave when the context closes.
 */
class TwistedClusterAutoConfigurationTests {

    @TempDir
    static Path dir;

    private static RedisServer redis;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedPropertiesAutoConfiguration.class,
                    TwistedReactorAutoConfiguration.class, TwistedServicesAutoConfiguration.class,
                    TwistedEndpointAutoConfiguration.class, TwistedCredAutoConfiguration.class,
                    TwistedClusterAutoConfiguration.class, DataRedisAutoConfiguration.class,
                    DataRedisReactiveAutoConfiguration.class, MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=twisted");

    @BeforeAll
    static void startRedis() throws Exception {
        RedisServer.assumeInstalled();
        redis = RedisServer.start(dir);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private ApplicationContextRunner on(String nodeId) {
        return this.runner.withPropertyValues("twisted.cluster.redis.enabled=true", "twisted.cluster.node-id=" + nodeId,
                "twisted.cluster.heartbeat-interval=200ms", "twisted.cluster.node-timeout=1s",
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());
    }

    private static <T> T await(Reactor reactor, java.util.concurrent.Callable<Deferred<T>> action) throws Exception {
        return Threads.blockingCallFromThread(reactor, action::call, Duration.ofSeconds(10));
    }

    @Test
    void offByDefaultAndThenNothingTouchesRedis() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        this.runner.withPropertyValues("spring.data.redis.port=" + closed).run(context -> {
            assertThat(context).hasNotFailed()
                    .doesNotHaveBean(Cluster.class)
                    .doesNotHaveBean(RedisClusterLifecycle.class)
                    .doesNotHaveBean(LoginFailureStore.class)
                    .doesNotHaveBean(ClusterHealthIndicator.class)
                    .doesNotHaveBean(ClusterMetrics.class);
            assertThat(context.getBean(LoginThrottle.class).store()).isInstanceOf(InMemoryLoginFailureStore.class);
            assertThat(context.getBean(TwistedEndpoint.class).twisted()).doesNotContainKey("cluster");
        });
    }

    @Test
    void onWithThePropertyWithHealthMetersAndTheActuatorSection() {
        on("node-1").run(context -> {
            assertThat(context).hasSingleBean(RedisCluster.class).hasSingleBean(RedisClusterLifecycle.class);
            RedisCluster cluster = context.getBean(RedisCluster.class);
            assertThat(cluster.nodeId()).isEqualTo("node-1");
            assertThat(cluster.status().state()).as("the lifecycle waited for the bus").isEqualTo(ClusterStatus.State.UP);
            assertThat(context.getBean(LoginThrottle.class).store()).isInstanceOf(RedisLoginFailureStore.class);

            Health health = context.getBean("twistedClusterHealthIndicator", ClusterHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("nodeId", "node-1").containsEntry("state", "UP");

            await(context.getBean(Reactor.class), () -> cluster.publish("chat", "hello"));
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("twisted.cluster.messages.published").tag("node", "node-1").functionCounter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("twisted.cluster.messages.received").functionCounter().count()).isZero();
            assertThat(registry.get("twisted.cluster.messages.dropped").functionCounter().count()).isZero();
            assertThat(registry.get("twisted.cluster.nodes").gauge().value()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> !Double.isNaN(registry.get("twisted.cluster.bus.lag").gauge().value()));

            @SuppressWarnings("unchecked")
            Map<String, Object> section = (Map<String, Object>) context.getBean(TwistedEndpoint.class).twisted()
                    .get("cluster");
            assertThat(section).containsEntry("nodeId", "node-1").containsEntry("state", "UP")
                    .containsEntry("published", 1L).containsEntry("received", 0L).containsKey("lag");
            assertThat(section.get("nodes")).asString().isEqualTo("[node-1]");
        });
    }

    @Test
    void redisCliSeesTheDocumentedKeysAndChannels() {
        on("node-2").withPropertyValues("twisted.cred.users.alice.password={noop}secret").run(context -> {
            Reactor reactor = context.getBean(Reactor.class);
            RedisCluster cluster = context.getBean(RedisCluster.class);
            assertThat(await(reactor, () -> cluster.names("irc.nicks").claim("alice", "alice!a@host"))).isTrue();
            await(reactor, () -> cluster.subscribe("chat", message -> { }));
            LoginThrottle throttle = context.getBean(LoginThrottle.class);
            Threads.blockingCallFromThread(reactor, () -> {
                Deferred<LoginResult> guess = throttle.login(context.getBean(Portal.class),
                        new IPv4Address("TCP", "198.51.100.9", 4000), new UsernamePassword("alice", "guess"), null,
                        Object.class);
                guess.addErrback(failure -> null);
                return null;
            }, Duration.ofSeconds(10));
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.cli("KEYS", "twisted:*").contains("twisted:throttle:block:198.51.100.9"));
            assertThat(redis.cli("KEYS", "twisted:*")).contains("twisted:nodes", "twisted:node:node-2",
                    "twisted:held:node-2", "twisted:names:irc.nicks", "twisted:throttle:failures:198.51.100.9",
                    "twisted:throttle:block:198.51.100.9");
            assertThat(redis.cli("HGET", "twisted:names:irc.nicks", "alice")).containsExactly("node-2", "alice!a@host");
            assertThat(redis.cli("SMEMBERS", "twisted:held:node-2")).containsExactly("irc.nicks", "alice");
            assertThat(redis.cli("ZRANGE", "twisted:nodes", "0", "-1")).contains("node-2");
            long ttl = Long.parseLong(redis.cli("PTTL", "twisted:node:node-2").get(0));
            assertThat(ttl).isPositive().isLessThanOrEqualTo(1000);
            assertThat(redis.cli("GET", "twisted:throttle:failures:198.51.100.9")).containsExactly("1");
            assertThat(redis.cli("PUBSUB", "CHANNELS", "twisted:*")).contains("twisted:control", "twisted:probe:node-2",
                    "twisted:bus:chat");
        });
    }

    @Test
    void closingTheContextLeavesTheClusterAtOnce() throws Exception {
        LettuceConnectionFactory factory = redis.connectionFactory();
        try (RunningReactor running = RunningReactor.start()) {
            RedisCluster watcher = new RedisCluster(factory, running.reactor(),
                    new RedisCluster.Settings("watcher", Duration.ofMillis(200), Duration.ofMinutes(2), "twisted:", 1024,
                            Duration.ofSeconds(2)),
                    Clock.systemUTC());
            List<String> lost = new CopyOnWriteArrayList<>();
            watcher.onNodeLost(lost::add);
            watcher.start().get(10, TimeUnit.SECONDS);
            this.runner.withPropertyValues("twisted.cluster.redis.enabled=true", "twisted.cluster.node-id=leaver",
                    "twisted.cluster.heartbeat-interval=200ms", "twisted.cluster.node-timeout=2m",
                    "spring.data.redis.port=" + redis.port()).run(context -> {
                        Awaitility.await().atMost(Duration.ofSeconds(10))
                                .until(() -> watcher.status().nodes().contains("leaver"));
                        Reactor reactor = context.getBean(Reactor.class);
                        assertThat(await(reactor,
                                () -> context.getBean(Cluster.class).names("irc.nicks").claim("lea", "lea!l@h")))
                                .isTrue();
                    });
            // the node timeout is two minutes: only a clean leave is this quick
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lost.contains("leaver"));
            assertThat(redis.cli("EXISTS", "twisted:node:leaver", "twisted:held:leaver")).containsExactly("0");
            assertThat(redis.cli("HEXISTS", "twisted:names:irc.nicks", "lea")).containsExactly("0");
            watcher.stop().get(10, TimeUnit.SECONDS);
        }
        finally {
            factory.destroy();
        }
    }

    @Test
    void backsOffForTheApplicationsCluster() {
        on("unused").withBean(Cluster.class, () -> new MemoryCluster().node("mine")).run(context -> {
            assertThat(context).doesNotHaveBean(RedisCluster.class).doesNotHaveBean(RedisClusterLifecycle.class)
                    .hasSingleBean(ClusterHealthIndicator.class).hasSingleBean(ClusterMetrics.class);
            assertThat(context.getBean(Cluster.class).nodeId()).isEqualTo("mine");
            assertThat(context.getBean(ClusterHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void aNodeTimeoutShorterThanTwoHeartbeatsFailsStartupNamingTheProperty() {
        on("node-3").withPropertyValues("twisted.cluster.node-timeout=300ms").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining(
                        "twisted.cluster.node-timeout (PT0.3S) must be at least twice twisted.cluster.heartbeat-interval"));
    }

    @Test
    void aMistypedClusterKeyFailsStartup() {
        on("node-4").withPropertyValues("twisted.cluster.node-timout=10s").run(context -> assertThat(context)
                .hasFailed().getFailure().hasStackTraceContaining("twisted.cluster.node-timout"));
    }

    @Test
    void theClusterStartsAfterTheReactorAndBeforeTheServices() {
        assertThat(RedisClusterLifecycle.PHASE).isGreaterThan(ReactorLifecycle.PHASE).isLessThan(ServiceBootstrap.PHASE);
    }

    @Test
    void defaultNodeIdsAreValidAndDifferent() {
        String one = TwistedClusterAutoConfiguration.defaultNodeId();
        assertThat(RedisCluster.isValidNodeId(one)).isTrue();
        assertThat(one).matches(".+-[0-9a-f]{6}").isNotEqualTo(TwistedClusterAutoConfiguration.defaultNodeId());
    }

    @Test
    void propertyDefaults() {
        this.runner.withPropertyValues("twisted.cluster.redis.enabled=true", "spring.data.redis.port=" + redis.port())
                .run(context -> {
                    ClusterProperties properties = context.getBean(ClusterProperties.class);
                    assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(properties.nodeTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.redis().keyPrefix()).isEqualTo("twisted:");
                    assertThat(context.getBean(RedisCluster.class).settings().maxMessageSize()).isEqualTo(65536);
                });
    }
}
