package twisted.internet.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the reactor, under {@code twisted.reactor}. Each default is the one
 * {@code NettyReactor.builder()} uses; {@code ReactorPropertiesTests} checks that they agree.
 *
 * @param enabled Whether to create and run a reactor.
 * @param threads Number of event loop threads. One keeps Twisted's single-thread guarantee; with
 *        more, shared factory state must be thread-safe.
 * @param nativeTransport Whether to use epoll when its native library loads, instead of NIO.
 * @param threadPool Pool that runs callInThread and deferToThread work.
 * @param shutdownTimeout Maximum time startup and shutdown wait for triggers and connections.
 * @param maxSpawnsInFlight Maximum number of child processes being started at once (spawnProcess
 *        called, process not yet started). One more spawnProcess fails at once with a
 *        RejectedExecutionException.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.reactor")
public record ReactorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1") int threads,
        @DefaultValue("true") boolean nativeTransport, @DefaultValue ThreadPool threadPool,
        @DefaultValue("30s") Duration shutdownTimeout, @DefaultValue("64") int maxSpawnsInFlight) {

    /**
     * Validates the settings, naming the property that is wrong.
     */
    public ReactorProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("twisted.reactor.threads (" + threads + ") must be at least 1");
        }
        if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
            throw new IllegalArgumentException("twisted.reactor.shutdown-timeout (" + shutdownTimeout + ") must be positive");
        }
        if (maxSpawnsInFlight < 1) {
            throw new IllegalArgumentException("twisted.reactor.max-spawns-in-flight (" + maxSpawnsInFlight
                    + ") must be at least 1");
        }
    }

    /**
     * The reactor's thread pool.
     *
     * @param size Maximum number of threads running blocking work at once.
     */
    public record ThreadPool(@DefaultValue("10") int size) {

        /**
         * Validates the size.
         */
        public ThreadPool {
            if (size < 1) {
                throw new IllegalArgumentException("twisted.reactor.thread-pool.size (" + size + ") must be at least 1");
            }
        }
    }
}
