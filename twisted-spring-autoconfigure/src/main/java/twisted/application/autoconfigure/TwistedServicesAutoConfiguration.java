package twisted.application.autoconfigure;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import twisted.application.ServiceMaker;
import twisted.application.service.Service;
import twisted.application.context.ReadinessGate;
import twisted.application.context.ServiceBootstrap;
import twisted.application.context.TwistedServices;
import twisted.internet.Factory;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.ReactorProperties;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.internet.netty.NettyReactor;

/**
 * Services switched on in {@code application.yml}: the twistd of Spring Boot. Every
 * {@link ServiceMaker} (bean or {@code ServiceLoader} plugin) enabled under
 * {@code twisted.services.<name>}, and every {@code Factory} bean enabled or given an endpoint
 * there, becomes a service that {@link ServiceBootstrap} starts and stops; so does every
 * {@link Service} bean (a {@code ClientService}, say), unless
 * {@code twisted.services.<bean name>.enabled=false}. On shutdown, {@link ReadinessGate} turns
 * readiness to refusing traffic and waits {@code twisted.shutdown.accept-delay}, then the services
 * stop, draining for up to {@code twisted.shutdown.drain-time} ({@link TwistedShutdownProperties}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedReactorAutoConfiguration.class)
@ConditionalOnBean(Reactor.class)
@EnableConfigurationProperties({ TwistedServicesProperties.class, TwistedShutdownProperties.class })
public final class TwistedServicesAutoConfiguration {

    TwistedServicesAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TwistedServices twistedServices(Reactor reactor, TwistedServicesProperties properties,
            TwistedShutdownProperties shutdown, ObjectProvider<ServiceMaker<?>> makerBeans, ListableBeanFactory beans,
            ConfigurableEnvironment environment) {
        List<ServiceMaker<?>> makers = makerBeans.orderedStream().toList();
        Map<String, Factory> factories = beans.getBeansOfType(Factory.class, false, true);
        ClassLoader classLoader = (beans instanceof org.springframework.beans.factory.config.ConfigurableBeanFactory configurable
                && configurable.getBeanClassLoader() != null) ? configurable.getBeanClassLoader()
                        : TwistedServicesAutoConfiguration.class.getClassLoader();
        ServiceAssembler assembler = new ServiceAssembler(reactor, properties, environment, shutdown.drainTime());
        Map<String, Service> services = beans.getBeansOfType(Service.class, false, true);
        return assembler.assemble(ServiceAssembler.makers(makers, classLoader), factories, services);
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceBootstrap twistedServiceBootstrap(TwistedServices services, Reactor reactor, ConfigurableEnvironment environment,
            ApplicationEventPublisher events, ObjectProvider<ReactorProperties> reactorProperties) {
        ReactorProperties settings = reactorProperties.getIfAvailable();
        return new ServiceBootstrap(services, reactor, environment, events,
                (settings != null) ? settings.shutdownTimeout() : NettyReactor.Builder.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    @Bean
    @ConditionalOnMissingBean
    ReadinessGate twistedReadinessGate(ApplicationEventPublisher events,
            ObjectProvider<ApplicationAvailability> availability, TwistedShutdownProperties shutdown) {
        return new ReadinessGate(events, availability.getIfAvailable(), shutdown.acceptDelay());
    }
}
