package twisted.internet.process;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import twisted.internet.Threads;
import twisted.internet.netty.NettyReactor;

/** A started reactor for tests that run real programs, and bounded waits on it. */
final class ProcessFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final NettyReactor reactor = NettyReactor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

    ProcessFixture() throws Exception {
        this.reactor.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Runs on the reactor thread and waits (bounded) for the result, or the Deferred's result. */
    <T> T onReactor(Callable<?> action) throws Exception {
        return Threads.blockingCallFromThread(this.reactor, action, TIMEOUT);
    }

    @Override
    public void close() throws Exception {
        if (this.reactor.isRunning()) {
            this.reactor.stop().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
