package twisted.application.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

/**
 * Checks the keys under {@code twisted.*} before any bean is built: an unknown one fails startup
 * naming the nearest known key, unless {@code twisted.strict-properties=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = TwistedReactorAutoConfiguration.class)
public final class TwistedPropertiesAutoConfiguration {

    TwistedPropertiesAutoConfiguration() {
    }

    @Bean
    static TwistedPropertiesCheck twistedPropertiesCheck() {
        return new TwistedPropertiesCheck();
    }
}
