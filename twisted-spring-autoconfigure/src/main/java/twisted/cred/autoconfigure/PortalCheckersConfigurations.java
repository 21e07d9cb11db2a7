package twisted.cred.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.password.ReactiveCompromisedPasswordChecker;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsPasswordService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import twisted.cred.CredentialsChecker;
import twisted.cred.UserRoles;
import twisted.cred.spring.ReactiveAuthenticationManagerChecker;
import twisted.cred.spring.UserDetailsRoles;
import twisted.internet.Reactor;

/**
 * Where the auto-configured portal's checkers come from, one configuration per source; their
 * conditions exclude each other, so exactly one applies, the first of:
 * <ol>
 * <li>{@link CheckerBeans}: the application's {@link CredentialsChecker} beans, all of them, in order;</li>
 * <li>{@link AuthenticationManager}: one checker over the {@link ReactiveAuthenticationManager} bean;</li>
 * <li>{@link UserDetailsService}: one over the {@link ReactiveUserDetailsService} bean, set up as
 * Spring Security's WebFlux support sets up HTTP Basic;</li>
 * <li>{@link PropertyUsers}: one over the users under {@code twisted.cred.users};</li>
 * <li>{@link NoUsers}: none, with a warning.</li>
 * </ol>
 * The two sources that know roles, {@link UserDetailsService} and {@link PropertyUsers}, also
 * give a {@link UserRoles} bean over the same users (unless the application has one); the others
 * cannot, and give none.
 */
abstract class PortalCheckersConfigurations {

    private PortalCheckersConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(CredentialsChecker.class)
    static class CheckerBeans {

        @Bean
        @Lazy
        PortalCheckers twistedPortalCheckers(ObjectProvider<CredentialsChecker> checkers, CredProperties properties) {
            List<CredentialsChecker> beans = checkers.orderedStream().toList();
            return PortalCheckers.fromBeans(beans, "the CredentialsChecker beans " + beans, properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(CredentialsChecker.class)
    @ConditionalOnBean(ReactiveAuthenticationManager.class)
    static class AuthenticationManager {

        @Bean
        @Lazy
        PortalCheckers twistedPortalCheckers(ReactiveAuthenticationManager manager, Reactor reactor,
                CredProperties properties) {
            return PortalCheckers.fromBeans(List.of(new ReactiveAuthenticationManagerChecker(manager, reactor)),
                    "the ReactiveAuthenticationManager bean", properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean({ CredentialsChecker.class, ReactiveAuthenticationManager.class })
    @ConditionalOnBean(ReactiveUserDetailsService.class)
    static class UserDetailsService {

        @Bean
        @Lazy
        PortalCheckers twistedPortalCheckers(ReactiveUserDetailsService users, Reactor reactor, CredProperties properties,
                ObjectProvider<PasswordEncoder> passwordEncoder,
                ObjectProvider<ReactiveUserDetailsPasswordService> passwordService,
                ObjectProvider<ReactiveCompromisedPasswordChecker> compromised) {
            UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
                    users);
            passwordEncoder.ifUnique(manager::setPasswordEncoder);
            passwordService.ifUnique(manager::setUserDetailsPasswordService);
            compromised.ifUnique(manager::setCompromisedPasswordChecker);
            return PortalCheckers.fromBeans(List.of(new ReactiveAuthenticationManagerChecker(manager, reactor)),
                    "the ReactiveUserDetailsService bean", properties);
        }

        @Bean
        @Lazy
        @ConditionalOnMissingBean(UserRoles.class)
        UserRoles twistedUserRoles(ReactiveUserDetailsService users, Reactor reactor) {
            return new UserDetailsRoles(users, reactor);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean({ CredentialsChecker.class, ReactiveAuthenticationManager.class,
            ReactiveUserDetailsService.class })
    @Conditional(PropertyUsersCondition.class)
    static class PropertyUsers {

        private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

        @Bean
        @Lazy
        PortalCheckers twistedPortalCheckers(CredProperties properties, Reactor reactor,
                ObjectProvider<PasswordEncoder> passwordEncoder) {
            PasswordEncoder encoder = passwordEncoder.getIfUnique();
            MapReactiveUserDetailsService users = users(properties, encoder);
            return PortalCheckers.fromProperties(ReactiveAuthenticationManagerChecker.forUserDetails(users,
                    (encoder != null) ? encoder : PasswordEncoderFactories.createDelegatingPasswordEncoder(), reactor),
                    properties);
        }

        /** The roles of the same users; only the roles are read, so no encoder is needed. */
        @Bean
        @Lazy
        @ConditionalOnMissingBean(UserRoles.class)
        UserRoles twistedUserRoles(CredProperties properties, Reactor reactor,
                ObjectProvider<PasswordEncoder> passwordEncoder) {
            return new UserDetailsRoles(users(properties, passwordEncoder.getIfUnique()), reactor);
        }

        private static MapReactiveUserDetailsService users(CredProperties properties, @Nullable PasswordEncoder encoder) {
            return new MapReactiveUserDetailsService(userDetails(properties, encoder));
        }

        private static List<UserDetails> userDetails(CredProperties properties, @Nullable PasswordEncoder encoder) {
            List<UserDetails> users = new ArrayList<>();
            properties.users().forEach((name, user) -> users.add(User.withUsername(name)
                    .password(password(user, encoder))
                    .roles(user.roles().toArray(String[]::new))
                    .build()));
            return users;
        }

        /** As Spring Boot treats {@code spring.security.user.password}: plain text unless encoded or a bean encodes. */
        private static String password(CredProperties.User user, @Nullable PasswordEncoder encoder) {
            String password = String.valueOf(user.password());
            if (encoder != null || ENCODED.matcher(password).matches()) {
                return password;
            }
            return "{noop}" + password;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean({ CredentialsChecker.class, ReactiveAuthenticationManager.class,
            ReactiveUserDetailsService.class })
    @Conditional(NoPropertyUsersCondition.class)
    static class NoUsers {

        @Bean
        @Lazy
        PortalCheckers twistedPortalCheckers() {
            return PortalCheckers.none();
        }
    }

    /** Matches when at least one user is configured under {@code twisted.cred.users}. */
    static class PropertyUsersCondition extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, CredProperties.User> users = Binder.get(context.getEnvironment())
                    .bind("twisted.cred.users", Bindable.mapOf(String.class, CredProperties.User.class))
                    .orElse(Map.of());
            return users.isEmpty() ? ConditionOutcome.noMatch("twisted.cred.users is empty")
                    : ConditionOutcome.match("twisted.cred.users " + users.keySet());
        }
    }

    /** Matches when no user is configured under {@code twisted.cred.users}. */
    static class NoPropertyUsersCondition extends NoneNestedConditions {

        NoPropertyUsersCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(PropertyUsersCondition.class)
        static class HasPropertyUsers {
        }
    }
}
