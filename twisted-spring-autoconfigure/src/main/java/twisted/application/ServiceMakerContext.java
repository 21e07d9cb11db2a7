package twisted.application;

import twisted.application.internet.ListeningService;
import twisted.application.internet.ServerLimits;
import twisted.application.internet.StreamServerEndpointService;
import twisted.application.service.ServiceMonitor;
import twisted.internet.Factory;
import twisted.internet.Reactor;
import twisted.internet.endpoints.ServerEndpoint;

/**
 * What a {@link ServiceMaker} is given to build its service with. The endpoint was parsed once,
 * from the user's own description, with the service's default interface applied to TCP and TLS
 * endpoints that name none.
 *
 * @param serviceName the name the service will have
 * @param reactor the reactor the service runs on
 * @param endpointDescription the endpoint to listen on as the user wrote it (or the maker's
 *        default), for display
 * @param endpoint that endpoint, parsed
 * @param limits the limits configured for the service; its idle timeout is the maker's
 *        {@linkplain ServiceMaker#getDefaultIdleTimeout() default} unless one is configured
 * @since 0.1.0
 */
public record ServiceMakerContext(String serviceName, Reactor reactor, String endpointDescription,
        ServerEndpoint endpoint, ServerLimits limits) {

    /**
     * A service that listens on the configured endpoint with {@code factory}, within the
     * configured limits. Its connections, bytes, port and health are then reported by the starter
     * with no more code. Twisted: {@code strports.service(description, factory)}.
     *
     * @param factory builds a protocol per connection
     * @return the service, not started
     */
    public ListeningService listen(Factory factory) {
        return new StreamServerEndpointService(this.serviceName, this.endpointDescription, this.endpoint, factory,
                this.limits, this.reactor);
    }

    /**
     * A service that listens as {@link #listen(Factory)} does and also reports what its protocol
     * knows: the monitor's details appear in the Actuator {@code twisted} endpoint and its meters
     * in Micrometer, tagged with the service's name.
     *
     * @param factory builds a protocol per connection
     * @param monitor what the service reports beyond its connections
     * @return the service, not started
     */
    public ListeningService listen(Factory factory, ServiceMonitor monitor) {
        return new StreamServerEndpointService(this.serviceName, this.endpointDescription, this.endpoint, factory,
                this.limits, this.reactor, monitor);
    }
}
