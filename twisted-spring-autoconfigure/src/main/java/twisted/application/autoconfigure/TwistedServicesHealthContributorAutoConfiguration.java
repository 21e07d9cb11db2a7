package twisted.application.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import twisted.application.actuate.TwistedServiceHealthIndicator;
import twisted.application.context.TwistedServices;

/**
 * One health contributor per Twisted service, grouped under {@code twistedServices}: DOWN when
 * the service is not listening. Off with {@code management.health.twisted.enabled=false} (or
 * {@code management.health.defaults.enabled=false}); backs off when the application defines a
 * bean named {@code twistedServicesHealthContributor}. It is in the {@code readiness} group too
 * ({@link TwistedServicesReadinessAutoConfiguration}), never in {@code liveness}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedServicesAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(HealthContributor.class)
@ConditionalOnBean(TwistedServices.class)
@ConditionalOnEnabledHealthIndicator("twisted")
public final class TwistedServicesHealthContributorAutoConfiguration {

    TwistedServicesHealthContributorAutoConfiguration() {
    }

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
