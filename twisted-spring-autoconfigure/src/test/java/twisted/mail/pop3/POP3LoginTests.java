package twisted.mail.pop3;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import twisted.cred.Credentials;
import twisted.cred.CredentialsChecker;
import twisted.cred.LoginThrottle;
import twisted.cred.UnauthorizedLoginException;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.mail.pop3.POP3Fixture.Client;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins through a real Portal: the throttle, APOP only with a checker that can verify it, STLS
 * (and what was pipelined after it), and no credential in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class POP3LoginTests {

    /** A checker that knows plain-text secrets, so it can check APOP digests. */
    static final class ApopChecker implements CredentialsChecker {

        @Override
        public List<Class<?>> credentialInterfaces() {
            return List.of(APOPCredentials.class);
        }

        @Override
        public Deferred<String> requestAvatarId(Credentials credentials) {
            APOPCredentials apop = (APOPCredentials) credentials;
            if (apop.getUsername().equals("alice") && apop.checkPassword("tanstaaf")) {
                return Deferred.succeed("alice");
            }
            return Deferred.fail(new UnauthorizedLoginException("bad digest"));
        }
    }

    private static final Pattern TIMESTAMP = Pattern.compile("<[0-9a-f]{16}\\.\\d+@localhost>$");

    @Test
    void apopIsOfferedWithATimestampWhenAPortalCheckerVerifiesIt() {
        POP3Fixture f = new POP3Fixture().withChecker(new ApopChecker());
        Client client = f.connect();
        Matcher m = TIMESTAMP.matcher(client.greeting.get(0));
        assertThat(m.find()).as(client.greeting.get(0)).isTrue();
        String challenge = m.group();
        assertThat(f.connect().greeting.get(0)).as("a new timestamp per connection").doesNotContain(challenge);
        client.send("APOP alice " + APOPCredentials.digest(challenge, "wrong"),
                "APOP alice " + APOPCredentials.digest(challenge, "tanstaaf"), "STAT");
        assertThat(client.take()).containsExactly(
                "-ERR [AUTH] invalid user name or password",
                "+OK alice's maildrop has 2 messages (" + (POP3Fixture.FIRST.length() + POP3Fixture.SECOND.length())
                        + " octets)",
                "+OK 2 " + (POP3Fixture.FIRST.length() + POP3Fixture.SECOND.length()));
        assertThat(client.closed()).isFalse();
    }

    @Test
    void apopDigestsAreCheckedAgainstThisGreetingOnly() {
        APOPCredentials credentials = new APOPCredentials("<1.2@h>", "alice", APOPCredentials.digest("<1.2@h>", "x"));
        assertThat(credentials.checkPassword("x")).isTrue();
        assertThat(credentials.checkPassword("y")).isFalse();
        assertThat(new APOPCredentials("<1.3@h>", "alice", APOPCredentials.digest("<1.2@h>", "x")).checkPassword("x"))
                .isFalse();
        // RFC 1939's example
        assertThat(APOPCredentials.digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"))
                .isEqualTo("c4c9334bac560ecc979e58001b3e22fb");
        assertThat(credentials.toString()).doesNotContain(APOPCredentials.digest("<1.2@h>", "x"));
    }

    @Test
    void failedLoginsAreThrottledAndLaterLinesWait() {
        POP3Fixture f = new POP3Fixture(factory -> { });
        f.factory.throttle(new LoginThrottle(f.clock));
        Client guesser = f.connect().send("USER alice", "PASS wrong");
        assertThat(guesser.take()).containsExactly("+OK send PASS");
        assertThat(guesser.transport.getProducerState()).isEqualTo(StringTransport.PAUSED);
        guesser.send("NOOP");
        Client other = f.connect().send("USER alice", "PASS s3cret");
        assertThat(other.take()).containsExactly("+OK send PASS",
                "-ERR [AUTH] too many failed logins; try again later");
        f.clock.advance(1);
        assertThat(guesser.take()).containsExactly("-ERR [AUTH] invalid user name or password",
                "-ERR not logged in: log in with USER and PASS first");
        f.clock.advance(10);
        other.send("USER alice", "PASS s3cret");
        assertThat(other.take()).last().asString().startsWith("+OK alice's maildrop");
    }

    @Test
    void aSessionCutWhileTheLoginIsPendingOpensNothing() {
        POP3Fixture f = new POP3Fixture();
        f.factory.throttle(new LoginThrottle(f.clock));
        f.connect().send("USER alice", "PASS wrong");
        Client client = f.connect("192.168.1.1").send("USER alice", "PASS s3cret");
        client.transport.loseConnection();
        f.clock.advance(60);
        assertThat(f.store.isLocked("alice")).isFalse();
    }

    private static POP3Fixture tls(boolean require) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, null, null);
        return new POP3Fixture(factory -> factory.tls(TlsOptions.server(context))
                .settings(POP3Settings.defaults().withRequireTlsForLogin(require)));
    }

    @Test
    void stlsStartsTlsAndDropsWhatWasPipelinedAfterIt() throws Exception {
        POP3Fixture f = tls(false);
        Client client = f.connect();
        client.protocol.dataReceived("CAPA\r\nSTLS\r\nUSER evil\r\nPASS injected\r\n".getBytes());
        List<String> lines = client.take();
        assertThat(lines).contains("STLS").endsWith("+OK begin TLS negotiation");
        assertThat(client.transport.isSecure()).isTrue();
        client.send("CAPA", "STLS", "PASS x");
        assertThat(client.take()).doesNotContain("STLS").contains("-ERR TLS is already on", "-ERR send USER first");
    }

    @Test
    void stlsIsRefusedWithoutTlsOptions() {
        Client client = new POP3Fixture().connect().send("STLS");
        assertThat(client.take()).containsExactly("-ERR STLS is not offered by this server");
        assertThat(client.transport.isSecure()).isFalse();
    }

    @Test
    void requireTlsForLoginKeepsPasswordsOffPlainText() throws Exception {
        POP3Fixture f = tls(true);
        Client client = f.connect().send("CAPA", "USER alice");
        assertThat(client.take()).doesNotContain("USER").contains("STLS", "-ERR [AUTH] log in only after STLS");
        client.send("STLS", "CAPA", "USER alice", "PASS s3cret");
        assertThat(client.take()).contains("USER", "+OK send PASS").last().asString().startsWith("+OK alice's");
    }

    @Test
    void noPasswordOrDigestReachesTheLogEvenAtDebug(CapturedOutput output) {
        Logger twisted = (Logger) LoggerFactory.getLogger("twisted");
        Level saved = twisted.getLevel();
        twisted.setLevel(Level.DEBUG);
        try {
            POP3Fixture f = new POP3Fixture().withChecker(new ApopChecker());
            f.factory.throttle(new LoginThrottle(f.clock));
            f.connect().send("USER alice", "PASS Wr0ng-Guess");
            f.clock.advance(2);
            f.connect().send("USER alice", "PASS s3cret", "QUIT");
            f.connect().send("APOP alice 0123456789abcdef0123456789abcdef");
            f.clock.advance(10);
            assertThat(output).contains("logged in").contains("failed");
            assertThat(output).doesNotContain("s3cret").doesNotContain("Wr0ng")
                    .doesNotContain("0123456789abcdef0123456789abcdef");
        }
        finally {
            twisted.setLevel(saved);
        }
    }
}
