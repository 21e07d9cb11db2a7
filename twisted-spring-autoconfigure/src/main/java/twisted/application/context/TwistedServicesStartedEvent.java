package twisted.application.context;

import java.util.Map;

import org.springframework.context.ApplicationEvent;

/**
 * Published once every configured service has started and its port is bound.
 *
 * @since 0.1.0
 */
public class TwistedServicesStartedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Integer> ports;

    /**
     * Creates the event.
     *
     * @param services the services
     * @param ports the bound port of each listening service, by name
     */
    public TwistedServicesStartedEvent(TwistedServices services, Map<String, Integer> ports) {
        super(services);
        this.ports = Map.copyOf(ports);
    }

    /**
     * The bound port of each listening service.
     *
     * @return ports by service name
     */
    public Map<String, Integer> getPorts() {
        return this.ports;
    }
}
