package twisted.cred;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * Gives an authenticated user their avatar: the object through which a protocol acts for that
 * user (a mailbox for POP3, a shell for SSH, a chat user for IRC). A {@link Portal} calls it once
 * a {@link CredentialsChecker} has said who the user is.
 *
 * <pre>{@code
 * Realm realm = (avatarId, mind, interfaces) -> {
 *     EchoAvatar avatar = new EchoAvatar(avatarId);
 *     return Deferred.succeed(LoginResult.of(avatar, avatar::logout, interfaces));
 * };
 * }</pre>
 *
 * <p>The realm must answer with one of the requested interfaces, the first it supports in the
 * caller's order, and fail (typically with {@code UnsupportedOperationException}, as
 * {@link LoginResult#of} does) when it supports none. It may refuse a user with
 * {@link LoginDeniedException}. Called on the reactor thread.
 *
 * <p>Twisted: {@code IRealm}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Realm {

    /**
     * Builds, or looks up, the avatar of {@code avatarId}.
     *
     * @param avatarId who logged in, as the checker said ({@link CredentialsChecker#ANONYMOUS} for
     *        an anonymous user)
     * @param mind the client-side object the protocol passed to {@link Portal#login}, often
     *        {@code null}
     * @param interfaces the avatar interfaces the protocol can use, in its order of preference
     * @return a Deferred of the avatar, the interface it is given as, and how to log it out
     */
    Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces);
}
