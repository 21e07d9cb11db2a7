package twisted.web.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.server.WebFilter;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.internet.netty.NettyHttpServers;
import twisted.internet.netty.NettyReactor;
import twisted.web.File;
import twisted.web.Resource;
import twisted.web.ResourceHandler;

/**
 * Mounts the application's root {@link Resource} bean (or, failing that,
 * {@code twisted.web.static-directory}) into WebFlux at {@code twisted.web.mount-path}, beside
 * the controllers, and puts limits on the HTTP server's connections (idle timeout, request
 * header timeout, connection cap) that Reactor Netty leaves open-ended by default.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedReactorAutoConfiguration.class)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBean(Reactor.class)
@EnableConfigurationProperties(TwistedWebProperties.class)
public final class TwistedWebAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TwistedWebAutoConfiguration.class);

    /** Boot's key for the HTTP server's idle timeout, honoured when set. */
    static final String IDLE_TIMEOUT_PROPERTY = "server.netty.idle-timeout";

    /** The idle timeout, in seconds, when {@value #IDLE_TIMEOUT_PROPERTY} is not set (Boot's default is none). */
    static final long DEFAULT_IDLE_TIMEOUT_SECONDS = 60;

    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(DEFAULT_IDLE_TIMEOUT_SECONDS);

    /** Where the site's own mapping goes: ahead of Actuator's endpoint mapping (-100). */
    static final int SITE_MAPPING_ORDER = -200;

    TwistedWebAutoConfiguration() {
    }

    /**
     * The site and its mapping, only when there is a site: a root {@link Resource} bean,
     * {@code twisted.web.static-directory}, or the application's own {@code twistedWebSite} router.
     * An application with none of them loads none of the functional routing (a start-up cost).
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional(SiteCondition.class)
    static class SiteConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "twistedWebSite")
        RouterFunction<ServerResponse> twistedWebSite(ObjectProvider<Resource> rootBean, TwistedWebProperties properties,
                Reactor reactor) {
            Resource root = rootBean.getIfUnique();
            if (root != null && properties.staticDirectory() != null) {
                Path directory = properties.staticDirectory();
                log.warn("twisted.web.static-directory ({}{}) is ignored: the application defines a root Resource bean, "
                        + "which is served instead", directory.toAbsolutePath(),
                        Files.isDirectory(directory) ? "" : ", which does not exist");
            }
            if (root == null && properties.staticDirectory() != null) {
                Path directory = properties.staticDirectory();
                if (!Files.isDirectory(directory)) {
                    throw new IllegalArgumentException("twisted.web.static-directory (" + directory.toAbsolutePath()
                            + ") is not a directory; a relative path is resolved against the working directory ("
                            + Path.of("").toAbsolutePath() + ")");
                }
                root = new File(directory);
            }
            if (root == null) {
                return RouterFunctions.route(request -> false, request -> ServerResponse.notFound().build());
            }
            return ResourceHandler.mount(properties.mountPath(), root, reactor, properties.maxBodySize().toBytes());
        }

        /**
         * Reads request bodies for the tree within {@code twisted.web.max-body-size} from the start of
         * the filter chain, so that a filter reading the form first (Spring Security's CSRF check)
         * reads it within that limit, and the tree gets what it read.
         */
        @Bean
        @ConditionalOnMissingBean(name = "twistedWebBodyLimitFilter")
        WebFilter twistedWebBodyLimitFilter(TwistedWebProperties properties) {
            return ResourceHandler.bodyLimitFilter(properties.mountPath(), properties.maxBodySize().toBytes());
        }

        /**
         * Consults the resource tree ahead of the other handler mappings. WebFlux's own
         * {@code RouterFunctionMapping} (order -1) also holds the site, but Actuator's endpoint mapping
         * (order -100) comes before it and matches its request mappings (paths, methods, media types)
         * against every request, the tree's included. With {@code mount-path=/} the tree would shadow
         * every other mapping, so this one goes last and the tree keeps its place at -1.
         */
        @Bean
        @ConditionalOnMissingBean(name = "twistedWebSiteMapping")
        RouterFunctionMapping twistedWebSiteMapping(@Qualifier("twistedWebSite") RouterFunction<?> site,
                TwistedWebProperties properties, ObjectProvider<ServerCodecConfigurer> codecs) {
            RouterFunctionMapping mapping = new RouterFunctionMapping(site);
            String mountPath = properties.mountPath().trim();
            boolean everything = mountPath.isEmpty() || mountPath.chars().allMatch(c -> c == '/');
            mapping.setOrder(everything ? Ordered.LOWEST_PRECEDENCE : SITE_MAPPING_ORDER);
            codecs.ifAvailable(configurer -> mapping.setMessageReaders(configurer.getReaders()));
            return mapping;
        }
    }

    static final class SiteCondition extends AnyNestedCondition {

        SiteCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(Resource.class)
        static final class RootResource {
        }

        @ConditionalOnProperty("twisted.web.static-directory")
        static final class StaticDirectory {
        }

        @ConditionalOnBean(name = "twistedWebSite")
        static final class UserSite {
        }
    }

    /**
     * Limits on the WebFlux server's connections, which Reactor Netty leaves open-ended: an idle
     * timeout ({@code server.netty.idle-timeout}, {@value #DEFAULT_IDLE_TIMEOUT_SECONDS} s when not
     * set), a request header timeout ({@code twisted.web.request-header-timeout}) and a connection
     * cap ({@code twisted.web.max-connections}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NettyReactiveWebServerFactory.class)
    static class ServerLimitsConfiguration {

        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> twistedWebServerLimits(TwistedWebProperties properties,
                Environment environment) {
            Duration requestHeaderTimeout = properties.requestHeaderTimeout();
            int maxConnections = properties.maxConnections();
            boolean idleTimeoutSet = Binder.get(environment).bind(IDLE_TIMEOUT_PROPERTY, Duration.class).isBound();
            return factory -> {
                if (!idleTimeoutSet) {
                    // Boot applies server.netty.idle-timeout itself when set; this is the default it lacks
                    factory.addServerCustomizers(server -> server.idleTimeout(DEFAULT_IDLE_TIMEOUT));
                }
                factory.addServerCustomizers(server -> NettyHttpServers.limit(server, requestHeaderTimeout, maxConnections));
            };
        }
    }

    /**
     * {@code twisted.web.share-reactor-loop=true}: the HTTP server runs on the reactor's loops, so
     * resources render without a thread hop (see {@link NettyHttpServers}). Boot's own loop
     * resources are taken off the server factory, since the server would otherwise be moved back
     * onto them when it starts.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NettyReactiveWebServerFactory.class)
    @ConditionalOnBooleanProperty("twisted.web.share-reactor-loop")
    static class SharedReactorLoopConfiguration {

        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> twistedWebSharedReactorLoop(Reactor reactor) {
            if (!(reactor instanceof NettyReactor)) {
                throw new IllegalStateException("twisted.web.share-reactor-loop=true needs the NettyReactor, but the "
                        + "Reactor bean is a " + reactor.getClass().getName() + ": remove the property or that bean");
            }
            return factory -> {
                factory.setResourceFactory(null);
                factory.addServerCustomizers(server -> NettyHttpServers.runOnReactor(server, reactor));
            };
        }
    }
}
