package twisted.cred;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.time.ReactorTime;

/**
 * The {@link LoginThrottle}'s default store: failed logins counted in this process, at most
 * {@code maxPeers} hosts remembered (the oldest forgotten first), a host's failures forgotten after
 * a quiet {@code forgetAfter}. Answers at once (its Deferreds have fired when returned), with time
 * from the {@link ReactorTime} given. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemoryLoginFailureStore implements LoginFailureStore {

    private final ReactorTime clock;

    private final long forgetAfterNanos;

    private final Map<String, Record> peers;

    /**
     * Creates a store.
     *
     * @param clock the reactor, or a test's {@code Clock}
     * @param forgetAfter quiet time after which a host's failures are forgotten; positive
     * @param maxPeers how many hosts to remember; at least 1
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public InMemoryLoginFailureStore(ReactorTime clock, Duration forgetAfter, int maxPeers) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("forgetAfter (" + forgetAfter + ") must be positive");
        }
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers (" + maxPeers + ") must be at least 1");
        }
        this.forgetAfterNanos = forgetAfter.toNanos();
        this.peers = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > maxPeers;
            }
        };
    }

    @Override
    public synchronized Deferred<Duration> retryAfter(String host) {
        Record record = current(host);
        if (record == null || record.blockedUntil == null) {
            return Deferred.succeed(Duration.ZERO);
        }
        long left = record.blockedUntil - now();
        return Deferred.succeed((left > 0) ? Duration.ofNanos(left) : Duration.ZERO);
    }

    @Override
    public synchronized Deferred<Integer> failures(String host) {
        Record record = current(host);
        return Deferred.succeed((record != null) ? record.failures : 0);
    }

    @Override
    public synchronized Deferred<Block> failed(String host, IntFunction<Duration> delay) {
        long now = now();
        Record record = current(host);
        if (record == null) {
            record = new Record();
            this.peers.put(host, record);
        }
        record.failures++;
        record.lastFailure = now;
        Duration blocked = delay.apply(record.failures);
        long until = now + blocked.toNanos();
        record.blockedUntil = until;
        return Deferred.succeed(new Block(record.failures, blocked, Long.toString(until)));
    }

    @Override
    public synchronized Deferred<Void> answered(String host, Block block) {
        Record record = this.peers.get(host);
        if (record != null && record.blockedUntil != null && Long.toString(record.blockedUntil).equals(block.token())) {
            record.blockedUntil = null;
        }
        return Deferred.succeed(null);
    }

    @Override
    public synchronized Deferred<Void> succeeded(String host) {
        this.peers.remove(host);
        return Deferred.succeed(null);
    }

    private @Nullable Record current(String host) {
        Record record = this.peers.get(host);
        if (record != null && now() - record.lastFailure > this.forgetAfterNanos) {
            this.peers.remove(host);
            return null;
        }
        return record;
    }

    private long now() {
        return Math.round(this.clock.seconds() * 1e9);
    }

    /** What the store remembers of one host. */
    private static final class Record {

        int failures;

        long lastFailure;

        @Nullable Long blockedUntil;
    }
}
