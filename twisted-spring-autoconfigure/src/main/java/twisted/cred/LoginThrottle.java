package twisted.cred;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.IPAddress;
import twisted.internet.UNIXAddress;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * Slows down password guessing, per peer address: a protocol logs in through the throttle rather
 * than straight through the {@link Portal}.
 *
 * <pre>{@code
 * throttle.login(portal, transport.getPeer(), new UsernamePassword(user, password), null, ProtocolAvatar.class)
 *         .addCallbacks(this::loggedIn, this::loginFailed);
 * }</pre>
 *
 * <h2>How</h2>
 * After the n-th failed login from a host in a row, the answer is held back for
 * {@code initialDelay * 2^(n-1)}, at most {@code maxDelay} (1 s, 2 s, 4 s... by default), and the
 * host may not try again until it has been given. An attempt made meanwhile, from any connection
 * of that host, fails at once with {@link LoginThrottledException} <em>without its credentials
 * being checked</em>, so opening more connections does not buy more guesses. A client that waits
 * for each answer, as a person does, never sees that exception. A successful login forgets the
 * host's failures; so does a quiet {@code forgetAfter} since the last one.
 *
 * <p>The counting is done by a {@link LoginFailureStore}: by default an
 * {@link InMemoryLoginFailureStore} of this process; on a cluster, one that every node shares, so
 * that guesses spread over the nodes count as one host's.
 *
 * <p>A failure is an {@link UnauthorizedLoginException} or a {@link LoginDeniedException}. Other
 * failures (unhandled credentials, internal errors) pass through at once and are not counted.
 * Hosts are IP addresses (the port is ignored) or the UNIX socket's path; at most
 * {@code maxPeers} are remembered, the oldest forgotten first.
 *
 * <p>Time comes from the {@link ReactorTime} given, so a test drives it with a
 * {@code twisted.testing.Clock}. Thread-safe; the Deferreds it returns fire on the reactor thread.
 *
 * <p>Not in Twisted: conch holds back a failed password answer for a fixed
 * {@code SSHUserAuthServer.passwordDelay}; this does it for every protocol, and grows the delay.
 *
 * @since 0.1.0
 */
public final class LoginThrottle {

    /** Default delay after a first failure: Twisted conch's {@code passwordDelay}. */
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);

    /** Default longest delay. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(1);

    /** Default quiet time after which a host's failures are forgotten. */
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(15);

    /** Default number of hosts remembered. */
    public static final int DEFAULT_MAX_PEERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final ReactorTime clock;

    private final Duration initialDelay;

    private final Duration maxDelay;

    private final LoginFailureStore store;

    /**
     * Creates a throttle with the default settings.
     *
     * @param clock the reactor, or a test's {@code Clock}
     */
    public LoginThrottle(ReactorTime clock) {
        this(clock, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_FORGET_AFTER, DEFAULT_MAX_PEERS);
    }

    /**
     * Creates a throttle that counts failures in this process ({@link InMemoryLoginFailureStore}).
     *
     * @param clock the reactor, or a test's {@code Clock}
     * @param initialDelay how long the answer to a first failure is held back; positive
     * @param maxDelay the longest it is ever held back; at least {@code initialDelay}
     * @param forgetAfter quiet time after which a host's failures are forgotten; positive
     * @param maxPeers how many hosts to remember; at least 1
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public LoginThrottle(ReactorTime clock, Duration initialDelay, Duration maxDelay, Duration forgetAfter,
            int maxPeers) {
        this(clock, initialDelay, maxDelay, new InMemoryLoginFailureStore(clock, forgetAfter, maxPeers));
    }

    /**
     * Creates a throttle that counts failures in {@code store}, such as one shared by every node of
     * a cluster.
     *
     * @param clock the reactor, or a test's {@code Clock}: it times the held-back answers
     * @param initialDelay how long the answer to a first failure is held back; positive
     * @param maxDelay the longest it is ever held back; at least {@code initialDelay}
     * @param store where failures are counted; it forgets them after its own quiet time
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public LoginThrottle(ReactorTime clock, Duration initialDelay, Duration maxDelay, LoginFailureStore store) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.initialDelay = requirePositive(initialDelay, "initialDelay");
        this.maxDelay = requirePositive(maxDelay, "maxDelay");
        this.store = Objects.requireNonNull(store, "store");
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must be at least initialDelay (" + initialDelay + ")");
        }
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " (" + value + ") must be positive");
        }
        return value;
    }

    /**
     * Where this throttle counts failures.
     *
     * @return the store
     */
    public LoginFailureStore store() {
        return this.store;
    }

    /**
     * Logs in through {@code portal} on behalf of {@code peer}, as the class documentation says.
     * Call it on the reactor thread.
     *
     * @param portal the portal
     * @param peer the client's address, {@code transport.getPeer()}
     * @param credentials what the client presented
     * @param mind passed on to the portal
     * @param interfaces passed on to the portal
     * @return the portal's Deferred, its failures delayed; cancelling it cancels the login or the wait
     */
    public Deferred<LoginResult> login(Portal portal, Address peer, Credentials credentials, @Nullable Object mind,
            Class<?>... interfaces) {
        Objects.requireNonNull(portal, "portal");
        String host = host(peer);
        Attempt attempt = new Attempt();
        Deferred<LoginResult> answer = new Deferred<>(d -> attempt.cancel());
        this.store.retryAfter(host).addCallbacks(wait -> {
            if (answer.isCalled()) {
                return null;
            }
            if (!wait.isZero()) {
                log.debug("Login with {} from {} refused unchecked: retry in {}", credentials, host, seconds(wait));
                answer.errback(new LoginThrottledException(
                        "too many failed logins from " + host + "; retry in " + seconds(wait), wait));
                return null;
            }
            check(portal, host, credentials, mind, interfaces, attempt, answer);
            return null;
        }, failure -> {
            log.warn("Login throttle store could not be asked about {} ({}): checking the login anyway", host,
                    failure.getErrorMessage());
            if (!answer.isCalled()) {
                check(portal, host, credentials, mind, interfaces, attempt, answer);
            }
            return null;
        });
        return answer;
    }

    private void check(Portal portal, String host, Credentials credentials, @Nullable Object mind,
            Class<?>[] interfaces, Attempt attempt, Deferred<LoginResult> answer) {
        Deferred<LoginResult> login = portal.login(credentials, mind, interfaces);
        attempt.login = login;
        login.addCallbacks(result -> {
            this.store.succeeded(host).addErrback(failure -> {
                log.warn("Login throttle store could not forget {}'s failures ({})", host, failure.getErrorMessage());
                return null;
            });
            if (!answer.isCalled()) {
                answer.callback(result);
            }
            return null;
        }, failure -> {
            if (failure.check(UnauthorizedLoginException.class, LoginDeniedException.class) == null) {
                fire(answer, failure);
                return null;
            }
            this.store.failed(host, this::delay).addCallbacks(block -> {
                logFailure(host, block);
                // the block is lifted before the answer goes out, so that a client retrying at
                // once, on this node or another, is not refused by its own spent block
                attempt.pending = this.clock.callLater(block.delay(),
                        () -> this.store.answered(host, block).addBoth(ignored -> {
                            fire(answer, failure);
                            return null;
                        }));
                return null;
            }, storeFailure -> {
                log.warn("Login throttle store could not count a failed login from {} ({})", host,
                        storeFailure.getErrorMessage());
                attempt.pending = this.clock.callLater(this.initialDelay, () -> fire(answer, failure));
                return null;
            });
            return null;
        });
    }

    private void logFailure(String host, LoginFailureStore.Block block) {
        Duration delay = block.delay();
        if (delay.equals(this.maxDelay) && !delay(block.failures() - 1).equals(this.maxDelay)) {
            log.info("{} failed logins in a row from {}: each further failure is now answered after {}",
                    block.failures(), host, seconds(delay));
        }
        else {
            log.debug("Failed login {} in a row from {}: answered after {}", block.failures(), host, seconds(delay));
        }
    }

    private static void fire(Deferred<LoginResult> answer, Failure failure) {
        if (!answer.isCalled()) {
            answer.errback(failure);
        }
    }

    /**
     * How long {@code peer}'s host must still wait before its next attempt is checked. Answers at
     * once with the default store; with a store that answers later, ask {@link #store()}.
     *
     * @param peer the client's address
     * @return zero when it may try now
     * @throws IllegalStateException when the store has not answered at once
     */
    public Duration retryAfter(Address peer) {
        return now(this.store.retryAfter(host(peer)), "retryAfter");
    }

    /**
     * How many logins from {@code peer}'s host have failed in a row and are still remembered.
     * Answers at once with the default store; with a store that answers later, ask {@link #store()}.
     *
     * @param peer the client's address
     * @return the count, 0 when none
     * @throws IllegalStateException when the store has not answered at once
     */
    public int failures(Address peer) {
        return now(this.store.failures(host(peer)), "failures");
    }

    @SuppressWarnings("unchecked")
    private static <T> T now(Deferred<T> answer, String what) {
        Object[] result = new Object[1];
        Failure[] failed = new Failure[1];
        answer.addCallbacks(value -> {
            result[0] = value;
            return null;
        }, failure -> {
            failed[0] = failure;
            return null;
        });
        if (failed[0] != null) {
            throw failed[0].raiseException();
        }
        if (result[0] == null) {
            throw new IllegalStateException(what + ": the login failure store has not answered at once; ask store()");
        }
        return (T) result[0];
    }

    private Duration delay(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        Duration delay = this.initialDelay;
        for (int i = 1; i < failures && delay.compareTo(this.maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return (millis % 1000 == 0) ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.3f s", millis / 1000.0);
    }

    static String host(Address peer) {
        Objects.requireNonNull(peer, "peer");
        if (peer instanceof IPAddress ip) {
            return ip.host();
        }
        return "unix:" + ((UNIXAddress) peer).name();
    }

    /** One login's cancellable parts: the portal's check, then the held-back answer. */
    private static final class Attempt {

        @Nullable Deferred<LoginResult> login;

        @Nullable DelayedCall pending;

        void cancel() {
            if (this.pending != null && this.pending.active()) {
                this.pending.cancel();
            }
            else if (this.login != null) {
                this.login.cancel();
            }
        }
    }
}
