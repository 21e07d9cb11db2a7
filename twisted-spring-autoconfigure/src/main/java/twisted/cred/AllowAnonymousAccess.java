package twisted.cred;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;

/**
 * Lets in anyone who presents {@link Anonymous} credentials, as {@link CredentialsChecker#ANONYMOUS}:
 * register it next to a password checker to offer guest access (anonymous FTP, a read-only
 * mailbox). Creating one logs a warning, since it lets in people nobody knows.
 *
 * <p>Twisted: {@code twisted.cred.checkers.AllowAnonymousAccess}.
 *
 * @since 0.1.0
 */
public final class AllowAnonymousAccess implements CredentialsChecker {

    private static final Logger log = LoggerFactory.getLogger(AllowAnonymousAccess.class);

    /** Creates the checker, and warns that anonymous logins are allowed. */
    public AllowAnonymousAccess() {
        log.warn("Anonymous logins are allowed (AllowAnonymousAccess): anyone may log in without credentials");
    }

    @Override
    public List<Class<?>> credentialInterfaces() {
        return List.of(Anonymous.class);
    }

    /**
     * Accepts the credentials.
     *
     * @param credentials {@link Anonymous} credentials
     * @return a fired Deferred of {@link #ANONYMOUS}
     */
    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof Anonymous)) {
            return Deferred.fail(new UnhandledCredentialsException(
                    "AllowAnonymousAccess handles Anonymous credentials, not " + credentials.getClass().getName()));
        }
        return Deferred.succeed(ANONYMOUS);
    }
}
