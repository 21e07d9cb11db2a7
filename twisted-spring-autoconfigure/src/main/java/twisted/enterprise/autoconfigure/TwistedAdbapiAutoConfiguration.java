package twisted.enterprise.autoconfigure;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import twisted.enterprise.ConnectionPool;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

/**
 * A {@link ConnectionPool} bean (Twisted's {@code adbapi}) over the application's R2DBC
 * {@link ConnectionFactory}, usually the pool Spring Boot makes from {@code spring.r2dbc.*}, firing
 * its Deferreds on the reactor. It backs off when the application defines its own
 * {@code ConnectionPool}, when there is no single {@code ConnectionFactory} or no reactor, and with
 * {@code twisted.adbapi.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedReactorAutoConfiguration.class,
        afterName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ ConnectionFactory.class, DatabaseClient.class })
@ConditionalOnBooleanProperty(name = "twisted.adbapi.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(ConnectionFactory.class)
@ConditionalOnBean(Reactor.class)
@EnableConfigurationProperties(AdbapiProperties.class)
public final class TwistedAdbapiAutoConfiguration {

    TwistedAdbapiAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectionPool twistedConnectionPool(ConnectionFactory connectionFactory, Reactor reactor) {
        return ConnectionPool.create(connectionFactory, reactor);
    }
}
