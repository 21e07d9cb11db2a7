package twisted.cluster.redis;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import twisted.cluster.ClusterMessage;
import twisted.cluster.ClusterStatus;
import twisted.cluster.ClusterUnavailableException;
import twisted.cluster.NameRegistry;
import twisted.defer.Deferred;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Three {@link RedisCluster} nodes in one JVM, each with its own Redis connections, on one real
 * redis-server: the bus, the registry, lost nodes and a Redis that crashes and comes back.
 */
class RedisClusterTests {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private static final int MAX = 1024;

    @TempDir
    Path dir;

    private RedisServer redis;

    private RunningReactor running;

    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    private final List<RedisCluster> nodes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        RedisServer.assumeInstalled();
        this.redis = RedisServer.start(this.dir);
        this.running = RunningReactor.start(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        for (RedisCluster node : this.nodes) {
            node.stop().orTimeout(10, TimeUnit.SECONDS).exceptionally(ex -> null).join();
        }
        this.factories.forEach(LettuceConnectionFactory::destroy);
        if (this.running != null) {
            this.running.close();
        }
        if (this.redis != null) {
            this.redis.close();
        }
    }

    private RedisCluster node(String id) throws Exception {
        return node(id, TIMEOUT);
    }

    private RedisCluster node(String id, Duration nodeTimeout) throws Exception {
        LettuceConnectionFactory factory = this.redis.connectionFactory();
        this.factories.add(factory);
        RedisCluster node = new RedisCluster(factory, this.running.reactor(),
                new RedisCluster.Settings(id, INTERVAL, nodeTimeout, "twisted:", MAX, Duration.ofSeconds(1)),
                Clock.systemUTC());
        this.nodes.add(node);
        node.start().get(20, TimeUnit.SECONDS);
        return node;
    }

    private List<ClusterMessage> subscribe(RedisCluster node, String topic) throws Exception {
        List<ClusterMessage> received = new CopyOnWriteArrayList<>();
        this.running.call(() -> node.subscribe(topic, received::add));
        return received;
    }

    private List<String> lost(RedisCluster node) {
        List<String> lost = new CopyOnWriteArrayList<>();
        node.onNodeLost(lost::add);
        return lost;
    }

    @SuppressWarnings("unchecked")
    private <T> T await(Deferred<T> deferred) throws Exception {
        return (T) this.running.call(() -> deferred);
    }

    @Test
    void messagesArriveOnceInOrderPerOriginAndNeverAtTheirSender() throws Exception {
        RedisCluster a = node("a");
        RedisCluster b = node("b");
        RedisCluster c = node("c");
        List<ClusterMessage> atA = subscribe(a, "chat");
        List<ClusterMessage> atB = subscribe(b, "chat");
        List<ClusterMessage> atC = subscribe(c, "chat");
        int count = 10_000;
        this.running.call(() -> {
            for (int i = 0; i < count; i++) {
                a.publish("chat", Integer.toString(i));
                if (i % 10 == 0) {
                    b.publish("chat", "b" + i);
                }
            }
            b.publish("chat", "b-end");
            return a.publish("chat", "end");
        });
        for (List<ClusterMessage> at : List.of(atB, atC)) {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> at.stream().anyMatch(m -> m.body().equals("end")));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> atC.stream().anyMatch(m -> m.body().equals("b-end")));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> atA.stream().anyMatch(m -> m.body().equals("b-end")));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(Integer.toString(i));
        }
        expected.add("end");
        assertThat(bodiesFrom(atB, "a")).isEqualTo(expected);
        assertThat(bodiesFrom(atC, "a")).isEqualTo(expected);
        assertThat(atB).allMatch(m -> m.origin().equals("a") && m.topic().equals("chat"));
        assertThat(bodiesFrom(atA, "b")).hasSize(count / 10 + 1).endsWith("b-end");
        assertThat(bodiesFrom(atC, "b")).isEqualTo(bodiesFrom(atA, "b"));
        assertThat(atA).allMatch(m -> m.origin().equals("b"));
        assertThat(a.status().published()).isEqualTo(count + 1);
        assertThat(b.status().received()).isEqualTo(count + 1);
    }

    private static List<String> bodiesFrom(List<ClusterMessage> messages, String origin) {
        return messages.stream().filter(m -> m.origin().equals(origin)).map(ClusterMessage::body).toList();
    }

    @Test
    void oversizedMessagesAreRefusedOnPublishAndMalformedOnesDroppedOnReceive() throws Exception {
        RedisCluster a = node("a");
        RedisCluster b = node("b");
        List<ClusterMessage> atB = subscribe(b, "chat");
        String largest = "é".repeat(MAX / 2);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> await(a.publish("chat", largest + "x")))
                .withMessageContaining("(1025 bytes) exceeds the bus's maximum (1024 bytes");
        this.redis.cli("PUBLISH", "twisted:bus:chat", "no header");
        this.redis.cli("PUBLISH", "twisted:bus:chat", "a 1 x\nnot a number");
        this.redis.cli("PUBLISH", "twisted:bus:chat", "a 1 1\n" + "x".repeat(MAX + 1));
        await(a.publish("chat", largest));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !atB.isEmpty());
        assertThat(atB).extracting(ClusterMessage::body).containsExactly(largest);
        assertThat(b.dropped()).isEqualTo(3);
        assertThat(b.status().received()).isEqualTo(1);
    }

    @Test
    void concurrentClaimsOfOneNameHaveExactlyOneWinner() throws Exception {
        List<RedisCluster> all = List.of(node("a"), node("b"), node("c"));
        int names = 200;
        List<Deferred<Boolean>> claims = Collections.synchronizedList(new ArrayList<>());
        List<String> claimers = new ArrayList<>();
        this.running.call(() -> {
            for (int i = 0; i < names; i++) {
                for (RedisCluster node : all) {
                    claims.add(node.names("irc.nicks").claim("nick" + i, node.nodeId() + "!u@h"));
                    claimers.add(node.nodeId());
                }
            }
            return null;
        });
        Map<String, Integer> winnersByName = new java.util.HashMap<>();
        for (int i = 0; i < claims.size(); i++) {
            if (Boolean.TRUE.equals(await(claims.get(i)))) {
                winnersByName.merge("nick" + (i / all.size()), 1, Integer::sum);
            }
        }
        assertThat(winnersByName).hasSize(names).allSatisfy((name, winners) -> assertThat(winners).isOne());
        List<NameRegistry.Entry> entries = await(all.get(0).names("irc.nicks").entries());
        assertThat(entries).hasSize(names);
        for (NameRegistry.Entry entry : entries) {
            assertThat(entry.value()).isEqualTo(entry.node() + "!u@h");
        }
        assertThat(claimers).hasSize(names * all.size());
    }

    @Test
    void releasedNamesCanBeClaimedByOthersAndEntriesShowTheHolders() throws Exception {
        NameRegistry a = node("a").names("irc.nicks");
        NameRegistry b = node("b").names("irc.nicks");
        assertThat(await(a.claim("alice", "alice!a@host"))).isTrue();
        assertThat(await(a.claim("alice", "alice!a@other"))).isTrue();
        assertThat(await(a.claim("bob", "bob!b@host"))).isTrue();
        assertThat(await(b.claim("alice", "alice!x@evil"))).isFalse();
        await(b.release("alice"));
        assertThat(await(b.lookup("alice"))).isEqualTo(new NameRegistry.Entry("alice", "a", "alice!a@other"));
        await(a.release("alice"));
        assertThat(await(a.lookup("alice"))).isNull();
        assertThat(await(b.claim("alice", "alice!b@host"))).isTrue();
        assertThat(await(a.entries())).containsExactlyInAnyOrder(new NameRegistry.Entry("alice", "b", "alice!b@host"),
                new NameRegistry.Entry("bob", "a", "bob!b@host"));
        assertThat(await(node("c").names("irc.channels").entries())).isEmpty();
    }

    @Test
    void aCrashedNodeIsLostOnEveryOtherNodeOnceAndItsNamesAreFreed() throws Exception {
        RedisCluster a = node("a");
        RedisCluster b = node("b");
        RedisCluster c = node("c", Duration.ofSeconds(1));
        RedisCluster d = node("d", Duration.ofSeconds(60));
        List<String> lostAtA = lost(a);
        List<String> lostAtB = lost(b);
        assertThat(await(c.names("irc.nicks").claim("carol", "carol!c@host"))).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> a.status().nodes().containsAll(Set.of("a", "b", "c", "d")));
        long crashed = System.nanoTime();
        c.crash().get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lostAtA.contains("c") && lostAtB.contains("c"));
        Duration took = Duration.ofNanos(System.nanoTime() - crashed);
        assertThat(took).as("timeout 1 s + interval 0.2 s, with slack for a busy machine")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(await(b.names("irc.nicks").lookup("carol"))).isNull();
        assertThat(await(b.names("irc.nicks").claim("carol", "carol!b@host"))).isTrue();
        assertThat(a.status().nodes()).containsExactlyInAnyOrder("a", "b", "d");
        d.stop().get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lostAtA.contains("d") && lostAtB.contains("d"));
        assertThat(lostAtA).containsExactly("c", "d");
        assertThat(lostAtB).containsExactly("c", "d");
    }

    @Test
    void aCleanLeaveIsReportedAtOnceAndFreesTheNames() throws Exception {
        Duration long_ = Duration.ofSeconds(120);
        RedisCluster a = node("a", long_);
        RedisCluster b = node("b", long_);
        List<String> lostAtA = lost(a);
        assertThat(await(b.names("irc.nicks").claim("bob", "bob!b@host"))).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.status().nodes().contains("b"));
        b.stop().get(10, TimeUnit.SECONDS);
        // the node timeout is 2 minutes: only the leave message can tell this early
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lostAtA.contains("b"));
        assertThat(b.status().state()).isEqualTo(ClusterStatus.State.STOPPED);
        assertThat(await(a.names("irc.nicks").claim("bob", "bob!a@host"))).isTrue();
        assertThat(this.redis.cli("EXISTS", "twisted:node:b")).containsExactly("0");
        assertThat(lostAtA).containsExactly("b");
    }

    @Test
    void aRedisThatCrashesAndComesBackTakesTheBusDownAndUpAgain() throws Exception {
        RedisCluster a = node("a");
        RedisCluster b = node("b");
        List<ClusterMessage> atA = subscribe(a, "chat");
        List<String> lostAtA = lost(a);
        await(b.publish("chat", "before"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> atA.size() == 1);
        this.redis.kill();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.status().state() == ClusterStatus.State.DOWN);
        assertThatExceptionOfType(ClusterUnavailableException.class).isThrownBy(() -> await(b.publish("chat", "lost")));
        assertThatExceptionOfType(ClusterUnavailableException.class)
                .isThrownBy(() -> await(b.names("irc.nicks").claim("x", "y")));
        this.redis.restart();
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> a.status().state() == ClusterStatus.State.UP && b.status().state() == ClusterStatus.State.UP);
        Set<String> seen = new HashSet<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            await(b.publish("chat", "after"));
            atA.forEach(m -> seen.add(m.body()));
            return seen.contains("after");
        });
        assertThat(seen).doesNotContain("lost");
        // the restarted Redis forgot both nodes; each re-announced itself within the grace period
        assertThat(lostAtA).isEmpty();
        assertThat(a.status().nodes()).contains("a", "b");
        assertThat(a.status().lag()).isNotNull();
    }

    @Test
    void aRedisThatHangsTakesTheBusDownUntilItAnswersAgain() throws Exception {
        RedisCluster a = node("a");
        RedisCluster b = node("b");
        List<ClusterMessage> atA = subscribe(a, "chat");
        this.redis.pause();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.status().state() == ClusterStatus.State.DOWN);
            assertThatExceptionOfType(ClusterUnavailableException.class)
                    .isThrownBy(() -> await(b.publish("chat", "lost")))
                    .withMessageContaining("the cluster bus is DOWN");
        }
        finally {
            this.redis.resume();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.status().state() == ClusterStatus.State.UP);
        await(b.publish("chat", "after"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !atA.isEmpty());
        assertThat(atA).extracting(ClusterMessage::body).containsExactly("after");
    }
}
