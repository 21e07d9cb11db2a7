package twisted.cred;

import java.time.Duration;
import java.util.function.IntFunction;

import twisted.defer.Deferred;

/**
 * Where a {@link LoginThrottle} keeps its count of failed logins per host: in this process
 * ({@link InMemoryLoginFailureStore}, the default) or in an engine every node shares (the Redis
 * store of {@code twisted.cluster.redis}), so that guesses spread over several nodes are slowed
 * down as if they all came to one.
 *
 * <p>Hosts are the throttle's keys: an IP address, or {@code unix:} and a socket path. Every
 * Deferred fires on the reactor thread; a store that cannot answer fails it, and the throttle then
 * logs a warning and lets the login through (slowed down by its first delay when it failed), rather
 * than refusing every login while the engine is away. Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface LoginFailureStore {

    /**
     * How long a host must still wait before its next attempt is checked.
     *
     * @param host the host
     * @return fires with the time left, zero when it may try now
     */
    Deferred<Duration> retryAfter(String host);

    /**
     * How many logins from a host have failed in a row and are still remembered.
     *
     * @param host the host
     * @return fires with the count, 0 when none
     */
    Deferred<Integer> failures(String host);

    /**
     * Counts a failed login from a host, and blocks the host for {@code delay} applied to its
     * failures in a row (this one included).
     *
     * @param host the host
     * @param delay how long n failures in a row block the host
     * @return fires with the block
     */
    Deferred<Block> failed(String host, IntFunction<Duration> delay);

    /**
     * The answer to the failure that made {@code block} has been given: the host may try again,
     * unless a later failure blocked it anew.
     *
     * @param host the host
     * @param block what {@link #failed} gave
     * @return fires when done
     */
    Deferred<Void> answered(String host, Block block);

    /**
     * Forgets a host's failures: it logged in.
     *
     * @param host the host
     * @return fires when done
     */
    Deferred<Void> succeeded(String host);

    /**
     * A host blocked after a failed login.
     *
     * @param failures its failures in a row, this one included
     * @param delay how long it is blocked
     * @param token tells this block from a later one of the same host
     */
    record Block(int failures, Duration delay, String token) {
    }
}
