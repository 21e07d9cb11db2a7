package twisted.application.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import twisted.application.actuate.TwistedEndpoint;
import twisted.application.actuate.TwistedMetrics;
import twisted.application.actuate.TwistedServiceHealthIndicator;
import twisted.application.context.ServiceBootstrap;
import twisted.application.context.TwistedServices;
import twisted.internet.Reactor;

/**
 * Monitoring of the reactor and its services through Actuator: the {@code twisted} endpoint,
 * one health contributor per service (under {@code twistedServices}), and Micrometer meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedServicesAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(TwistedServices.class)
public final class TwistedActuatorAutoConfiguration {

    TwistedActuatorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    TwistedEndpoint twistedEndpoint(Reactor reactor, TwistedServices services, ObjectProvider<ServiceBootstrap> bootstrap) {
        return new TwistedEndpoint(reactor, services, () -> bootstrap.ifAvailable(ServiceBootstrap::publishPorts));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthContributor.class)
    @ConditionalOnEnabledHealthIndicator("twisted")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "twistedServicesHealthContributor")
        CompositeHealthContributor twistedServicesHealthContributor(TwistedServices services) {
            Map<String, HealthContributor> indicators = new LinkedHashMap<>();
            for (TwistedServices.Entry entry : services.getEntries()) {
                indicators.put(entry.name(), new TwistedServiceHealthIndicator(entry));
            }
            return CompositeHealthContributor.fromMap(indicators);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        TwistedMetrics twistedMetrics(Reactor reactor, TwistedServices services) {
            return new TwistedMetrics(reactor, services);
        }
    }
}
