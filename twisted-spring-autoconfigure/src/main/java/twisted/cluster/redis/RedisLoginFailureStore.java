package twisted.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntFunction;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import twisted.cluster.ClusterUnavailableException;
import twisted.cred.LoginFailureStore;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Failed logins counted in Redis, so that every node of a cluster slows down the same host: two
 * keys per host, {@code <prefix>throttle:failures:<host>} (the failures in a row, an integer that
 * expires after {@code forgetAfter} of quiet) and {@code <prefix>throttle:block:<host>} (present
 * while the host is blocked; it expires with the block, and is removed earlier when the held-back
 * answer is given). Counting is one atomic Lua script, so failures on several nodes at once are
 * all counted.
 *
 * <p>The Deferreds fire on the reactor thread; they fail with {@link ClusterUnavailableException}
 * when Redis does not answer within the command timeout (the throttle then lets logins through,
 * slowed down by its first delay).
 *
 * @since 0.1.0
 */
public final class RedisLoginFailureStore implements LoginFailureStore {

    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return n
            """, Long.class);

    private static final RedisScript<Long> UNBLOCK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """, Long.class);

    private final RedisCommands commands;

    private final ReactiveStringRedisTemplate redis;

    private final String prefix;

    private final Duration forgetAfter;

    /**
     * Creates the store.
     *
     * @param factory Redis connections
     * @param reactor where the Deferreds fire
     * @param keyPrefix what the keys start with, such as {@code twisted:}
     * @param forgetAfter quiet time after which a host's failures are forgotten; positive
     * @param commandTimeout how long Redis may take to answer; positive
     */
    public RedisLoginFailureStore(ReactiveRedisConnectionFactory factory, Reactor reactor, String keyPrefix,
            Duration forgetAfter, Duration commandTimeout) {
        // commands of different hosts need no order among them: any worker thread will do
        this.commands = new RedisCommands(Objects.requireNonNull(factory, "factory"),
                Objects.requireNonNull(reactor, "reactor"), Schedulers.boundedElastic(),
                requirePositive(commandTimeout, "commandTimeout"));
        this.redis = this.commands.template();
        this.prefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.forgetAfter = requirePositive(forgetAfter, "forgetAfter");
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " (" + value + ") must be positive");
        }
        return value;
    }

    @Override
    public Deferred<Duration> retryAfter(String host) {
        return defer(this.redis.getExpire(blockKey(host)).map(left -> left.isNegative() ? Duration.ZERO : left)
                .defaultIfEmpty(Duration.ZERO), "retry-after of " + host);
    }

    @Override
    public Deferred<Integer> failures(String host) {
        return defer(this.redis.opsForValue().get(failuresKey(host)).map(RedisLoginFailureStore::count)
                .defaultIfEmpty(0), "failures of " + host);
    }

    @Override
    public Deferred<Block> failed(String host, IntFunction<Duration> delay) {
        Mono<Block> block = this.redis.execute(COUNT, List.of(failuresKey(host)),
                List.of(Long.toString(this.forgetAfter.toMillis()))).next().flatMap(failures -> {
                    int n = (int) Math.min(Integer.MAX_VALUE, failures);
                    Duration blocked = delay.apply(n);
                    String token = UUID.randomUUID().toString();
                    return this.redis.opsForValue().set(blockKey(host), token, blocked)
                            .thenReturn(new Block(n, blocked, token));
                });
        return defer(block, "count of a failed login from " + host);
    }

    @Override
    public Deferred<Void> answered(String host, Block block) {
        return defer(this.redis.execute(UNBLOCK, List.of(blockKey(host)), List.of(block.token())).then(),
                "unblock of " + host);
    }

    @Override
    public Deferred<Void> succeeded(String host) {
        return defer(this.redis.delete(failuresKey(host), blockKey(host)).then(), "reset of " + host);
    }

    private String failuresKey(String host) {
        return this.prefix + "throttle:failures:" + host;
    }

    private String blockKey(String host) {
        return this.prefix + "throttle:block:" + host;
    }

    /** What Redis holds is input too: anything but a small count is none. */
    private static int count(String value) {
        try {
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Long.parseLong(value)));
        }
        catch (NumberFormatException ex) {
            return 0;
        }
    }

    private <T> Deferred<T> defer(Mono<T> command, String what) {
        return this.commands.defer(command, what);
    }
}
