package twisted.cred;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.IPv4Address;
import twisted.internet.UNIXAddress;
import twisted.testing.Clock;
import twisted.testing.InMemoryCredentialsChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

/** Throttling on a {@link Clock}: every delay below is exact, and nothing sleeps. */
class LoginThrottleTests {

    private static final Address MALLORY = new IPv4Address("TCP", "192.0.2.66", 40000);

    private static final Address MALLORY_AGAIN = new IPv4Address("TCP", "192.0.2.66", 40001);

    private static final Address ALICE = new IPv4Address("TCP", "198.51.100.7", 50000);

    private final Clock clock = new Clock();

    private final CountingChecker checker = new CountingChecker();

    private final Portal portal = new Portal(
            (id, mind, interfaces) -> Deferred.succeed(LoginResult.of(id, () -> { }, interfaces)), List.of(this.checker));

    private final LoginThrottle throttle = new LoginThrottle(this.clock, Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofMinutes(15), 100);

    /** Counts how often credentials were really checked. */
    static final class CountingChecker implements CredentialsChecker {

        private final InMemoryCredentialsChecker users = new InMemoryCredentialsChecker().addUser("alice", "secret");

        int checks;

        @Override
        public List<Class<?>> credentialInterfaces() {
            return this.users.credentialInterfaces();
        }

        @Override
        public Deferred<String> requestAvatarId(Credentials credentials) {
            this.checks++;
            return this.users.requestAvatarId(credentials);
        }
    }

    private Deferred<LoginResult> login(Address peer, String password) {
        return this.throttle.login(this.portal, peer, new UsernamePassword("alice", password), null, CharSequence.class);
    }

    /** Marks a login whose failure the test does not look at as handled, so it is not reported as unhandled. */
    private static void answered(Deferred<LoginResult> login) {
        login.addErrback(failure -> null);
    }

    /** Fails a login from {@code peer} and waits for its answer, as a patient client does. */
    private void failPatiently(Address peer) {
        Deferred<LoginResult> attempt = login(peer, "guess");
        this.clock.advance(this.throttle.retryAfter(peer));
        failureResultOf(attempt, UnauthorizedLoginException.class);
    }

    @Test
    void theAnswerToAFailedLoginIsHeldBackForTheInitialDelay() {
        Deferred<LoginResult> attempt = login(MALLORY, "guess");
        assertNoResult(attempt);
        this.clock.advance(Duration.ofMillis(999));
        assertNoResult(attempt);
        this.clock.advance(Duration.ofMillis(1));
        failureResultOf(attempt, UnauthorizedLoginException.class);
        assertThat(this.throttle.failures(MALLORY)).isEqualTo(1);
    }

    @Test
    void delaysDoubleWithEachFailureInARowUpToTheMaximum() {
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Deferred<LoginResult> attempt = login(MALLORY, "guess");
            delays.add(this.throttle.retryAfter(MALLORY));
            this.clock.advance(delays.get(i));
            failureResultOf(attempt, UnauthorizedLoginException.class);
        }
        assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
        assertThat(this.throttle.failures(MALLORY)).isEqualTo(6);
    }

    @Test
    void anAttemptWhileAnAnswerIsHeldBackIsRefusedWithoutCheckingTheCredentials() {
        answered(login(MALLORY, "guess1"));
        assertThat(this.checker.checks).isEqualTo(1);
        this.clock.advance(Duration.ofMillis(400));
        Failure refused = failureResultOf(login(MALLORY_AGAIN, "secret"), LoginThrottledException.class);
        assertThat(this.checker.checks).as("the right password was never checked").isEqualTo(1);
        assertThat(((LoginThrottledException) refused.value()).getRetryAfter()).isEqualTo(Duration.ofMillis(600));
        assertThat(refused.getErrorMessage()).isEqualTo("too many failed logins from 192.0.2.66; retry in 0.600 s");
        assertThat(this.throttle.failures(MALLORY)).as("a refused attempt is not counted").isEqualTo(1);
    }

    @Test
    void aClientThatWaitsForEachAnswerIsNeverRefused() {
        for (int i = 0; i < 3; i++) {
            failPatiently(MALLORY);
        }
        assertThat(this.throttle.retryAfter(MALLORY)).isZero();
        successResultOf(login(MALLORY, "secret"));
        assertThat(this.checker.checks).isEqualTo(4);
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        failPatiently(MALLORY);
        failPatiently(MALLORY);
        successResultOf(login(MALLORY, "secret"));
        assertThat(this.throttle.failures(MALLORY)).isZero();
        Deferred<LoginResult> next = login(MALLORY, "guess");
        assertThat(this.throttle.retryAfter(MALLORY)).as("back to the initial delay").isEqualTo(Duration.ofSeconds(1));
        this.clock.advance(Duration.ofSeconds(1));
        failureResultOf(next, UnauthorizedLoginException.class);
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        failPatiently(MALLORY);
        failPatiently(MALLORY);
        // the second failure came at 1 s and was answered at 3 s
        assertThat(this.clock.seconds()).isEqualTo(3.0);
        this.clock.advance(Duration.ofMinutes(15).minusSeconds(2));
        assertThat(this.throttle.failures(MALLORY)).isEqualTo(2);
        this.clock.advance(Duration.ofMillis(1));
        assertThat(this.throttle.failures(MALLORY)).isZero();
    }

    @Test
    void otherHostsAreNotHeldBackButAnotherPortOfTheSameHostIs() {
        answered(login(MALLORY, "guess"));
        successResultOf(login(ALICE, "secret"));
        failureResultOf(login(MALLORY_AGAIN, "guess"), LoginThrottledException.class);
        assertThat(this.throttle.retryAfter(MALLORY_AGAIN)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void unixSocketPeersAreThrottledByPath() {
        Address local = new UNIXAddress("/run/app.sock");
        answered(login(local, "guess"));
        failureResultOf(login(new UNIXAddress("/run/app.sock"), "secret"), LoginThrottledException.class);
        successResultOf(login(new UNIXAddress("/run/other.sock"), "secret"));
    }

    @Test
    void unhandledCredentialsAreAnsweredAtOnceAndNotCounted() {
        failureResultOf(this.throttle.login(this.portal, MALLORY, new Anonymous(), null, CharSequence.class),
                UnhandledCredentialsException.class);
        assertThat(this.throttle.failures(MALLORY)).isZero();
    }

    @Test
    void loginDeniedCountsAsAFailure() {
        Portal denying = new Portal((id, mind, ifaces) -> Deferred.fail(new LoginDeniedException("account locked")),
                List.of(this.checker));
        Deferred<LoginResult> attempt = this.throttle.login(denying, MALLORY, new UsernamePassword("alice", "secret"), null,
                CharSequence.class);
        assertNoResult(attempt);
        this.clock.advance(Duration.ofSeconds(1));
        failureResultOf(attempt, LoginDeniedException.class);
    }

    @Test
    void cancellingDuringTheWaitCancelsTheHeldBackAnswer() {
        Deferred<LoginResult> attempt = login(MALLORY, "guess");
        attempt.cancel();
        failureResultOf(attempt, CancelledException.class);
        assertThat(this.clock.getDelayedCalls()).isEmpty();
        assertThat(this.throttle.retryAfter(MALLORY)).as("the block stands").isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void cancellingAPendingCheckCancelsIt() {
        Deferred<String> pending = new Deferred<>();
        Portal slow = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(id, () -> { }, ifaces)));
        slow.registerChecker(new CredentialsChecker() {
            @Override
            public List<Class<?>> credentialInterfaces() {
                return List.of(UsernamePassword.class);
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                return pending;
            }
        });
        Deferred<LoginResult> attempt = this.throttle.login(slow, MALLORY, new UsernamePassword("a", "b"), null,
                CharSequence.class);
        attempt.cancel();
        failureResultOf(attempt, CancelledException.class);
        failureResultOf(pending, CancelledException.class);
        assertThat(this.throttle.failures(MALLORY)).isZero();
    }

    @Test
    void theOldestHostIsForgottenBeyondTheLimit() {
        LoginThrottle small = new LoginThrottle(this.clock, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1), 2);
        for (int host = 1; host <= 3; host++) {
            answered(small.login(this.portal, new IPv4Address("TCP", "192.0.2." + host, 1),
                    new UsernamePassword("alice", "x"), null, CharSequence.class));
        }
        assertThat(small.failures(new IPv4Address("TCP", "192.0.2.1", 1))).isZero();
        assertThat(small.failures(new IPv4Address("TCP", "192.0.2.3", 1))).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void defaultsAreTwistedConchsPasswordDelayGrowingToAMinute() {
        LoginThrottle defaults = new LoginThrottle(this.clock);
        answered(login(MALLORY, "warm-up"));
        answered(defaults.login(this.portal, MALLORY, new UsernamePassword("alice", "guess"), null, CharSequence.class));
        assertThat(defaults.retryAfter(MALLORY)).isEqualTo(LoginThrottle.DEFAULT_INITIAL_DELAY).isEqualTo(Duration.ofSeconds(1));
        assertThat(LoginThrottle.DEFAULT_MAX_DELAY).isEqualTo(Duration.ofMinutes(1));
        this.clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        Duration second = Duration.ofSeconds(1);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new LoginThrottle(this.clock, Duration.ZERO, second, second, 1))
                .withMessage("initialDelay (PT0S) must be positive");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new LoginThrottle(this.clock, Duration.ofSeconds(2), second, second, 1))
                .withMessage("maxDelay (PT1S) must be at least initialDelay (PT2S)");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new LoginThrottle(this.clock, second, second, second.negated(), 1))
                .withMessage("forgetAfter (PT-1S) must be positive");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new LoginThrottle(this.clock, second, second, second, 0))
                .withMessage("maxPeers (0) must be at least 1");
    }

    @Test
    void aStoreThatCannotAnswerLetsLoginsBeCheckedAndHoldsFailuresBackForTheInitialDelay() {
        LoginFailureStore away = new LoginFailureStore() {
            private <T> Deferred<T> down() {
                return Deferred.fail(new IllegalStateException("store away"));
            }

            @Override
            public Deferred<Duration> retryAfter(String host) {
                return down();
            }

            @Override
            public Deferred<Integer> failures(String host) {
                return down();
            }

            @Override
            public Deferred<Block> failed(String host, java.util.function.IntFunction<Duration> delay) {
                return down();
            }

            @Override
            public Deferred<Void> answered(String host, Block block) {
                return down();
            }

            @Override
            public Deferred<Void> succeeded(String host) {
                return down();
            }
        };
        LoginThrottle throttle = new LoginThrottle(this.clock, Duration.ofSeconds(1), Duration.ofSeconds(8), away);
        assertThat(throttle.store()).isSameAs(away);
        successResultOf(throttle.login(this.portal, ALICE, new UsernamePassword("alice", "secret"), null,
                CharSequence.class));
        Deferred<LoginResult> guess = throttle.login(this.portal, ALICE, new UsernamePassword("alice", "guess"), null,
                CharSequence.class);
        assertNoResult(guess);
        this.clock.advance(Duration.ofSeconds(1));
        failureResultOf(guess, UnauthorizedLoginException.class);
        assertThat(this.checker.checks).isEqualTo(2);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> throttle.retryAfter(ALICE))
                .withMessage("store away");
    }

    @Test
    void theSynchronousQueriesNeedAStoreThatAnswersAtOnce() {
        InMemoryLoginFailureStore memory = new InMemoryLoginFailureStore(this.clock, Duration.ofMinutes(1), 10);
        LoginFailureStore later = new LoginFailureStore() {
            @Override
            public Deferred<Duration> retryAfter(String host) {
                return new Deferred<>();
            }

            @Override
            public Deferred<Integer> failures(String host) {
                return memory.failures(host);
            }

            @Override
            public Deferred<Block> failed(String host, java.util.function.IntFunction<Duration> delay) {
                return memory.failed(host, delay);
            }

            @Override
            public Deferred<Void> answered(String host, Block block) {
                return memory.answered(host, block);
            }

            @Override
            public Deferred<Void> succeeded(String host) {
                return memory.succeeded(host);
            }
        };
        LoginThrottle throttle = new LoginThrottle(this.clock, Duration.ofSeconds(1), Duration.ofSeconds(8), later);
        assertThat(throttle.failures(ALICE)).isZero();
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> throttle.retryAfter(ALICE))
                .withMessageContaining("has not answered at once");
    }
}
