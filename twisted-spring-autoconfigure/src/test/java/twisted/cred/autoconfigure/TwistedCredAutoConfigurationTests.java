package twisted.cred.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import twisted.cred.AllowAnonymousAccess;
import twisted.cred.Anonymous;
import twisted.cred.Credentials;
import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.Realm;
import twisted.cred.UnauthorizedLoginException;
import twisted.cred.UnhandledCredentialsException;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.internet.IPv4Address;
import twisted.internet.Reactor;
import twisted.internet.Threads;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.failureResultOf;

@ExtendWith(OutputCaptureExtension.class)
class TwistedCredAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class, TwistedCredAutoConfiguration.class));

    /** The avatar the test realm gives: who logged in. */
    record Who(String name) {
    }

    @Configuration(proxyBeanMethods = false)
    static class WhoRealm {

        @Bean
        Realm whoRealm() {
            return (avatarId, mind, interfaces) -> Deferred.succeed(LoginResult.of(new Who(avatarId), () -> { }, interfaces));
        }
    }

    /** Logs in through the context's portal, on the reactor thread, and gives the avatar's name. */
    private static String login(ApplicationContext context, Credentials credentials) throws Exception {
        Portal portal = context.getBean(Portal.class);
        LoginResult result = Threads.blockingCallFromThread(context.getBean(Reactor.class),
                () -> portal.login(credentials, null, Who.class), Duration.ofSeconds(10));
        return result.avatar(Who.class).name();
    }

    private static String login(ApplicationContext context, String username, String password) throws Exception {
        return login(context, new UsernamePassword(username, password));
    }

    @Test
    void portalChecksTheUsersFromProperties() {
        this.runner.withUserConfiguration(WhoRealm.class)
                .withPropertyValues("twisted.cred.users.alice.password=secret",
                        "twisted.cred.users.bob.password={bcrypt}" + new BCryptPasswordEncoder().encode("hunter2"))
                .run(context -> {
                    assertThat(context).hasSingleBean(Portal.class).hasSingleBean(LoginThrottle.class);
                    assertThat(login(context, "alice", "secret")).isEqualTo("alice");
                    assertThat(login(context, "bob", "hunter2")).isEqualTo("bob");
                    assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login(context, "alice", "guess"));
                    assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login(context, "carol", "secret"));
                });
    }

    @Test
    void bracketsKeepCaseAndDotsInPropertyUserNames() {
        this.runner.withUserConfiguration(WhoRealm.class).withPropertyValues("twisted.cred.users.[Alice.Smith].password=x")
                .run(context -> assertThat(login(context, "Alice.Smith", "x")).isEqualTo("Alice.Smith"));
    }

    @Test
    void userDetailsServiceBeanWinsOverPropertiesWhichAreIgnoredWithAWarning(CapturedOutput output) {
        this.runner.withUserConfiguration(WhoRealm.class, UserDetailsBean.class)
                .withPropertyValues("twisted.cred.users.alice.password=secret").run(context -> {
                    assertThat(login(context, "bob", "builder")).isEqualTo("bob");
                    assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login(context, "alice", "secret"));
                    assertThat(output).contains("twisted.cred.users [alice] is ignored")
                            .contains("the ReactiveUserDetailsService bean");
                });
    }

    @Test
    void passwordEncoderBeanChecksTheUserDetailsHashes() {
        this.runner.withUserConfiguration(WhoRealm.class, BcryptUsers.class)
                .run(context -> assertThat(login(context, "dora", "explorer")).isEqualTo("dora"));
    }

    @Test
    void authenticationManagerBeanWinsOverUserDetailsService() {
        this.runner.withUserConfiguration(WhoRealm.class, UserDetailsBean.class, ManagerBean.class).run(context -> {
            assertThat(login(context, "carol", "anything")).isEqualTo("carol");
            assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login(context, "bob", "builder"));
        });
    }

    @Test
    void credentialsCheckerBeansReplaceTheSpringSecurityChecker() {
        this.runner.withUserConfiguration(WhoRealm.class, UserDetailsBean.class, CheckerBeans.class).run(context -> {
            assertThat(context.getBean(Portal.class).listCredentialsInterfaces())
                    .containsExactly(UsernamePassword.class, Anonymous.class);
            assertThat(login(context, "erin", "toy")).isEqualTo("erin");
            assertThat(login(context, new Anonymous())).isEmpty();
            assertThatExceptionOfType(UnauthorizedLoginException.class).isThrownBy(() -> login(context, "bob", "builder"));
        });
    }

    @Test
    void withoutUsersEveryLoginFailsAndAWarningSaysWhy(CapturedOutput output) {
        this.runner.withUserConfiguration(WhoRealm.class).run(context -> {
            assertThat(context.getBean(Portal.class).listCredentialsInterfaces()).isEmpty();
            assertThatExceptionOfType(UnhandledCredentialsException.class).isThrownBy(() -> login(context, "alice", "secret"));
            assertThat(output).contains("The Twisted portal has no users");
        });
    }

    @Test
    void anApplicationThatNeverLogsAnyoneInIsNotWarnedAboutThePortal(CapturedOutput output) {
        this.runner.run(context -> {
            assertThat(context).hasSingleBean(Portal.class);
            assertThat(output).doesNotContain("The Twisted portal has no users");
        });
    }

    @Test
    void withoutARealmLoginsFailSayingWhatToDefine() {
        this.runner.withPropertyValues("twisted.cred.users.alice.password=secret").run(context -> assertThatExceptionOfType(
                UnsupportedOperationException.class).isThrownBy(() -> login(context, "alice", "secret"))
                .withMessageContaining("twisted.cred.Realm bean").withMessageContaining("withRealm"));
    }

    @Test
    void backsOffForTheApplicationsPortalAndThrottle() {
        this.runner.withUserConfiguration(OwnPortal.class).run(context -> {
            assertThat(context).hasSingleBean(Portal.class).hasSingleBean(LoginThrottle.class);
            assertThat(context.getBean(Portal.class)).isSameAs(context.getBean(OwnPortal.class).portal);
            assertThat(context.getBean(LoginThrottle.class)).isSameAs(context.getBean(OwnPortal.class).throttle);
        });
    }

    @Test
    void disabledByProperty() {
        this.runner.withUserConfiguration(WhoRealm.class).withPropertyValues("twisted.cred.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Portal.class).doesNotHaveBean(LoginThrottle.class)
                        .doesNotHaveBean(CredProperties.class));
    }

    @Test
    void absentWithoutSpringSecurity() {
        this.runner.withClassLoader(new FilteredClassLoader(ReactiveAuthenticationManager.class))
                .run(context -> assertThat(context).doesNotHaveBean(Portal.class).doesNotHaveBean(LoginThrottle.class));
    }

    @Test
    void absentWithoutAReactor() {
        this.runner.withPropertyValues("twisted.reactor.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Portal.class).doesNotHaveBean(LoginThrottle.class));
    }

    @Test
    void throttlePropertiesConfigureTheThrottle() {
        this.runner.withUserConfiguration(WhoRealm.class, MemoryReactorAndToyUsers.class)
                .withPropertyValues("twisted.cred.throttle.initial-delay=3s", "twisted.cred.throttle.max-delay=5s")
                .run(context -> {
                    LoginThrottle throttle = context.getBean(LoginThrottle.class);
                    MemoryReactor reactor = context.getBean(MemoryReactor.class);
                    IPv4Address peer = new IPv4Address("TCP", "192.0.2.1", 1234);
                    for (Duration expected : List.of(Duration.ofSeconds(3), Duration.ofSeconds(5))) {
                        Deferred<LoginResult> attempt = throttle.login(context.getBean(Portal.class), peer,
                                new UsernamePassword("erin", "guess"), null, Who.class);
                        assertThat(throttle.retryAfter(peer)).isEqualTo(expected);
                        reactor.advance(expected);
                        failureResultOf(attempt, UnauthorizedLoginException.class);
                    }
                });
    }

    @Test
    void propertyDefaultsMatchTheLibraryDefaults() {
        this.runner.run(context -> {
            CredProperties.Throttle throttle = context.getBean(CredProperties.class).throttle();
            assertThat(throttle.initialDelay()).isEqualTo(LoginThrottle.DEFAULT_INITIAL_DELAY);
            assertThat(throttle.maxDelay()).isEqualTo(LoginThrottle.DEFAULT_MAX_DELAY);
            assertThat(throttle.forgetAfter()).isEqualTo(LoginThrottle.DEFAULT_FORGET_AFTER);
            assertThat(throttle.maxPeers()).isEqualTo(LoginThrottle.DEFAULT_MAX_PEERS);
            assertThat(context.getBean(CredProperties.class).users()).isEmpty();
        });
    }

    @Test
    void badValuesFailNamingTheProperty() {
        this.runner.withPropertyValues("twisted.cred.users.alice.password=")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.cred.users.alice.password must be set"));
        this.runner.withPropertyValues("twisted.cred.users.alice.password=x", "twisted.cred.users.alice.roles=ROLE_ADMIN")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.cred.users.alice.roles (ROLE_ADMIN)"));
        this.runner.withPropertyValues("twisted.cred.throttle.initial-delay=0s")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.cred.throttle.initial-delay (PT0S) must be positive"));
        this.runner.withPropertyValues("twisted.cred.throttle.max-delay=soon")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.cred.throttle.max-delay"));
        this.runner.withPropertyValues("twisted.cred.throttle.initial-delay=2m")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.cred.throttle.max-delay (PT1M) must be at least "
                                + "twisted.cred.throttle.initial-delay (PT2M)"));
        this.runner.withPropertyValues("twisted.cred.throttle.max-peers=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("twisted.cred.throttle.max-peers (0)"));
    }

    @Test
    void propertyUsersNeverShowTheirPassword() {
        this.runner.withPropertyValues("twisted.cred.users.alice.password=hunter2").run(context -> assertThat(
                context.getBean(CredProperties.class).toString()).contains("alice").doesNotContain("hunter2"));
    }

    /** The roles of a user, asked on the reactor thread as a realm would. */
    private static java.util.Set<String> rolesOf(ApplicationContext context, String avatarId) throws Exception {
        twisted.cred.UserRoles roles = context.getBean(twisted.cred.UserRoles.class);
        return Threads.blockingCallFromThread(context.getBean(Reactor.class), () -> roles.rolesOf(avatarId),
                Duration.ofSeconds(10));
    }

    @Test
    void userRolesComeFromThePropertyUsersWithTheRolePrefix() {
        this.runner.withPropertyValues("twisted.cred.users.alice.password=secret", "twisted.cred.users.alice.roles=ADMIN,OPS",
                "twisted.cred.users.carol.password=x").run(context -> {
                    assertThat(rolesOf(context, "alice")).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPS");
                    assertThat(rolesOf(context, "carol")).isEmpty();
                    assertThat(rolesOf(context, "nobody")).isEmpty();
                });
    }

    @Test
    void userRolesComeFromTheUserDetailsServiceBean() {
        this.runner.withUserConfiguration(UserDetailsBean.class).withPropertyValues("twisted.cred.users.alice.password=s",
                "twisted.cred.users.alice.roles=ADMIN").run(context -> {
                    assertThat(rolesOf(context, "bob")).containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPS");
                    assertThat(rolesOf(context, "alice")).isEmpty();
                });
    }

    @Test
    void noUserRolesWhenLoginsAreCheckedByAManagerOrCheckerBeans() {
        this.runner.withUserConfiguration(UserDetailsBean.class, ManagerBean.class)
                .run(context -> assertThat(context).doesNotHaveBean(twisted.cred.UserRoles.class));
        this.runner.withUserConfiguration(UserDetailsBean.class, CheckerBeans.class)
                .run(context -> assertThat(context).doesNotHaveBean(twisted.cred.UserRoles.class));
        this.runner.run(context -> assertThat(context).doesNotHaveBean(twisted.cred.UserRoles.class));
    }

    @Test
    void userRolesBackOffForTheApplicationsOwn() {
        twisted.cred.UserRoles own = avatarId -> Deferred.succeed(java.util.Set.of("ROLE_OWN"));
        this.runner.withBean(twisted.cred.UserRoles.class, () -> own).withPropertyValues("twisted.cred.users.alice.password=s")
                .run(context -> assertThat(context.getBean(twisted.cred.UserRoles.class)).isSameAs(own));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserDetailsBean {

        @Bean
        ReactiveUserDetailsService users() {
            return new MapReactiveUserDetailsService(User.withUsername("bob").password("{noop}builder").roles("ADMIN", "OPS").build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BcryptUsers {

        @Bean
        PasswordEncoder passwordEncoder() {
            return new BCryptPasswordEncoder(4);
        }

        @Bean
        ReactiveUserDetailsService users(PasswordEncoder encoder) {
            return new MapReactiveUserDetailsService(User.withUsername("dora").password(encoder.encode("explorer")).build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ManagerBean {

        @Bean
        ReactiveAuthenticationManager onlyCarol() {
            return token -> "carol".equals(token.getName())
                    ? Mono.just(UsernamePasswordAuthenticationToken.authenticated("carol", null, List.of()))
                    : Mono.error(new BadCredentialsException("not carol"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CheckerBeans {

        @Bean
        InMemoryCredentialsChecker toyUsers() {
            return new InMemoryCredentialsChecker().addUser("erin", "toy");
        }

        @Bean
        AllowAnonymousAccess anonymous() {
            return new AllowAnonymousAccess();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MemoryReactorAndToyUsers {

        @Bean
        MemoryReactor memoryReactor() {
            return new MemoryReactor();
        }

        @Bean
        InMemoryCredentialsChecker toyUsers() {
            return new InMemoryCredentialsChecker().addUser("erin", "toy");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPortal {

        final Portal portal = new Portal((id, mind, ifaces) -> Deferred.fail(new IllegalStateException()));

        final LoginThrottle throttle = new LoginThrottle(new twisted.testing.Clock());

        @Bean
        Portal myPortal() {
            return this.portal;
        }

        @Bean
        LoginThrottle myThrottle() {
            return this.throttle;
        }
    }
}
