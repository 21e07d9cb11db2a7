package twisted.cred.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
import twisted.cred.spring.ReactiveAuthenticationManagerChecker;

/**
 * Picks the checkers of the auto-configured portal, first match wins: the application's
 * {@code CredentialsChecker} beans; else a checker over its {@code ReactiveAuthenticationManager}
 * bean; else over its {@code ReactiveUserDetailsService} bean, set up the way Spring Security's
 * WebFlux support sets up HTTP Basic; else over the users in {@code twisted.cred.users}; else none.
 */
final class UserBase {

    private static final Logger log = LoggerFactory.getLogger(UserBase.class);

    private static final Pattern ENCODED = Pattern.compile("^\\{.+}.*$");

    private final Executor reactor;

    private final Map<String, CredProperties.User> propertyUsers;

    UserBase(Executor reactor, Map<String, CredProperties.User> propertyUsers) {
        this.reactor = reactor;
        this.propertyUsers = propertyUsers;
    }

    List<CredentialsChecker> checkers(ObjectProvider<CredentialsChecker> checkerBeans,
            ObjectProvider<ReactiveAuthenticationManager> managers, ObjectProvider<ReactiveUserDetailsService> users,
            ObjectProvider<PasswordEncoder> passwordEncoder, ObjectProvider<ReactiveUserDetailsPasswordService> passwordService,
            ObjectProvider<ReactiveCompromisedPasswordChecker> compromised) {
        List<CredentialsChecker> beans = checkerBeans.orderedStream().toList();
        if (!beans.isEmpty()) {
            return chosen(beans, "the CredentialsChecker beans " + beans, false);
        }
        ReactiveAuthenticationManager manager = managers.getIfUnique();
        if (manager != null) {
            return chosen(List.of(new ReactiveAuthenticationManagerChecker(manager, this.reactor)),
                    "the ReactiveAuthenticationManager bean", false);
        }
        ReactiveUserDetailsService userDetails = users.getIfUnique();
        if (userDetails != null) {
            UserDetailsRepositoryReactiveAuthenticationManager springManager = new UserDetailsRepositoryReactiveAuthenticationManager(
                    userDetails);
            PasswordEncoder encoder = passwordEncoder.getIfUnique();
            if (encoder != null) {
                springManager.setPasswordEncoder(encoder);
            }
            passwordService.ifUnique(springManager::setUserDetailsPasswordService);
            compromised.ifUnique(springManager::setCompromisedPasswordChecker);
            return chosen(List.of(new ReactiveAuthenticationManagerChecker(springManager, this.reactor)),
                    "the ReactiveUserDetailsService bean", false);
        }
        if (!this.propertyUsers.isEmpty()) {
            PasswordEncoder encoder = passwordEncoder.getIfUnique();
            MapReactiveUserDetailsService fromProperties = new MapReactiveUserDetailsService(fromProperties(encoder));
            return chosen(List.of(ReactiveAuthenticationManagerChecker.forUserDetails(fromProperties,
                    (encoder != null) ? encoder : PasswordEncoderFactories.createDelegatingPasswordEncoder(), this.reactor)),
                    "the users under twisted.cred.users " + this.propertyUsers.keySet(), true);
        }
        log.warn("The Twisted portal has no users: there is no CredentialsChecker, ReactiveAuthenticationManager or "
                + "ReactiveUserDetailsService bean, and twisted.cred.users is empty, so every login fails");
        return List.of();
    }

    private List<CredentialsChecker> chosen(List<CredentialsChecker> checkers, String source, boolean fromProperties) {
        if (!this.propertyUsers.isEmpty() && !fromProperties) {
            log.warn("twisted.cred.users {} is ignored: the Twisted portal checks logins with {}",
                    this.propertyUsers.keySet(), source);
        }
        else {
            log.debug("The Twisted portal checks logins with {}", source);
        }
        return checkers;
    }

    private List<UserDetails> fromProperties(@Nullable PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        this.propertyUsers.forEach((name, user) -> users.add(User.withUsername(name)
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
