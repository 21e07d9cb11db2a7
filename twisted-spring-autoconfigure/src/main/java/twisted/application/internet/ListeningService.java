package twisted.application.internet;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import twisted.application.service.Service;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ListeningPort;

/**
 * A service that listens on an endpoint while it runs: what the Spring Boot starter, Actuator,
 * health and metrics need to know about it, whatever protocol it serves. A
 * {@link twisted.application.ServiceMaker} gets one from {@code ServiceMakerContext.listen}.
 * Call {@link #startService()} and {@link #stopService()} on the reactor thread; the getters are
 * safe from any thread.
 *
 * @since 0.1.0
 */
public interface ListeningService extends Service {

    /**
     * The outcome of the last start: the port once bound, or why it could not be bound.
     *
     * @return a Deferred of the listening port
     * @throws IllegalStateException when the service was never started
     */
    Deferred<ListeningPort> whenListening();

    /**
     * Whether the port is bound and accepting now.
     *
     * @return {@code true} while listening
     */
    boolean isListening();

    /**
     * The bound address, with the real port (useful after listening on port 0).
     *
     * @return the address, or {@code null} when not listening
     */
    @Nullable Address getBoundAddress();

    /**
     * The bound address as people write it: {@code 127.0.0.1:8007}, {@code [::1]:8007}, or a
     * UNIX socket's path.
     *
     * @return the address, or {@code null} when not listening
     */
    default @Nullable String getBoundAddressText() {
        Address address = getBoundAddress();
        return (address != null) ? StreamServerEndpointService.display(address) : null;
    }

    /**
     * Why the last start could not listen.
     *
     * @return the failure, or {@code null} when it listens or was stopped
     */
    @Nullable Failure getListenFailure();

    /**
     * The endpoint, as the user configured it.
     *
     * @return the description string
     */
    String getEndpointDescription();

    /**
     * How long stopping the service waits, once its port is closed, for its connections to end
     * by themselves before it closes them.
     *
     * @return the drain time; zero (the default) for none
     */
    default Duration getDrainTime() {
        return Duration.ZERO;
    }

    /**
     * The service's connection counters.
     *
     * @return live counters
     */
    ConnectionStats getStats();
}
