package twisted.internet.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import twisted.internet.Reactor;

/**
 * Runs the reactor with the application context: it starts before every Twisted service and stops
 * after them, its shutdown waiting (bounded) for the Deferreds that shutdown triggers return.
 *
 * @since 0.1.0
 */
public class ReactorLifecycle implements SmartLifecycle {

    /** The phase: before the services' {@code ServiceBootstrap}, so it starts first and stops last. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private static final Logger log = LoggerFactory.getLogger(ReactorLifecycle.class);

    private final Reactor reactor;

    private final Duration timeout;

    private volatile boolean started;

    /**
     * Creates the lifecycle.
     *
     * @param reactor the reactor to run
     * @param timeout how long to wait for startup
     */
    public ReactorLifecycle(Reactor reactor, Duration timeout) {
        this.reactor = reactor;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        if (this.started) {
            return;
        }
        try {
            this.reactor.start().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
            this.started = true;
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("the reactor failed to start", ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("the reactor did not start within " + this.timeout, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reactor", ex);
        }
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stop(Runnable) is the one Spring calls");
    }

    @Override
    public void stop(Runnable callback) {
        if (!this.started || !this.reactor.isRunning()) {
            this.started = false;
            callback.run();
            return;
        }
        this.started = false;
        this.reactor.stop().whenComplete((done, error) -> {
            if (error != null) {
                log.warn("The reactor did not stop cleanly", error);
            }
            callback.run();
        });
    }

    @Override
    public boolean isRunning() {
        return this.started;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Never paused: a reactor is not restartable (Twisted's {@code ReactorNotRestartable}), so when
     * Spring's test context cache pauses a context it keeps running, and the context's next test
     * class finds it as it was.
     *
     * @return {@code false}
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
