package twisted.demo.cred;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import twisted.cred.LoginResult;
import twisted.cred.Realm;
import twisted.defer.Deferred;

/**
 * The book's realm: every login gets a fresh {@link ProtocolAvatar}; it supports no other
 * interface. It counts the sessions open, so that tests and curious readers can see logouts happen.
 * The auto-configured {@code Portal} picks it up as the application's one {@code Realm} bean.
 */
@Component
class EchoRealm implements Realm {

    private final AtomicInteger sessions = new AtomicInteger();

    @Override
    public Deferred<LoginResult> requestAvatar(String avatarId, @Nullable Object mind, Class<?>... interfaces) {
        EchoAvatar avatar = new EchoAvatar(avatarId, this.sessions);
        LoginResult result = LoginResult.of(avatar, avatar::logout, interfaces);
        this.sessions.incrementAndGet();
        return Deferred.succeed(result);
    }

    /**
     * How many logins have not logged out yet.
     *
     * @return the number of open sessions
     */
    int getSessions() {
        return this.sessions.get();
    }

    /** The avatar: who logged in, and the session count to give back on logout. */
    private record EchoAvatar(String name, AtomicInteger sessions) implements ProtocolAvatar {

        @Override
        public void logout() {
            this.sessions.decrementAndGet();
        }
    }
}
