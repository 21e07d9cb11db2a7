package twisted.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import twisted.cluster.ClusterUnavailableException;
import twisted.defer.Deferred;
import twisted.internet.Reactor;

/**
 * Commands to Redis, sent from a scheduler of their own (never the reactor thread: the first use of
 * a connection may block while it connects), each bounded by the command timeout and failing with
 * {@link ClusterUnavailableException}; the answers come back on the reactor thread. With a
 * single-threaded scheduler, commands go out in the order they were made.
 */
final class RedisCommands {

    private final ReactiveStringRedisTemplate template;

    private final Reactor reactor;

    private final Scheduler scheduler;

    private final Duration timeout;

    RedisCommands(ReactiveRedisConnectionFactory factory, Reactor reactor, Scheduler scheduler, Duration timeout) {
        this.template = new ReactiveStringRedisTemplate(factory);
        this.reactor = reactor;
        this.scheduler = scheduler;
        this.timeout = timeout;
    }

    ReactiveStringRedisTemplate template() {
        return this.template;
    }

    Scheduler scheduler() {
        return this.scheduler;
    }

    Reactor reactor() {
        return this.reactor;
    }

    /** Sends from the scheduler, bounded by the command timeout. */
    <T> Mono<T> command(Mono<T> mono, String what) {
        return mono.subscribeOn(this.scheduler).timeout(this.timeout)
                .onErrorMap(ex -> !(ex instanceof ClusterUnavailableException), ex -> {
                    String reason = (ex instanceof TimeoutException) ? "no answer within " + this.timeout
                            : ex.getMessage();
                    return new ClusterUnavailableException(what + " failed: " + reason, ex);
                });
    }

    /** As {@link #command}, the answer on the reactor thread. */
    <T> Deferred<T> defer(Mono<T> mono, String what) {
        return Deferred.fromPublisher(command(mono, what), this.reactor);
    }

    /** Runs a script; its result, flattened to strings when it is a list, on the reactor thread. */
    @SuppressWarnings("unchecked")
    <T> Deferred<T> run(RedisScript<?> script, List<String> keys, List<String> args, String what) {
        Flux<?> result = this.template.execute(script, keys, args);
        Mono<?> value;
        if (List.class.equals(script.getResultType())) {
            value = result.flatMapIterable(item -> (item instanceof List<?> list) ? list : List.of(item))
                    .map(String::valueOf)
                    .collectList();
        }
        else {
            value = result.next();
        }
        return (Deferred<T>) defer(value, what);
    }
}
