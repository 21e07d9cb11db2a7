package twisted.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;
import twisted.internet.Address;
import twisted.internet.IPv4Address;

/**
 * The cost, per received chunk, of the MDC a listening service's connections set around
 * {@code dataReceived} (issue 9): the way {@code GuardedFactory} did it before (the peer formatted
 * for every chunk, the callback in a lambda), the way it does now (the peer formatted once per
 * connection), and no MDC at all. SLF4J's MDC is a no-op without a logging backend, so run it with
 * Logback on the class path, as a Spring Boot application has it:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar:logback-classic.jar:logback-core.jar org.openjdk.jmh.Main MdcBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class MdcBenchmark {

    private static final String SERVICE = "twisted.service";

    private static final String PEER = "twisted.peer";

    private final Address peer = new IPv4Address("TCP", "127.0.0.1", 40123);

    private final String peerText = String.valueOf(this.peer);

    private final String serviceName = "echo";

    private final byte[] chunk = new byte[64];

    @Benchmark
    public void perChunkFormatAndLambda(Blackhole hole) {
        withContext(() -> hole.consume(this.chunk));
    }

    @Benchmark
    public void peerFormattedOnce(Blackhole hole) {
        MDC.put(SERVICE, this.serviceName);
        MDC.put(PEER, this.peerText);
        try {
            hole.consume(this.chunk);
        }
        finally {
            MDC.remove(SERVICE);
            MDC.remove(PEER);
        }
    }

    @Benchmark
    public void noMdc(Blackhole hole) {
        hole.consume(this.chunk);
    }

    /** The shape of {@code GuardedFactory.Guarded.withContext} before issue 9. */
    private void withContext(Runnable callback) {
        MDC.put(SERVICE, this.serviceName);
        MDC.put(PEER, String.valueOf(this.peer));
        try {
            callback.run();
        }
        finally {
            MDC.remove(SERVICE);
            MDC.remove(PEER);
        }
    }
}
