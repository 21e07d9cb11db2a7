package twisted.cred.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the portal and the login throttle, under {@code twisted.cred}.
 *
 * @param enabled Whether to create the portal and the login throttle.
 * @param users Users who may log in through the portal, by name. Used only when the application
 *        has no CredentialsChecker, ReactiveAuthenticationManager or ReactiveUserDetailsService
 *        bean.
 * @param throttle Settings of the throttle that slows down failed logins, per peer host.
 * @since 0.1.0
 */
@ConfigurationProperties("twisted.cred")
public record CredProperties(@DefaultValue("true") boolean enabled, @DefaultValue Map<String, User> users,
        @DefaultValue Throttle throttle) {

    /**
     * Validates the users, naming the property that is wrong.
     */
    public CredProperties {
        users.forEach((name, user) -> {
            String prefix = "twisted.cred.users." + name;
            if (user.password() == null || user.password().isEmpty()) {
                throw new IllegalArgumentException(prefix + ".password must be set");
            }
            for (String role : user.roles()) {
                if (role.isEmpty() || role.startsWith("ROLE_")) {
                    throw new IllegalArgumentException(prefix + ".roles (" + role + ") must be a role name without the ROLE_ prefix");
                }
            }
        });
    }

    /**
     * One user.
     *
     * @param password Password, prefixed with its encoding as Spring Security's delegating
     *        password encoder expects, such as {bcrypt}$2a$10$... or {noop}plain. Without a prefix
     *        it is taken as plain text, unless the application has a PasswordEncoder bean.
     * @param roles Roles, without the ROLE_ prefix.
     */
    public record User(@Nullable String password, @DefaultValue List<String> roles) {

        /** Never shows the password. */
        @Override
        public String toString() {
            return "User[password=<hidden>, roles=" + this.roles + "]";
        }
    }

    /**
     * How failed logins are slowed down: after the n-th failure in a row from a host, the answer
     * is held back, and the host refused, for initial-delay * 2^(n-1), at most max-delay.
     *
     * @param initialDelay Time the answer to a first failed login is held back.
     * @param maxDelay Maximum time the answer to a failed login is ever held back.
     * @param forgetAfter Quiet time after which a host's failed logins are forgotten.
     * @param maxPeers Maximum number of hosts to remember. The oldest are forgotten first.
     */
    public record Throttle(@DefaultValue("1s") Duration initialDelay, @DefaultValue("1m") Duration maxDelay,
            @DefaultValue("15m") Duration forgetAfter, @DefaultValue("10000") int maxPeers) {

        /**
         * Validates the settings, naming the property that is wrong.
         */
        public Throttle {
            requirePositive(initialDelay, "initial-delay");
            requirePositive(maxDelay, "max-delay");
            requirePositive(forgetAfter, "forget-after");
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("twisted.cred.throttle.max-delay (" + maxDelay
                        + ") must be at least twisted.cred.throttle.initial-delay (" + initialDelay + ")");
            }
            if (maxPeers < 1) {
                throw new IllegalArgumentException("twisted.cred.throttle.max-peers (" + maxPeers + ") must be at least 1");
            }
        }

        private static void requirePositive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("twisted.cred.throttle." + name + " (" + value + ") must be positive");
            }
        }
    }
}
