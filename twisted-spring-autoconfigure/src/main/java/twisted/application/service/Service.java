package twisted.application.service;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * Something that starts and stops with the application: a listening port, a client connection,
 * a timer. Services form a tree through {@link MultiService}; Spring Boot runs the tree's root.
 * Both methods are called on the reactor thread.
 *
 * <p>Twisted: {@code IService}.
 *
 * @since 0.1.0
 */
public interface Service {

    /**
     * The service's name, unique among its siblings.
     *
     * @return the name
     */
    String getName();

    /**
     * Whether the service has been started and not stopped.
     *
     * @return {@code true} while running
     */
    boolean isRunning();

    /** Starts the service. Starting a running service does nothing. */
    void startService();

    /**
     * Stops the service. Stopping a stopped service does nothing.
     *
     * @return a Deferred that fires once the service has stopped (at once when it stops synchronously)
     */
    Deferred<@Nullable Void> stopService();

    /**
     * What the service reports about itself beyond its connections, shown by the starter's
     * Actuator endpoint and meters.
     *
     * @return the monitor, or {@code null} (the default) when the service reports nothing more
     * @since 0.1.0
     */
    default @Nullable ServiceMonitor getMonitor() {
        return null;
    }
}
