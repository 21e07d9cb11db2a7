package twisted.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import twisted.cred.Credentials;
import twisted.cred.CredentialsChecker;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;

/**
 * A toy checker holding plain-text passwords in memory, for tests and examples only: never use it
 * for real users. Real applications check passwords through Spring Security
 * ({@code twisted.cred.spring.ReactiveAuthenticationManagerChecker}), where they are hashed.
 *
 * <pre>{@code
 * Portal portal = new Portal(realm, List.of(new InMemoryCredentialsChecker().addUser("alice", "secret")));
 * }</pre>
 *
 * <p>Passwords are compared in constant time ({@link UsernamePassword#checkPassword}), an unknown
 * user costs the same comparison, and both fail with the same {@link UnauthorizedLoginException}.
 * The Deferred has already fired when it is returned. Thread-safe.
 *
 * <p>Twisted: {@code InMemoryUsernamePasswordDatabaseDontUse}.
 *
 * @since 0.1.0
 */
public final class InMemoryCredentialsChecker implements CredentialsChecker {

    private final Map<String, String> users = new ConcurrentHashMap<>();

    /**
     * Adds a user, or changes their password. Twisted: {@code addUser}.
     *
     * @param username the name; not empty
     * @param password the password, in plain text
     * @return this checker
     */
    public InMemoryCredentialsChecker addUser(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username must not be empty");
        }
        this.users.put(username, password);
        return this;
    }

    @Override
    public List<Class<?>> credentialInterfaces() {
        return List.of(UsernamePassword.class);
    }

    /**
     * Checks the password.
     *
     * @param credentials {@link UsernamePassword} credentials
     * @return a fired Deferred of the username, or failed with {@link UnauthorizedLoginException}
     */
    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof UsernamePassword login)) {
            return Deferred.fail(UnhandledCredentialsException.of(this, UsernamePassword.class, credentials));
        }
        String expected = this.users.get(login.getUsername());
        boolean matches = login.checkPassword((expected != null) ? expected : "\0 no such user");
        if (expected == null || !matches) {
            return Deferred.fail(new UnauthorizedLoginException());
        }
        return Deferred.succeed(login.getUsername());
    }

    @Override
    public String toString() {
        return "InMemoryCredentialsChecker[" + this.users.size() + " users]";
    }
}
