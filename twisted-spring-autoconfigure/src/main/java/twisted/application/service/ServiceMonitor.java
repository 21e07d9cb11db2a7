package twisted.application.service;

import java.util.List;
import java.util.Map;

/**
 * What a service reports about itself beyond its connections, for the starter to show: details
 * for the Actuator {@code twisted} endpoint and meters for Micrometer (each tagged with the
 * service's name). A {@link twisted.application.ServiceMaker} hands one to
 * {@link twisted.application.ServiceMakerContext#listen(twisted.internet.Factory, ServiceMonitor)};
 * the service path does the rest, so a protocol never imports Actuator or Micrometer.
 *
 * <p>Both methods are called from monitoring threads, never the reactor's: read only state that
 * is safe to read from any thread (atomics, concurrent maps, immutable snapshots).
 *
 * @since 0.1.0
 */
public interface ServiceMonitor {

    /**
     * What the service would show a human: users, channels, mailboxes.
     *
     * @return a JSON-friendly map (strings, numbers, booleans, lists and maps of those)
     */
    Map<String, Object> details();

    /**
     * The service's own meters, read when Micrometer asks; called once, when the meters are bound.
     *
     * @return the meters
     */
    default List<ServiceMeter> meters() {
        return List.of();
    }
}
