package twisted.internet.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import twisted.internet.Reactor;
import twisted.internet.netty.NettyReactor;

/**
 * The reactor bean, from {@code twisted.reactor.*}, and the lifecycle that runs it.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "twisted.reactor.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReactorProperties.class)
public final class TwistedReactorAutoConfiguration {

    TwistedReactorAutoConfiguration() {
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Reactor.class)
    NettyReactor twistedReactor(ReactorProperties properties) {
        return NettyReactor.builder().name("twisted-reactor").threads(properties.threads())
                .nativeTransport(properties.nativeTransport()).threadPoolSize(properties.threadPool().size())
                .shutdownTimeout(properties.shutdownTimeout()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactorLifecycle twistedReactorLifecycle(Reactor reactor, ReactorProperties properties) {
        return new ReactorLifecycle(reactor, properties.shutdownTimeout());
    }
}
