package twisted.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.mail.smtp.SmtpFixture.Client;
import twisted.testing.InMemoryCredentialsChecker;

import static org.assertj.core.api.Assertions.assertThat;

/** STARTTLS (and its injection attack) and AUTH PLAIN and LOGIN through a real Portal. */
@ExtendWith(OutputCaptureExtension.class)
class ESMTPAuthTests {

    private int loggedOut;

    private Portal portal() {
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(),
                () -> this.loggedOut++, Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret"));
        return portal;
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private SmtpFixture fixture(boolean tls, boolean allowWithoutTls) throws Exception {
        SmtpFixture fixture = new SmtpFixture();
        fixture.portal = portal();
        if (tls) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, null, null);
            fixture.tls = TlsOptions.server(context);
        }
        fixture.settings = fixture.settings.withAllowAuthWithoutTls(allowWithoutTls);
        return fixture;
    }

    /** A client that did EHLO, STARTTLS and EHLO again (the StringTransport only records TLS). */
    private Client secured(SmtpFixture fixture) {
        Client client = fixture.connect().send("EHLO c.example", "STARTTLS");
        assertThat(client.take()).endsWith("250 STARTTLS", "220 2.0.0 Ready to start TLS");
        assertThat(client.transport.isSecure()).isTrue();
        client.send("EHLO c.example");
        assertThat(client.take()).endsWith("250-ENHANCEDSTATUSCODES", "250 AUTH PLAIN LOGIN");
        return client;
    }

    @Test
    void startTlsIsOfferedThenAuthAfterIt() throws Exception {
        SmtpFixture fixture = fixture(true, false);
        Client client = fixture.connect().send("EHLO c.example");
        assertThat(client.take()).endsWith("250-ENHANCEDSTATUSCODES", "250 STARTTLS");
        client.send("AUTH PLAIN " + b64("\0alice\0s3cret"));
        assertThat(client.take()).containsExactly(
                "538 5.7.11 Encryption required for requested authentication mechanism");
        client.send("STARTTLS now", "STARTTLS");
        assertThat(client.take()).containsExactly("501 5.5.4 Syntax: STARTTLS", "220 2.0.0 Ready to start TLS");
        assertThat(client.transport.getTlsOptions()).isSameAs(fixture.tls);
        client.send("MAIL FROM:<a@b.example>", "EHLO c.example", "STARTTLS");
        assertThat(client.take()).containsExactly(
                "503 Send HELO/EHLO first",
                "250-mx.example.com Hello c.example",
                "250-SIZE 10485760",
                "250-8BITMIME",
                "250-PIPELINING",
                "250-ENHANCEDSTATUSCODES",
                "250 AUTH PLAIN LOGIN",
                "503 5.5.1 TLS already active");
    }

    @Test
    void commandsPipelinedAfterStartTlsAreDiscardedNotRun() throws Exception {
        SmtpFixture fixture = fixture(true, false);
        Client client = fixture.connect().send("EHLO c.example");
        client.take();
        client.raw("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\nRCPT TO:<alice@example.com>\r\n");
        assertThat(client.take()).containsExactly("220 2.0.0 Ready to start TLS");
        client.send("EHLO c.example", "RCPT TO:<alice@example.com>");
        assertThat(client.take()).endsWith("503 5.5.1 Need MAIL command");
    }

    @Test
    void transactionStateIsForgottenAtStartTls() throws Exception {
        SmtpFixture fixture = fixture(true, false);
        Client client = fixture.connect().send("EHLO c.example", "MAIL FROM:<a@b.example>", "STARTTLS", "EHLO c",
                "RCPT TO:<alice@example.com>");
        assertThat(client.take()).containsSubsequence("250 2.1.0 Sender <a@b.example> OK",
                "220 2.0.0 Ready to start TLS", "250 AUTH PLAIN LOGIN", "503 5.5.1 Need MAIL command");
    }

    @Test
    void authPlainWithAnInitialResponseAndAfterAChallenge() throws Exception {
        SmtpFixture fixture = fixture(true, false);
        Client client = secured(fixture);
        client.send("AUTH PLAIN " + b64("\0alice\0wrong"), "AUTH PLAIN", b64("alice\0alice\0s3cret"),
                "AUTH PLAIN " + b64("\0alice\0s3cret"));
        assertThat(client.take()).containsExactly(
                "535 5.7.8 Authentication credentials invalid",
                "334 ",
                "235 2.7.0 Authentication successful",
                "503 5.5.1 Already authenticated");
        assertThat(((ESMTP) client.protocol).getAuthenticatedUser()).isEqualTo("alice");
        client.send("QUIT");
        assertThat(this.loggedOut).isEqualTo(1);
    }

    @Test
    void authLoginAskForUserAndPassword() throws Exception {
        Client client = secured(fixture(true, false));
        client.send("AUTH LOGIN", b64("alice"), b64("s3cret"));
        assertThat(client.take()).containsExactly("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6",
                "235 2.7.0 Authentication successful");
        Client other = secured(fixture(true, false));
        other.send("AUTH LOGIN " + b64("alice"), b64("nope"));
        assertThat(other.take()).containsExactly("334 UGFzc3dvcmQ6", "535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void authErrors() throws Exception {
        Client client = secured(fixture(true, false));
        client.send("AUTH CRAM-MD5", "AUTH", "AUTH PLAIN", "*", "AUTH LOGIN", "not base64!", "AUTH PLAIN " + b64("alice"),
                "MAIL FROM:<a@b.example>", "AUTH PLAIN " + b64("\0alice\0s3cret"));
        assertThat(client.take()).containsExactly(
                "504 5.5.4 Unrecognized authentication type",
                "501 5.5.4 Syntax: AUTH mechanism [initial-response]",
                "334 ",
                "501 5.7.0 Authentication cancelled",
                "334 VXNlcm5hbWU6",
                "501 5.5.2 Cannot decode response",
                "535 5.7.8 Authentication credentials invalid",
                "250 2.1.0 Sender <a@b.example> OK",
                "503 5.5.1 AUTH not permitted during a mail transaction");
    }

    @Test
    void authWithoutTlsOnlyWhenAllowed() throws Exception {
        Client client = fixture(false, true).connect().send("EHLO c.example");
        assertThat(client.take()).endsWith("250-ENHANCEDSTATUSCODES", "250 AUTH PLAIN LOGIN");
        client.send("AUTH PLAIN " + b64("\0alice\0s3cret"));
        assertThat(client.take()).containsExactly("235 2.7.0 Authentication successful");
        Client refused = fixture(false, false).connect().send("EHLO c.example", "AUTH LOGIN");
        assertThat(refused.take()).endsWith("250 ENHANCEDSTATUSCODES",
                "538 5.7.11 Encryption required for requested authentication mechanism");
    }

    @Test
    void aFailedLoginIsHeldBackAndAnotherConnectionMeanwhileGets454() throws Exception {
        SmtpFixture fixture = fixture(true, false);
        fixture.throttle = new LoginThrottle(fixture.clock);
        Client first = secured(fixture);
        Client second = secured(fixture);
        first.send("AUTH PLAIN " + b64("\0alice\0wrong"), "NOOP");
        assertThat(first.take()).as("the failure is held back, and the pipelined NOOP waits behind it").isEmpty();
        second.send("AUTH PLAIN " + b64("\0alice\0s3cret"));
        assertThat(second.take()).containsExactly(
                "454 4.7.0 Temporary authentication failure: too many failures, try later");
        fixture.clock.advance(1);
        assertThat(first.take()).containsExactly("535 5.7.8 Authentication credentials invalid", "250 2.0.0 OK");
        second.send("AUTH PLAIN " + b64("\0alice\0s3cret"));
        assertThat(second.take()).containsExactly("235 2.7.0 Authentication successful");
    }

    @Test
    void noCredentialReachesALogAtAnyLevel(CapturedOutput output) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        root.setLevel(Level.TRACE);
        try {
            Client client = secured(fixture(true, false));
            client.send("AUTH PLAIN " + b64("\0alice\0Hunter2-secret"), "AUTH LOGIN", b64("alice"),
                    b64("Hunter3-secret"), "AUTH PLAIN " + b64("\0alice\0s3cret"));
            client.take();
        }
        finally {
            root.setLevel(before);
        }
        assertThat(output.getAll()).doesNotContain("Hunter2", "Hunter3", b64("\0alice\0Hunter2-secret"),
                b64("Hunter3-secret"), "s3cret", b64("\0alice\0s3cret"));
    }
}
