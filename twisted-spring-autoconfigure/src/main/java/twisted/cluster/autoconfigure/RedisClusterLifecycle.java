package twisted.cluster.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import twisted.application.context.ServiceBootstrap;
import twisted.cluster.redis.RedisCluster;

/**
 * Joins the cluster after the reactor has started and before the Twisted services start (they
 * subscribe as they start), and leaves it after they have stopped, so that a draining service can
 * still publish (an IRC server's quits). Startup waits up to the node timeout for the bus to come
 * up; if Redis cannot be reached by then the application starts anyway, with the bus
 * {@code DOWN}, and the node keeps trying.
 *
 * @since 0.1.0
 */
public class RedisClusterLifecycle implements SmartLifecycle {

    /** The phase: after the reactor's, before the services' {@link ServiceBootstrap#PHASE}. */
    public static final int PHASE = ServiceBootstrap.PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(RedisClusterLifecycle.class);

    private final RedisCluster cluster;

    private volatile boolean running;

    /**
     * Creates the lifecycle.
     *
     * @param cluster the node
     */
    public RedisClusterLifecycle(RedisCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void start() {
        if (this.running) {
            return;
        }
        this.running = true;
        Duration wait = this.cluster.settings().nodeTimeout();
        try {
            this.cluster.start().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Node {} joined the cluster on Redis: {}", this.cluster.nodeId(), this.cluster.status().nodes());
        }
        catch (TimeoutException | ExecutionException ex) {
            log.warn("Node {} could not reach Redis within {}: starting with the cluster bus down; it keeps trying",
                    this.cluster.nodeId(), wait);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(Runnable callback) {
        this.running = false;
        this.cluster.stop().orTimeout(this.cluster.settings().commandTimeout().toMillis() * 3, TimeUnit.MILLISECONDS)
                .whenComplete((done, ex) -> callback.run());
    }

    @Override
    public void stop() {
        stop(() -> {
        });
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
