package twisted.cred.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import twisted.cred.CredentialsChecker;
import twisted.cred.LoginFailureStore;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.Realm;
import twisted.internet.Reactor;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;

/**
 * A {@link Portal} whose users are Spring Security's, so that one user base serves HTTP and every
 * Twisted protocol, and a {@link LoginThrottle} for the protocols to log in through.
 *
 * <p>The portal's realm is the application's {@link Realm} bean. Its checkers, first match wins:
 * <ol>
 * <li>the application's {@link CredentialsChecker} beans, all of them, in order;</li>
 * <li>else one over the {@link ReactiveAuthenticationManager} bean;</li>
 * <li>else one over the {@link ReactiveUserDetailsService} bean (Spring Boot's
 * {@code spring.security.user} in a WebFlux application), with the {@link PasswordEncoder} bean or
 * Spring Security's delegating encoder, as WebFlux's HTTP Basic checks them;</li>
 * <li>else one over the users under {@code twisted.cred.users}; they are ignored, with a warning,
 * when any of the above exists;</li>
 * <li>else none, with a warning: every login then fails.</li>
 * </ol>
 * Each source is a configuration of its own, chosen by conditions on those beans and on
 * {@code twisted.cred.users}, so the choice shows in the condition evaluation report.
 * The throttle counts failures in the application's {@link LoginFailureStore} bean if it has one
 * (the cluster's Redis store when {@code twisted.cluster.redis.enabled}), else in memory.
 * Both beans back off when the application defines its own; {@code twisted.cred.enabled=false}
 * turns both off. Needs Spring Security's core on the classpath and a {@link Reactor} bean.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = TwistedReactorAutoConfiguration.class,
        afterName = "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration")
@ConditionalOnClass({ ReactiveAuthenticationManager.class, PasswordEncoder.class })
@ConditionalOnBean(Reactor.class)
@ConditionalOnBooleanProperty(name = "twisted.cred.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CredProperties.class)
public final class TwistedCredAutoConfiguration {

    TwistedCredAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    LoginThrottle twistedLoginThrottle(Reactor reactor, CredProperties properties,
            ObjectProvider<LoginFailureStore> store) {
        CredProperties.Throttle throttle = properties.throttle();
        LoginFailureStore shared = store.getIfUnique();
        if (shared != null) {
            return new LoginThrottle(reactor, throttle.initialDelay(), throttle.maxDelay(), shared);
        }
        return new LoginThrottle(reactor, throttle.initialDelay(), throttle.maxDelay(), throttle.forgetAfter(),
                throttle.maxPeers());
    }

    /**
     * The portal, unless the application has one; its checkers come from one of the imported configurations.
     * Both are lazy: an application whose services never log anyone in neither builds them nor hears that
     * the portal has no users.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Portal.class)
    @Import({ PortalCheckersConfigurations.CheckerBeans.class, PortalCheckersConfigurations.AuthenticationManager.class,
            PortalCheckersConfigurations.UserDetailsService.class, PortalCheckersConfigurations.PropertyUsers.class,
            PortalCheckersConfigurations.NoUsers.class })
    static class PortalConfiguration {

        @Bean
        @Lazy
        Portal twistedPortal(ObjectProvider<Realm> realm, PortalCheckers checkers) {
            return new Portal(realm.getIfUnique(NoRealm::new), checkers.checkers());
        }
    }
}
