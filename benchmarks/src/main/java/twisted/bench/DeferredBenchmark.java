package twisted.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;
import twisted.defer.Callback;
import twisted.defer.Deferred;
import twisted.testing.DeferredAssertions;

/**
 * The cost of a callback stage: a Deferred against {@code CompletableFuture} and {@code Mono}
 * doing the same work. {@code chain10*} adds ten mapping stages to an unfired value, then fires it;
 * {@code nested1000*} chains a thousand asynchronous results, each waiting on the next, then fires
 * the innermost. Divide the time per operation by 10 or 1,000 for the cost of one stage.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class DeferredBenchmark {

    private static final Callback<Object, Object> INCREMENT_CALLBACK = x -> (Integer) x + 1;

    private static final Callback<Integer, Integer> INCREMENT_TYPED = x -> x + 1;

    private static final Function<Integer, Integer> INCREMENT = x -> x + 1;

    private static final int NESTED = 1000;

    @Benchmark
    public Object chain10Deferred() {
        Deferred<Integer> d = new Deferred<>();
        for (int i = 0; i < 10; i++) {
            d.addCallback(INCREMENT_CALLBACK);
        }
        d.callback(0);
        return d.currentResult();
    }

    @Benchmark
    public Object chain10DeferredTyped() {
        Deferred<Integer> first = new Deferred<>();
        Deferred<Integer> d = first;
        for (int i = 0; i < 10; i++) {
            d = d.thenApply(INCREMENT_TYPED);
        }
        first.callback(0);
        return d.currentResult();
    }

    @Benchmark
    public Object chain10CompletableFuture() {
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> f = first;
        for (int i = 0; i < 10; i++) {
            f = f.thenApply(INCREMENT);
        }
        first.complete(0);
        return f.join();
    }

    @Benchmark
    public Object chain10Mono() {
        Mono<Integer> m = Mono.just(0);
        for (int i = 0; i < 10; i++) {
            m = m.map(INCREMENT);
        }
        return m.block();
    }

    @Benchmark
    public Object nested1000Deferred() {
        Deferred<Integer> innermost = new Deferred<>();
        Deferred<Integer> current = innermost;
        for (int i = 0; i < NESTED; i++) {
            Deferred<Integer> inner = current;
            Deferred<Integer> outer = new Deferred<>();
            outer.addCallback(ignored -> inner);
            outer.callback(0);
            current = outer;
        }
        innermost.callback(42);
        return DeferredAssertions.successResultOf(current);
    }

    @Benchmark
    public Object nested1000CompletableFuture() {
        CompletableFuture<Integer> innermost = new CompletableFuture<>();
        CompletableFuture<Integer> current = innermost;
        for (int i = 0; i < NESTED; i++) {
            CompletableFuture<Integer> inner = current;
            current = CompletableFuture.completedFuture(0).thenCompose(ignored -> inner);
        }
        innermost.complete(42);
        return current.join();
    }

    @Benchmark
    public Object nested1000Mono() {
        Mono<Integer> current = Mono.just(42);
        for (int i = 0; i < NESTED; i++) {
            Mono<Integer> inner = current;
            current = Mono.just(0).flatMap(ignored -> inner);
        }
        return current.block();
    }
}
