package twisted.cred.spring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import twisted.cred.Anonymous;
import twisted.cred.LoginDeniedException;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.netty.NettyReactor;
import twisted.testing.MemoryReactor;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class ReactiveAuthenticationManagerCheckerTests {

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final MapReactiveUserDetailsService users = new MapReactiveUserDetailsService(
            User.withUsername("alice").password(ENCODER.encode("secret")).roles("USER").build(),
            User.withUsername("locked").password(ENCODER.encode("secret")).accountLocked(true).build());

    private final MemoryReactor reactor = new MemoryReactor();

    /** Spring's own manager, matching passwords on the calling thread so the MemoryReactor sees every step. */
    private ReactiveAuthenticationManagerChecker synchronousChecker() {
        UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
                this.users);
        manager.setPasswordEncoder(ENCODER);
        manager.setScheduler(Schedulers.immediate());
        return new ReactiveAuthenticationManagerChecker(manager, this.reactor);
    }

    private Deferred<String> check(ReactiveAuthenticationManagerChecker checker, String username, String password) {
        Deferred<String> avatarId = checker.requestAvatarId(new UsernamePassword(username, password));
        assertNoResult(avatarId);
        this.reactor.advance(Duration.ZERO);
        return avatarId;
    }

    @Test
    void rightPasswordGivesThePrincipalsNameThroughTheReactor() {
        assertThat(successResultOf(check(synchronousChecker(), "alice", "secret"))).isEqualTo("alice");
    }

    @Test
    void wrongPasswordAndUnknownUserFailWithTheSameUnauthorizedLogin() {
        ReactiveAuthenticationManagerChecker checker = synchronousChecker();
        Failure wrong = failureResultOf(check(checker, "alice", "guess"), UnauthorizedLoginException.class);
        Failure unknown = failureResultOf(check(checker, "mallory", "secret"), UnauthorizedLoginException.class);
        assertThat(wrong.getErrorMessage()).isEqualTo(unknown.getErrorMessage()).isEqualTo("invalid username or password");
        assertThat(wrong.value().getCause()).isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aLockedAccountIsDenied() {
        Failure failure = failureResultOf(check(synchronousChecker(), "locked", "secret"), LoginDeniedException.class);
        assertThat(failure.value().getCause()).isInstanceOf(LockedException.class);
    }

    @Test
    void springSecurityExceptionsMapToTwistedOnes() {
        assertMapsTo(new BadCredentialsException("bad"), UnauthorizedLoginException.class);
        assertMapsTo(new UsernameNotFoundException("who?"), UnauthorizedLoginException.class);
        assertMapsTo(new LockedException("locked"), LoginDeniedException.class);
        assertMapsTo(new DisabledException("disabled"), LoginDeniedException.class);
        assertMapsTo(new AccountExpiredException("expired"), LoginDeniedException.class);
        assertMapsTo(new CredentialsExpiredException("password expired"), LoginDeniedException.class);
    }

    @Test
    void aFailingUserStoreIsAnInternalErrorNotAFailedLogin() {
        AuthenticationServiceException down = new AuthenticationServiceException("user store down");
        assertThat(failureOf(Mono.error(down)).value()).isSameAs(down);
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(failureOf(Mono.error(bug)).value()).isSameAs(bug);
        ReactiveAuthenticationManager throwing = token -> {
            throw bug;
        };
        Deferred<String> thrown = new ReactiveAuthenticationManagerChecker(throwing, this.reactor)
                .requestAvatarId(new UsernamePassword("alice", "secret"));
        this.reactor.advance(Duration.ZERO);
        assertThat(failureResultOf(thrown, IllegalStateException.class).value()).isSameAs(bug);
    }

    @Test
    void anEmptyOrUnauthenticatedAnswerIsUnauthorized() {
        failureOf(Mono.empty()).trap(UnauthorizedLoginException.class);
        failureOf(Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("alice", null)))
                .trap(UnauthorizedLoginException.class);
    }

    @Test
    void anEmptyUsernameIsRefusedWithoutAskingTheManager() {
        AtomicInteger asked = new AtomicInteger();
        ReactiveAuthenticationManagerChecker checker = new ReactiveAuthenticationManagerChecker(token -> {
            asked.incrementAndGet();
            return Mono.just(UsernamePasswordAuthenticationToken.authenticated("", null, java.util.List.of()));
        }, this.reactor);
        failureResultOf(checker.requestAvatarId(new UsernamePassword("", "")), UnauthorizedLoginException.class);
        assertThat(asked).hasValue(0);
    }

    @Test
    void otherCredentialsAreUnhandled() {
        failureResultOf(synchronousChecker().requestAvatarId(new Anonymous()), UnhandledCredentialsException.class);
        assertThat(synchronousChecker().credentialInterfaces()).containsExactly(UsernamePassword.class);
    }

    @Test
    void forUserDetailsHashesOffTheReactorThreadAndFiresOnIt() throws Exception {
        try (RunningReactor running = RunningReactor.start()) {
            NettyReactor netty = running.reactor();
            ReactiveAuthenticationManagerChecker checker = ReactiveAuthenticationManagerChecker.forUserDetails(this.users,
                    ENCODER, netty);
            boolean[] onReactorThread = new boolean[1];
            String avatarId = running.call(() -> checker
                    .requestAvatarId(new UsernamePassword("alice", "secret")).thenApply(id -> {
                        onReactorThread[0] = netty.isReactorThread();
                        return id;
                    }));
            assertThat(avatarId).isEqualTo("alice");
            assertThat(onReactorThread[0]).isTrue();
            assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> running.call(
                    () -> checker.requestAvatarId(new UsernamePassword("alice", "guess"))));
        }
    }

    private Failure failureOf(Mono<? extends org.springframework.security.core.Authentication> answer) {
        ReactiveAuthenticationManagerChecker checker = new ReactiveAuthenticationManagerChecker(token -> answer.map(a -> a),
                this.reactor);
        Deferred<String> avatarId = checker.requestAvatarId(new UsernamePassword("alice", "secret"));
        this.reactor.advance(Duration.ZERO);
        return failureResultOf(avatarId);
    }

    private void assertMapsTo(RuntimeException springException, Class<? extends Throwable> expected) {
        Failure failure = failureOf(Mono.error(springException));
        assertThat(failure.value()).isInstanceOf(expected).hasCause(springException);
    }
}
