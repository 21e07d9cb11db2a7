package twisted.cred;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.scheduler.Schedulers;
import twisted.cred.spring.FilePasswordChecker;
import twisted.cred.spring.ReactiveAuthenticationManagerChecker;
import twisted.defer.Deferred;
import twisted.internet.IPv4Address;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every login path at DEBUG level, with Spring Security's loggers at DEBUG too: the passwords
 * never appear in the output, although the usernames and the reasons do.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretsInLogsTests {

    private static final List<String> LOGGERS = List.of("twisted", "org.springframework.security");

    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private static final String RIGHT = "Corr3ct-Horse-Battery";

    private static final String WRONG = "Wr0ng-Guess-Staple";

    private final MemoryReactor reactor = new MemoryReactor();

    private final List<Level> saved = new java.util.ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void debugEverything() {
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            this.saved.add(logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void restoreLevels() {
        for (int i = 0; i < LOGGERS.size(); i++) {
            ((Logger) LoggerFactory.getLogger(LOGGERS.get(i))).setLevel(this.saved.get(i));
        }
    }

    @Test
    void noLoginPathLogsAPasswordOrKey(CapturedOutput output) throws Exception {
        Realm realm = (id, mind, interfaces) -> Deferred.succeed(LoginResult.of(id, () -> { }, interfaces));
        LoginThrottle throttle = new LoginThrottle(this.reactor);
        IPv4Address peer = new IPv4Address("TCP", "192.0.2.9", 4242);

        UserDetailsRepositoryReactiveAuthenticationManager manager = new UserDetailsRepositoryReactiveAuthenticationManager(
                new MapReactiveUserDetailsService(User.withUsername("alice").password(ENCODER.encode(RIGHT)).build(),
                        User.withUsername("locked").password(ENCODER.encode(RIGHT)).accountLocked(true).build()));
        manager.setScheduler(Schedulers.immediate());
        Path passwd = Files.writeString(this.dir.resolve("passwd"),
                "alice:{noop}" + RIGHT + "\n" + WRONG + "\n");
        List<CredentialsChecker> checkers = List.of(new ReactiveAuthenticationManagerChecker(manager, this.reactor),
                new FilePasswordChecker(passwd, ENCODER, this.reactor), new InMemoryCredentialsChecker().addUser("alice", RIGHT));

        for (CredentialsChecker checker : checkers) {
            Portal portal = new Portal(realm, List.of(checker, new AllowAnonymousAccess()));
            for (String[] attempt : new String[][] { { "alice", RIGHT }, { "alice", WRONG }, { "mallory", WRONG },
                    { "locked", RIGHT } }) {
                throttle.login(portal, peer, new UsernamePassword(attempt[0], attempt[1]), null, CharSequence.class)
                        .addErrback(failure -> null);
                this.reactor.advance(Duration.ZERO);
                this.reactor.advance(throttle.retryAfter(peer));
            }
            throttle.login(portal, peer, new UsernamePassword("alice", WRONG), null, CharSequence.class)
                    .addErrback(failure -> null);
            throttle.login(portal, peer, new UsernamePassword("alice", RIGHT), null, CharSequence.class)
                    .addErrback(failure -> null);
            this.reactor.advance(Duration.ofMinutes(2));
            portal.login(new Anonymous(), null, CharSequence.class);
            portal.login(new SSHPrivateKey("alice", "ssh-ed25519", RIGHT.getBytes(), WRONG.getBytes(), WRONG.getBytes()),
                    null, CharSequence.class).addErrback(failure -> null);
        }

        assertThat(output).as("DEBUG lines were written").contains("'alice' logged in").contains("Login with")
                .contains("mallory").contains("refused unchecked");
        assertThat(output).doesNotContain(RIGHT).doesNotContain(WRONG);
    }
}
