package twisted.cred.spring;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.password.CompromisedPasswordException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import twisted.cred.Credentials;
import twisted.cred.CredentialsChecker;
import twisted.cred.LoginDeniedException;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;

/**
 * Checks {@link UsernamePassword} credentials with Spring Security: the checker that makes the
 * users who log in over HTTP the same users who log in over every Twisted protocol. The avatar id
 * is the authenticated principal's name ({@link Authentication#getName()}).
 *
 * <pre>{@code
 * // the ReactiveUserDetailsService and PasswordEncoder Spring Security's HTTP Basic uses
 * portal.registerChecker(ReactiveAuthenticationManagerChecker.forUserDetails(users, passwordEncoder, reactor));
 * }</pre>
 *
 * <h2>Errors</h2>
 * <table>
 * <caption>How Spring Security's exceptions map to Twisted's</caption>
 * <tr><th>Spring Security</th><th>twisted.cred</th></tr>
 * <tr><td>{@code BadCredentialsException}, {@code UsernameNotFoundException}, any other
 * {@code AuthenticationException}, an empty or unauthenticated answer</td>
 * <td>{@link UnauthorizedLoginException}, always with the same message</td></tr>
 * <tr><td>{@code LockedException}, {@code DisabledException}, {@code AccountExpiredException},
 * {@code CredentialsExpiredException} (any {@code AccountStatusException}),
 * {@code CompromisedPasswordException}</td><td>{@link LoginDeniedException}</td></tr>
 * <tr><td>{@code AuthenticationServiceException} (the user store failed), anything else</td>
 * <td>passed on unchanged: an internal error, not a failed login</td></tr>
 * </table>
 * The Spring exception is kept as the cause; Spring Security's messages carry no passwords. An
 * empty username is refused without asking the manager.
 *
 * <h2>Threads</h2>
 * The manager may work anywhere (Spring's matches passwords on a bounded-elastic scheduler, off
 * the reactor thread, as a slow hash should be); the Deferred is fired through the executor given,
 * normally the {@code Reactor} itself, so it fires on the reactor thread as the
 * {@link CredentialsChecker} contract requires. Thread-safe.
 *
 * <p>Twisted has no counterpart; its nearest is {@code FilePasswordDB} with a {@code hash} function.
 *
 * @since 0.1.0
 */
public final class ReactiveAuthenticationManagerChecker implements CredentialsChecker {

    private static final Logger log = LoggerFactory.getLogger(ReactiveAuthenticationManagerChecker.class);

    private final ReactiveAuthenticationManager manager;

    private final Executor reactor;

    /**
     * Creates the checker.
     *
     * @param manager authenticates {@code UsernamePasswordAuthenticationToken}s
     * @param reactor fires the Deferreds: the {@code Reactor}, whose {@code execute} is
     *        {@code callFromThread}
     */
    public ReactiveAuthenticationManagerChecker(ReactiveAuthenticationManager manager, Executor reactor) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.reactor = Objects.requireNonNull(reactor, "reactor");
    }

    /**
     * A checker over users and password hashes, the way Spring Security's own HTTP Basic checks
     * them ({@link UserDetailsRepositoryReactiveAuthenticationManager}).
     *
     * @param users finds users by name
     * @param passwordEncoder matches passwords against the stored hashes, for example
     *        {@code PasswordEncoderFactories.createDelegatingPasswordEncoder()}
     * @param reactor fires the Deferreds
     * @return the checker
     */
    public static ReactiveAuthenticationManagerChecker forUserDetails(ReactiveUserDetailsService users,
            PasswordEncoder passwordEncoder, Executor reactor) {
        UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
                Objects.requireNonNull(users, "users"));
        manager.setPasswordEncoder(Objects.requireNonNull(passwordEncoder, "passwordEncoder"));
        return new ReactiveAuthenticationManagerChecker(manager, reactor);
    }

    @Override
    public List<Class<?>> credentialInterfaces() {
        return List.of(UsernamePassword.class);
    }

    /**
     * Asks the manager to authenticate the username and password.
     *
     * @param credentials {@link UsernamePassword} credentials
     * @return a Deferred of the principal's name, fired through the reactor, failing as the class
     *         documentation says
     */
    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof UsernamePassword login)) {
            return Deferred.fail(UnhandledCredentialsException.of(this, UsernamePassword.class, credentials));
        }
        if (login.getUsername().isEmpty()) {
            return Deferred.fail(new UnauthorizedLoginException());
        }
        Mono<String> avatarId = Mono.defer(() -> this.manager.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(login.getUsername(), login.getPassword())))
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getName)
                .switchIfEmpty(Mono.error(UnauthorizedLoginException::new))
                .onErrorMap(error -> translate(login.getUsername(), error));
        return Deferred.fromPublisher(avatarId, this.reactor);
    }

    /**
     * Maps Spring Security's exception to Twisted's, as the class documentation's table says.
     *
     * @param username who tried, for the debug log
     * @param error what the manager failed with
     * @return the exception the Deferred fails with
     */
    static Throwable translate(String username, Throwable error) {
        if (error instanceof UnauthorizedLoginException) {
            return error;
        }
        if (!(error instanceof AuthenticationException) || error instanceof AuthenticationServiceException) {
            return error;
        }
        log.debug("Spring Security refused a login: {}", error.getClass().getSimpleName());
        if (error instanceof AccountStatusException || error instanceof CompromisedPasswordException) {
            return new LoginDeniedException(String.valueOf(error.getMessage()), error);
        }
        return new UnauthorizedLoginException("invalid username or password", error);
    }

    @Override
    public String toString() {
        return "ReactiveAuthenticationManagerChecker[" + this.manager.getClass().getName() + "]";
    }
}
