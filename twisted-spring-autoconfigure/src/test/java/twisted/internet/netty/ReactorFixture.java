package twisted.internet.netty;

import java.time.Duration;
import java.util.concurrent.Callable;

import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.Threads;

/** A started reactor for an integration test, and bounded waits on it. */
final class ReactorFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final NettyReactor reactor = NettyReactor.builder().shutdownTimeout(Duration.ofSeconds(5)).build();

    ReactorFixture() throws Exception {
        this.reactor.start().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Runs on the reactor thread and waits (bounded) for the result, or the Deferred's result. */
    <T> T onReactor(Callable<?> action) throws Exception {
        return Threads.blockingCallFromThread(this.reactor, action, TIMEOUT);
    }

    static int port(ListeningPort port) {
        return ((IPAddress) port.getHost()).port();
    }

    @Override
    public void close() throws Exception {
        if (this.reactor.isRunning()) {
            this.reactor.stop().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
