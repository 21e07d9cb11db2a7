package twisted.internet.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
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
        NettyReactor.Builder builder = NettyReactor.builder().name("twisted-reactor");
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::threads).to(builder::threads);
        map.from(properties::nativeTransport).to(builder::nativeTransport);
        map.from(properties.threadPool()::size).to(builder::threadPoolSize);
        map.from(properties::shutdownTimeout).to(builder::shutdownTimeout);
        map.from(properties::maxSpawnsInFlight).to(builder::maxSpawnsInFlight);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactorLifecycle twistedReactorLifecycle(Reactor reactor, ReactorProperties properties) {
        return new ReactorLifecycle(reactor, properties.shutdownTimeout());
    }
}
