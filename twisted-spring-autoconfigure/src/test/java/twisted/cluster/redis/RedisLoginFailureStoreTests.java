package twisted.cluster.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import twisted.cred.CredentialsChecker;
import twisted.cred.Credentials;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.LoginThrottledException;
import twisted.cred.Portal;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.IPv4Address;
import twisted.testing.Clock;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two nodes' login throttles sharing their failure count in a real redis-server: failures on node
 * A slow down guesses on node B. The held-back answers are timed by each node's {@link Clock}; the
 * delays are long so that Redis's own expiry of a block (real time) never plays a part.
 */
class RedisLoginFailureStoreTests {

    private static final Address PEER = new IPv4Address("TCP", "198.51.100.7", 50000);

    private static final String HOST = "198.51.100.7";

    private static final Duration FIRST = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private RedisServer redis;

    private RunningReactor running;

    private final List<LettuceConnectionFactory> factories = new ArrayList<>();

    private final AtomicInteger checks = new AtomicInteger();

    private final InMemoryCredentialsChecker users = new InMemoryCredentialsChecker().addUser("alice", "secret");

    private final Portal portal = new Portal(
            (id, mind, interfaces) -> Deferred.succeed(LoginResult.of(id, () -> { }, interfaces)),
            List.of(new CredentialsChecker() {
                @Override
                public List<Class<?>> credentialInterfaces() {
                    return RedisLoginFailureStoreTests.this.users.credentialInterfaces();
                }

                @Override
                public Deferred<String> requestAvatarId(Credentials credentials) {
                    RedisLoginFailureStoreTests.this.checks.incrementAndGet();
                    return RedisLoginFailureStoreTests.this.users.requestAvatarId(credentials);
                }
            }));

    @BeforeEach
    void start() throws Exception {
        RedisServer.assumeInstalled();
        this.redis = RedisServer.start(this.dir);
        this.running = RunningReactor.start(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        this.factories.forEach(LettuceConnectionFactory::destroy);
        if (this.running != null) {
            this.running.close();
        }
        if (this.redis != null) {
            this.redis.close();
        }
    }

    private RedisLoginFailureStore store() {
        LettuceConnectionFactory factory = this.redis.connectionFactory();
        this.factories.add(factory);
        return new RedisLoginFailureStore(factory, this.running.reactor(), "twisted:", Duration.ofHours(1),
                Duration.ofSeconds(5));
    }

    private Deferred<LoginResult> lastLogin;

    private Deferred<LoginResult> start(LoginThrottle throttle, String password) throws Exception {
        this.running.run(() -> this.lastLogin = throttle.login(this.portal, PEER, new UsernamePassword("alice", password),
                null, CharSequence.class));
        return this.lastLogin;
    }

    @SuppressWarnings("unchecked")
    private <T> T await(Deferred<T> deferred) throws Exception {
        return (T) this.running.call(() -> deferred);
    }

    private int pending(Clock clock) throws Exception {
        Integer count = this.running.call(() -> clock.getDelayedCalls().size());
        return count;
    }

    @Test
    void failuresOnOneNodeSlowDownGuessesOnAnother() throws Exception {
        Clock clockA = new Clock();
        Clock clockB = new Clock();
        RedisLoginFailureStore storeA = store();
        RedisLoginFailureStore storeB = store();
        LoginThrottle nodeA = new LoginThrottle(clockA, FIRST, Duration.ofMinutes(30), storeA);
        LoginThrottle nodeB = new LoginThrottle(clockB, FIRST, Duration.ofMinutes(30), storeB);

        Deferred<LoginResult> guessOnA = start(nodeA, "guess1");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(clockA) == 1);
        assertThat((Integer) await(storeB.failures(HOST))).isEqualTo(1);
        assertThat((Duration) await(storeB.retryAfter(HOST))).isPositive().isLessThanOrEqualTo(FIRST);

        // while A holds back its answer, B refuses the host unchecked
        int checked = this.checks.get();
        Deferred<LoginResult> refused = start(nodeB, "guess2");
        assertThatExceptionOfType(LoginThrottledException.class).isThrownBy(() -> await(refused));
        assertThat(this.checks.get()).isEqualTo(checked);

        this.running.run(() -> clockA.advance(FIRST));
        assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> await(guessOnA));
        // the block was lifted before the answer went out: a retry at once is checked, on any node
        assertThat((Duration) await(storeB.retryAfter(HOST))).isZero();

        // B's first failure is the host's second: held back twice as long
        Deferred<LoginResult> guessOnB = start(nodeB, "guess3");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(clockB) == 1);
        assertThat((Integer) await(storeA.failures(HOST))).isEqualTo(2);
        this.running.run(() -> clockB.advance(FIRST));
        assertThat(guessOnB.isCalled()).isFalse();
        this.running.run(() -> clockB.advance(FIRST));
        assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> await(guessOnB));
        assertThat((Duration) await(storeA.retryAfter(HOST))).isZero();

        // a good login on A forgets the host's failures everywhere
        assertThat(await(start(nodeA, "secret"))).isNotNull();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) await(storeB.failures(HOST)) == 0);
        assertThat(this.redis.cli("KEYS", "twisted:throttle:*")).allMatch(String::isBlank);
    }

    @Test
    void failuresAreForgottenAfterTheQuietTimeAndGarbageCountsAsNone() throws Exception {
        LettuceConnectionFactory factory = this.redis.connectionFactory();
        this.factories.add(factory);
        RedisLoginFailureStore store = new RedisLoginFailureStore(factory, this.running.reactor(), "twisted:",
                Duration.ofMillis(300), Duration.ofSeconds(5));
        LoginThrottle throttle = new LoginThrottle(new Clock(), FIRST, Duration.ofMinutes(30), store);
        start(throttle, "guess");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) await(store.failures(HOST)) == 1);
        assertThat(Long.parseLong(this.redis.cli("PTTL", "twisted:throttle:failures:" + HOST).get(0)))
                .isPositive().isLessThanOrEqualTo(300);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> (Integer) await(store.failures(HOST)) == 0);
        this.redis.cli("SET", "twisted:throttle:failures:" + HOST, "not a number");
        assertThat((Integer) await(store.failures(HOST))).isZero();
    }
}
