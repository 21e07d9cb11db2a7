package twisted.cred;

import java.util.List;

import twisted.defer.Deferred;

/**
 * Decides who some credentials belong to: the user base behind a {@link Portal}. Given credentials
 * of a type it handles, it answers with the avatar id (the username, usually) or fails with
 * {@link UnauthorizedLoginException}; it knows nothing of avatars, which are the {@link Realm}'s job.
 *
 * <pre>{@code
 * portal.registerChecker(new ReactiveAuthenticationManagerChecker(authenticationManager, reactor));
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>{@link #requestAvatarId} fails with {@link UnauthorizedLoginException} for wrong credentials,
 * with the same message for an unknown user and a wrong password; with
 * {@link LoginDeniedException} for right credentials that are refused (locked account); with any
 * other exception for an internal error (the user base is down).</li>
 * <li>Its Deferred fires on the reactor thread. A checker doing slow or blocking work (hashing,
 * a database) does it elsewhere and fires back through the reactor ({@code deferToThread},
 * {@code Deferred.fromPublisher(mono, reactor)}).</li>
 * <li>It never logs a password or key, and returns {@link #ANONYMOUS} only for anonymous
 * credentials: checkers of named users refuse an empty username.</li>
 * </ul>
 *
 * <p>Twisted: {@code ICredentialsChecker}.
 *
 * @since 0.1.0
 */
public interface CredentialsChecker {

    /**
     * The avatar id of an anonymous user: the empty string, which no checker of named users
     * returns. Twisted: {@code twisted.cred.checkers.ANONYMOUS}.
     */
    String ANONYMOUS = "";

    /**
     * The credentials types this checker handles: classes or interfaces that credentials passed to
     * {@link #requestAvatarId} are instances of. Twisted: {@code credentialInterfaces}.
     *
     * @return at least one type
     */
    List<Class<?>> credentialInterfaces();

    /**
     * Checks the credentials.
     *
     * @param credentials credentials of a type from {@link #credentialInterfaces()}
     * @return a Deferred of the avatar id, failing as the class documentation says
     */
    Deferred<String> requestAvatarId(Credentials credentials);
}
