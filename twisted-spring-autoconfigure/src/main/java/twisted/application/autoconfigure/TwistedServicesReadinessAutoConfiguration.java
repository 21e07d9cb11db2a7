package twisted.application.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import twisted.application.actuate.TwistedServicesReadinessPostProcessor;

/**
 * The Twisted services in the {@code readiness} health group: {@code /actuator/health/readiness}
 * is DOWN while a service is not listening (stopped, draining, or never bound), beside Spring
 * Boot's {@code readinessState}; {@code liveness} is untouched. It backs off when the application
 * lists the group's members itself ({@code management.endpoint.health.group.readiness.include},
 * the way to opt out: list {@code readinessState} alone), when probes are off
 * ({@code management.endpoint.health.probes.enabled=false}), and when the services' health
 * contributor is off ({@code management.health.twisted.enabled=false}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedServicesHealthContributorAutoConfiguration.class,
        afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthEndpointGroupsPostProcessor.class)
@ConditionalOnBean(name = TwistedServicesReadinessAutoConfiguration.CONTRIBUTOR_BEAN)
@ConditionalOnBooleanProperty(name = "management.endpoint.health.probes.enabled", matchIfMissing = true)
@Conditional(TwistedServicesReadinessAutoConfiguration.ReadinessMembersNotListed.class)
public final class TwistedServicesReadinessAutoConfiguration {

    static final String CONTRIBUTOR_BEAN = "twistedServicesHealthContributor";

    /** The contributor's name on the health endpoint: the bean name less its suffix. */
    static final String CONTRIBUTOR = "twistedServices";

    static final String READINESS_INCLUDE = "management.endpoint.health.group.readiness.include";

    TwistedServicesReadinessAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    TwistedServicesReadinessPostProcessor twistedServicesReadinessPostProcessor() {
        return new TwistedServicesReadinessPostProcessor(CONTRIBUTOR);
    }

    /** Matches unless the application lists the readiness group's members itself. */
    static final class ReadinessMembersNotListed extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean listed = Binder.get(context.getEnvironment()).bind(READINESS_INCLUDE, Bindable.setOf(String.class))
                    .isBound();
            return listed ? ConditionOutcome.noMatch("'" + READINESS_INCLUDE + "' is set")
                    : ConditionOutcome.match("'" + READINESS_INCLUDE + "' is not set");
        }
    }
}
