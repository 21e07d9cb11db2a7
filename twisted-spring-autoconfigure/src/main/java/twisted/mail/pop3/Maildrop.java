package twisted.mail.pop3;

import org.jspecify.annotations.Nullable;

import twisted.cred.LoginResult;
import twisted.defer.Deferred;

/**
 * The avatar of a POP3 login: the name of the mailbox the session opens, the user's own.
 *
 * @param mailbox the mailbox's name
 */
record Maildrop(String mailbox) {

    /** The realm {@link POP3Factory} puts behind the application's checkers. */
    static Deferred<LoginResult> realm(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        return Deferred.succeed(LoginResult.of(new Maildrop(avatarId), () -> { }, interfaces));
    }
}
