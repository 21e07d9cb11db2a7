package twisted.application.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import twisted.application.actuate.TwistedMetrics;
import twisted.application.context.TwistedServices;
import twisted.internet.Reactor;

/**
 * Micrometer meters for the reactor and its services ({@link TwistedMetrics}), when Micrometer is
 * on the class path and there is a {@link MeterRegistry} to bind them to. Backs off when the
 * application defines its own {@link TwistedMetrics}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedServicesAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({ MeterRegistry.class, TwistedServices.class })
public final class TwistedMetricsAutoConfiguration {

    TwistedMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TwistedMetrics twistedMetrics(Reactor reactor, TwistedServices services) {
        return new TwistedMetrics(reactor, services);
    }
}
