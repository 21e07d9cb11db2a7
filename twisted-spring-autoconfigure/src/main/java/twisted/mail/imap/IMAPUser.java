package twisted.mail.imap;

import org.jspecify.annotations.Nullable;
import twisted.cred.LoginResult;
import twisted.defer.Deferred;

/** The avatar of an IMAP login: the user whose folders the session opens. */
record IMAPUser(String name) {

    static Deferred<LoginResult> realm(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        return Deferred.succeed(LoginResult.of(new IMAPUser(avatarId), () -> { }, interfaces));
    }
}
