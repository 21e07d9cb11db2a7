package twisted.web.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JacksonModule;

/**
 * Guards Jackson (3) against writing a {@code Deferred} as a bean: the module bean is picked up by
 * Spring Boot's Jackson auto-configuration, so the {@code JsonMapper} that WebFlux and Spring MVC
 * write bodies with fails on a Deferred, naming the fix, instead of answering
 * {@code {"called":false,"paused":false}}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(JacksonModule.class)
public final class TwistedJacksonAutoConfiguration {

    TwistedJacksonAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "twistedDeferredJacksonModule")
    JacksonModule twistedDeferredJacksonModule() {
        return new DeferredJacksonModule();
    }
}
