package twisted.cred;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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

    private final long forgetAfterNanos;

    private final Map<String, Record> peers;

    /**
     * Creates a throttle with the default settings.
     *
     * @param clock the reactor, or a test's {@code Clock}
     */
    public LoginThrottle(ReactorTime clock) {
        this(clock, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY, DEFAULT_FORGET_AFTER, DEFAULT_MAX_PEERS);
    }

    /**
     * Creates a throttle.
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
        this.clock = Objects.requireNonNull(clock, "clock");
        this.initialDelay = requirePositive(initialDelay, "initialDelay");
        this.maxDelay = requirePositive(maxDelay, "maxDelay");
        this.forgetAfterNanos = requirePositive(forgetAfter, "forgetAfter").toNanos();
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must be at least initialDelay (" + initialDelay + ")");
        }
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers (" + maxPeers + ") must be at least 1");
        }
        this.peers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > maxPeers;
            }
        };
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " (" + value + ") must be positive");
        }
        return value;
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
        Duration wait = retryAfter(peer);
        if (!wait.isZero()) {
            log.debug("Login with {} from {} refused unchecked: retry in {}", credentials, host, seconds(wait));
            return Deferred.fail(new LoginThrottledException(
                    "too many failed logins from " + host + "; retry in " + seconds(wait), wait));
        }
        Deferred<LoginResult> attempt = portal.login(credentials, mind, interfaces);
        DelayedCall[] pending = new DelayedCall[1];
        Deferred<LoginResult> answer = new Deferred<>(d -> {
            if (pending[0] != null && pending[0].active()) {
                pending[0].cancel();
            }
            else {
                attempt.cancel();
            }
        });
        attempt.addCallbacks(result -> {
            succeeded(host);
            if (!answer.isCalled()) {
                answer.callback(result);
            }
            return null;
        }, failure -> {
            if (failure.check(UnauthorizedLoginException.class, LoginDeniedException.class) == null) {
                fire(answer, failure);
                return null;
            }
            Release release = failed(host);
            pending[0] = this.clock.callLater(release.delay(), () -> {
                release(host, release);
                fire(answer, failure);
            });
            return null;
        });
        return answer;
    }

    private static void fire(Deferred<LoginResult> answer, Failure failure) {
        if (!answer.isCalled()) {
            answer.errback(failure);
        }
    }

    /**
     * How long {@code peer}'s host must still wait before its next attempt is checked.
     *
     * @param peer the client's address
     * @return zero when it may try now
     */
    public synchronized Duration retryAfter(Address peer) {
        Record record = current(host(peer));
        if (record == null || record.blockedUntil == null) {
            return Duration.ZERO;
        }
        long left = record.blockedUntil - now();
        return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /**
     * How many logins from {@code peer}'s host have failed in a row and are still remembered.
     *
     * @param peer the client's address
     * @return the count, 0 when none
     */
    public synchronized int failures(Address peer) {
        Record record = current(host(peer));
        return (record != null) ? record.failures : 0;
    }

    private synchronized void succeeded(String host) {
        this.peers.remove(host);
    }

    private synchronized Release failed(String host) {
        long now = now();
        Record record = current(host);
        if (record == null) {
            record = new Record();
            this.peers.put(host, record);
        }
        record.failures++;
        record.lastFailure = now;
        Duration delay = delay(record.failures);
        long until = now + delay.toNanos();
        record.blockedUntil = until;
        if (delay.equals(this.maxDelay) && !delay(record.failures - 1).equals(this.maxDelay)) {
            log.info("{} failed logins in a row from {}: each further failure is now answered after {}",
                    record.failures, host, seconds(delay));
        }
        else {
            log.debug("Failed login {} in a row from {}: answered after {}", record.failures, host, seconds(delay));
        }
        return new Release(delay, until);
    }

    /** The answer is given: the host may try again, unless a later failure blocked it for longer. */
    private synchronized void release(String host, Release release) {
        Record record = this.peers.get(host);
        if (record != null && record.blockedUntil != null && record.blockedUntil == release.until()) {
            record.blockedUntil = null;
        }
    }

    private @Nullable Record current(String host) {
        Record record = this.peers.get(host);
        if (record != null && now() - record.lastFailure > this.forgetAfterNanos) {
            this.peers.remove(host);
            return null;
        }
        return record;
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

    private long now() {
        return Math.round(this.clock.seconds() * 1e9);
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

    /** What the throttle remembers of one host. */
    private static final class Record {

        int failures;

        long lastFailure;

        @Nullable Long blockedUntil;
    }

    private record Release(Duration delay, long until) {
    }
}
