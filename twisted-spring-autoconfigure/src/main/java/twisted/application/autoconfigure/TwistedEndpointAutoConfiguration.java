package twisted.application.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import twisted.application.actuate.TwistedEndpoint;
import twisted.application.context.ServiceBootstrap;
import twisted.application.context.TwistedServices;
import twisted.cluster.Cluster;
import twisted.internet.Reactor;

/**
 * The {@code twisted} Actuator endpoint ({@code /actuator/twisted}): the reactor and its services,
 * and stopping or starting one at runtime. Present only when the endpoint is available (exposed
 * and not switched off with {@code management.endpoint.twisted.access=none}); backs off when the
 * application defines its own {@link TwistedEndpoint}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedServicesAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TwistedServices.class)
@ConditionalOnAvailableEndpoint(TwistedEndpoint.class)
public final class TwistedEndpointAutoConfiguration {

    TwistedEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TwistedEndpoint twistedEndpoint(Reactor reactor, TwistedServices services, ObjectProvider<ServiceBootstrap> bootstrap,
            ObjectProvider<Cluster> cluster) {
        return new TwistedEndpoint(reactor, services, () -> bootstrap.ifAvailable(ServiceBootstrap::publishPorts),
                cluster.getIfUnique());
    }
}
