package twisted.conch.ssh;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How an {@link SSHFactory} serves: which login methods it offers, its deadlines and limits, and
 * which environment variables a client may set.
 *
 * @param passwordLogins whether to offer {@code password} logins
 * @param publicKeyLogins whether to offer {@code publickey} logins
 * @param keyboardInteractiveLogins whether to offer {@code keyboard-interactive} (a password prompt)
 * @param loginTimeout how long a client has, from connecting, to log in
 * @param idleTimeout how long a logged-in connection may stay silent both ways
 * @param maxLoginAttempts failed attempts on one connection before it is closed
 * @param maxSessionsPerConnection session channels one connection may open at once
 * @param environment the environment variables a client may set ({@code LANG}, {@code LC_*}
 *                    style: a name, or a prefix ending in {@code *})
 * @since 0.1.0
 */
public record SSHSettings(boolean passwordLogins, boolean publicKeyLogins, boolean keyboardInteractiveLogins,
        Duration loginTimeout, Duration idleTimeout, int maxLoginAttempts, int maxSessionsPerConnection,
        Set<String> environment) {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException for a non-positive timeout or limit, or no login method
     */
    public SSHSettings {
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (loginTimeout.isZero() || loginTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("the SSH timeouts must be positive");
        }
        if (maxLoginAttempts < 1 || maxSessionsPerConnection < 1) {
            throw new IllegalArgumentException("maxLoginAttempts and maxSessionsPerConnection must be at least 1");
        }
        if (!passwordLogins && !publicKeyLogins && !keyboardInteractiveLogins) {
            throw new IllegalArgumentException("an SSH server needs at least one login method");
        }
        environment = Set.copyOf(environment);
    }

    /**
     * The defaults: passwords and public keys, no keyboard-interactive, 30 seconds to log in, 10
     * minutes idle, 6 attempts (as OpenSSH's {@code MaxAuthTries}), 10 sessions per connection
     * (OpenSSH's {@code MaxSessions}), and {@code LANG} and {@code LC_*} let through.
     *
     * @return the defaults
     */
    public static SSHSettings defaults() {
        return new SSHSettings(true, true, false, Duration.ofSeconds(30), Duration.ofMinutes(10), 6, 10,
                Set.of("LANG", "LC_*"));
    }

    /**
     * Whether a client may set {@code name}.
     *
     * @param name the variable's name
     * @return {@code true} when a name or prefix here allows it
     */
    public boolean allowsEnvironment(String name) {
        for (String allowed : this.environment) {
            if (allowed.endsWith("*") ? name.startsWith(allowed.substring(0, allowed.length() - 1))
                    : allowed.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
