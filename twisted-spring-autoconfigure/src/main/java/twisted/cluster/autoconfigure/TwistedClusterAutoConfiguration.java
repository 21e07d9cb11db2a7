package twisted.cluster.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import twisted.cluster.Cluster;
import twisted.cluster.actuate.ClusterHealthIndicator;
import twisted.cluster.actuate.ClusterMetrics;
import twisted.cluster.redis.RedisCluster;
import twisted.cluster.redis.RedisLoginFailureStore;
import twisted.cred.LoginFailureStore;
import twisted.cred.LoginThrottle;
import twisted.cred.autoconfigure.CredProperties;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

/**
 * This node's {@link Cluster} on Redis, when {@code twisted.cluster.redis.enabled=true}: a
 * {@link RedisCluster} over Spring Boot's Redis connection ({@code spring.data.redis.*}, Lettuce),
 * joined and left by {@link RedisClusterLifecycle}; a {@link RedisLoginFailureStore} so that the
 * {@link LoginThrottle} counts failed logins across nodes; the {@code twistedCluster} health
 * indicator and the {@code twisted.cluster.*} meters. Every bean backs off when the application
 * defines its own. Off by default: without the property nothing here touches Redis.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedReactorAutoConfiguration.class, before = TwistedCredAutoConfiguration.class,
        afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
@ConditionalOnBooleanProperty("twisted.cluster.redis.enabled")
@ConditionalOnBean({ Reactor.class, ReactiveRedisConnectionFactory.class })
@EnableConfigurationProperties(ClusterProperties.class)
public final class TwistedClusterAutoConfiguration {

    TwistedClusterAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "twisted.cred.enabled", matchIfMissing = true)
    LoginFailureStore twistedLoginFailureStore(ReactiveRedisConnectionFactory factory, Reactor reactor,
            ClusterProperties properties, ObjectProvider<CredProperties> cred) {
        CredProperties credProperties = cred.getIfAvailable();
        Duration forgetAfter = (credProperties != null) ? credProperties.throttle().forgetAfter()
                : LoginThrottle.DEFAULT_FORGET_AFTER;
        return new RedisLoginFailureStore(factory, reactor, properties.redis().keyPrefix(), forgetAfter,
                properties.commandTimeout());
    }

    /** A host name, made a valid node id, and six random hex digits. */
    static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            host = "node";
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < host.length() && id.length() < 180; i++) {
            char c = host.charAt(i);
            id.append((c > ' ' && c <= '~') ? c : '-');
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return ((id.length() > 0) ? id : new StringBuilder("node")) + "-" + HexFormat.of().formatHex(random);
    }

    /** The node and its lifecycle, unless the application has its own {@link Cluster}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Cluster.class)
    static class RedisClusterConfiguration {

        @Bean
        RedisCluster twistedCluster(ReactiveRedisConnectionFactory factory, Reactor reactor,
                ClusterProperties properties) {
            String nodeId = (properties.nodeId() != null) ? properties.nodeId() : defaultNodeId();
            RedisCluster.Settings settings = new RedisCluster.Settings(nodeId, properties.heartbeatInterval(),
                    properties.nodeTimeout(), properties.redis().keyPrefix(),
                    (int) properties.maxMessageSize().toBytes(), properties.commandTimeout());
            return new RedisCluster(factory, reactor, settings, Clock.systemUTC());
        }

        @Bean
        RedisClusterLifecycle twistedClusterLifecycle(RedisCluster twistedCluster) {
            return new RedisClusterLifecycle(twistedCluster);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "twistedClusterHealthIndicator")
        ClusterHealthIndicator twistedClusterHealthIndicator(Cluster cluster) {
            return new ClusterHealthIndicator(cluster);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClusterMetrics twistedClusterMetrics(Cluster cluster) {
            return new ClusterMetrics(cluster);
        }
    }
}
