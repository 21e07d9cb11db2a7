package twisted.cred.autoconfigure;

import org.jspecify.annotations.Nullable;
import twisted.cred.LoginResult;
import twisted.cred.Realm;
import twisted.defer.Deferred;

/** The realm of a portal built without a unique {@code Realm} bean: it fails every login, saying what to do. */
final class NoRealm implements Realm {

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        return Deferred.fail(new UnsupportedOperationException("the auto-configured Portal has no Realm: define one "
                + "twisted.cred.Realm bean, or give each service its own with portal.withRealm(realm)"));
    }
}
