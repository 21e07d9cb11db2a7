package twisted.cred;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.testing.InMemoryCredentialsChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class PortalTests {

    interface Greeter {
        String greet();
    }

    interface Other {
    }

    /** The book's realm: one avatar per login, which counts its logouts. */
    static final class TestRealm implements Realm {

        final List<String> avatarIds = new ArrayList<>();

        int logouts;

        @Override
        public Deferred<LoginResult> requestAvatar(String avatarId, Object mind, Class<?>... interfaces) {
            this.avatarIds.add(avatarId);
            Greeter avatar = () -> "hello " + avatarId;
            return Deferred.succeed(LoginResult.of(avatar, () -> this.logouts++, interfaces));
        }
    }

    private final TestRealm realm = new TestRealm();

    private final Portal portal = new Portal(this.realm,
            List.of(new InMemoryCredentialsChecker().addUser("alice", "secret")));

    @Test
    void rightPasswordGivesTheRealmsAvatarForTheCheckersAvatarId() {
        LoginResult result = successResultOf(this.portal.login(new UsernamePassword("alice", "secret"), null, Greeter.class));
        assertThat(result.iface()).isEqualTo(Greeter.class);
        assertThat(result.avatar(Greeter.class).greet()).isEqualTo("hello alice");
        assertThat(this.realm.avatarIds).containsExactly("alice");
    }

    @Test
    void wrongPasswordAndUnknownUserBothFailWithUnauthorizedLogin() {
        Failure wrong = failureResultOf(this.portal.login(new UsernamePassword("alice", "guess"), null, Greeter.class),
                UnauthorizedLoginException.class);
        Failure unknown = failureResultOf(this.portal.login(new UsernamePassword("mallory", "secret"), null, Greeter.class),
                UnauthorizedLoginException.class);
        assertThat(wrong.getErrorMessage()).isEqualTo(unknown.getErrorMessage());
        assertThat(this.realm.avatarIds).isEmpty();
    }

    @Test
    void credentialsNoCheckerHandlesFailWithUnhandledCredentials() {
        Failure failure = failureResultOf(this.portal.login(new Anonymous(), null, Greeter.class),
                UnhandledCredentialsException.class);
        assertThat(failure.getErrorMessage()).contains(Anonymous.class.getName()).contains(UsernamePassword.class.getName());
    }

    @Test
    void anonymousAccessGivesTheAnonymousAvatarId() {
        this.portal.registerChecker(new AllowAnonymousAccess());
        successResultOf(this.portal.login(new Anonymous(), null, Greeter.class));
        assertThat(this.realm.avatarIds).containsExactly(CredentialsChecker.ANONYMOUS);
    }

    @Test
    void firstRegisteredTypeTheCredentialsAreAnInstanceOfPicksTheChecker() {
        Portal portal = new Portal(this.realm);
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "secret"));
        portal.registerChecker(fixed("everyone"), Credentials.class);
        successResultOf(portal.login(new UsernamePassword("alice", "secret"), null, Greeter.class));
        successResultOf(portal.login(new Anonymous(), null, Greeter.class));
        assertThat(this.realm.avatarIds).containsExactly("alice", "everyone");
        assertThat(portal.listCredentialsInterfaces()).containsExactly(UsernamePassword.class, Credentials.class);
    }

    @Test
    void registeringATypeAgainReplacesItsCheckerButKeepsItsPlace() {
        Portal portal = new Portal(this.realm);
        portal.registerChecker(fixed("first"), UsernamePassword.class);
        portal.registerChecker(fixed("catch-all"), Credentials.class);
        portal.registerChecker(fixed("second"), UsernamePassword.class);
        assertThat(portal.listCredentialsInterfaces()).containsExactly(UsernamePassword.class, Credentials.class);
        successResultOf(portal.login(new UsernamePassword("x", "y"), null, Greeter.class));
        assertThat(this.realm.avatarIds).containsExactly("second");
    }

    @Test
    void aCheckerWithoutTypesIsRefused() {
        CredentialsChecker none = new CredentialsChecker() {
            @Override
            public List<Class<?>> credentialInterfaces() {
                return List.of();
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                return Deferred.succeed("x");
            }
        };
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.portal.registerChecker(none))
                .withMessageContaining("handles no credentials type");
    }

    @Test
    void theLoginWaitsForAPendingChecker() {
        Deferred<String> pending = new Deferred<>();
        Portal portal = new Portal(this.realm);
        portal.registerChecker(checker(creds -> pending), UsernamePassword.class);
        Deferred<LoginResult> login = portal.login(new UsernamePassword("alice", "secret"), null, Greeter.class);
        assertNoResult(login);
        pending.callback("alice");
        assertThat(successResultOf(login).avatar(Greeter.class).greet()).isEqualTo("hello alice");
    }

    @Test
    void aCheckerOrRealmThatThrowsFailsTheLoginInsteadOfThrowing() {
        Portal throwingChecker = new Portal(this.realm);
        throwingChecker.registerChecker(checker(creds -> {
            throw new IllegalStateException("user store down");
        }), UsernamePassword.class);
        failureResultOf(throwingChecker.login(new UsernamePassword("a", "b"), null, Greeter.class),
                IllegalStateException.class);

        Portal throwingRealm = new Portal((id, mind, ifaces) -> {
            throw new IllegalStateException("realm down");
        }, List.of(fixed("alice")));
        failureResultOf(throwingRealm.login(new UsernamePassword("a", "b"), null, Greeter.class),
                IllegalStateException.class);
    }

    @Test
    void realmThatSupportsNoneOfTheInterfacesFailsTheLogin() {
        Failure failure = failureResultOf(this.portal.login(new UsernamePassword("alice", "secret"), null, Other.class),
                UnsupportedOperationException.class);
        assertThat(failure.getErrorMessage()).contains(Other.class.getName());
    }

    @Test
    void realmThatAnswersWithAnInterfaceNotRequestedFailsTheLoginAndIsLoggedOut() {
        int[] logouts = new int[1];
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(
                new LoginResult(Greeter.class, (Greeter) () -> "hi", () -> logouts[0]++)), List.of(fixed("alice")));
        Failure failure = failureResultOf(portal.login(new UsernamePassword("a", "b"), null, Other.class),
                IllegalStateException.class);
        assertThat(failure.getErrorMessage()).contains("was not requested");
        assertThat(logouts[0]).isEqualTo(1);
    }

    @Test
    void loginDeniedByTheRealmPassesThrough() {
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.fail(new LoginDeniedException("banned")),
                List.of(fixed("alice")));
        failureResultOf(portal.login(new UsernamePassword("a", "b"), null, Greeter.class), LoginDeniedException.class);
    }

    @Test
    void logoutRunsTheRealmsLogoutOnlyOnce() {
        LoginResult result = successResultOf(this.portal.login(new UsernamePassword("alice", "secret"), null, Greeter.class));
        result.logout().run();
        result.logout().run();
        assertThat(this.realm.logouts).isEqualTo(1);
    }

    @Test
    void theRequestedInterfacesReachTheRealmInOrder() {
        Class<?>[][] seen = new Class<?>[1][];
        Portal portal = new Portal((id, mind, ifaces) -> {
            seen[0] = ifaces;
            return Deferred.succeed(LoginResult.of((Greeter) () -> "hi", () -> { }, ifaces));
        }, List.of(fixed("alice")));
        LoginResult result = successResultOf(portal.login(new UsernamePassword("a", "b"), "mind", Other.class, Greeter.class));
        assertThat(seen[0]).containsExactly(Other.class, Greeter.class);
        assertThat(result.iface()).isEqualTo(Greeter.class);
    }

    @Test
    void loginWithoutAnInterfaceIsAProgrammingError() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> this.portal.login(new UsernamePassword("alice", "secret"), null));
    }

    @Test
    void withRealmSharesTheCheckers() {
        TestRealm other = new TestRealm();
        Portal shared = this.portal.withRealm(other);
        successResultOf(shared.login(new UsernamePassword("alice", "secret"), null, Greeter.class));
        assertThat(other.avatarIds).containsExactly("alice");
        assertThat(this.realm.avatarIds).isEmpty();
        assertThat(shared.getRealm()).isSameAs(other);
        assertThat(shared.listCredentialsInterfaces()).isEqualTo(this.portal.listCredentialsInterfaces());
    }

    private static CredentialsChecker fixed(String avatarId) {
        return checker(credentials -> Deferred.succeed(avatarId));
    }

    private static CredentialsChecker checker(java.util.function.Function<Credentials, Deferred<String>> check) {
        return new CredentialsChecker() {
            @Override
            public List<Class<?>> credentialInterfaces() {
                return List.of(UsernamePassword.class);
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                return check.apply(credentials);
            }
        };
    }
}
