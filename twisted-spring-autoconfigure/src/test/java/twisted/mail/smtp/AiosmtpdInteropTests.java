package twisted.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.testing.RunningReactor;

/**
 * Our {@link SMTPSender} against aiosmtpd 1.4.3 ({@link Aiosmtpd}), an SMTP server nobody here
 * wrote, on 127.0.0.1: {@code STARTTLS} with a certificate verified against a CA made by the test,
 * {@code AUTH PLAIN} and {@code LOGIN} (offered only over TLS), per-recipient results, a message
 * that arrives byte for byte as the client must have sent it, and the failures (an untrusted CA, a
 * wrong password, TLS required of a server without it) that must send nothing they should not.
 */
class AiosmtpdInteropTests {

    private static final String USER = "alice";

    private static final String PASSWORD = "s3cret-pw";

    /** Leading dots, a line ".", bare LF and bare CR, 8-bit UTF-8, no final line end. */
    private static final String MESSAGE = "From: me@client.example\r\nTo: alice@example.test\r\n"
            + "Subject: dots\r\n\r\n"
            + ".leading dot\n..two dots\r\nsmuggle\n.\r\nmore\r.\nbare\rcr\r\n.\r\n\u00e9t\u00e9 8-bit\r\nno final end";

    /** What the server must read: every line end CR LF, dots as they were, a final CR LF. */
    private static final String RECEIVED = "From: me@client.example\r\nTo: alice@example.test\r\n"
            + "Subject: dots\r\n\r\n"
            + ".leading dot\r\n..two dots\r\nsmuggle\r\n.\r\nmore\r\n.\r\nbare\r\ncr\r\n.\r\n\u00e9t\u00e9 8-bit\r\n"
            + "no final end\r\n";

    @TempDir
    Path dir;

    private RunningReactor running;

    private final List<Aiosmtpd> servers = new ArrayList<>();

    @BeforeEach
    void start() {
        Aiosmtpd.assumeInstalled();
        this.running = RunningReactor.start();
    }

    @AfterEach
    void stop() {
        this.servers.forEach(Aiosmtpd::close);
        if (this.running != null) {
            this.running.close();
        }
    }

    private Aiosmtpd server(String name, boolean tls, String mechanisms) throws Exception {
        Aiosmtpd server = Aiosmtpd.start(this.dir.resolve(name), USER, PASSWORD, tls, mechanisms);
        this.servers.add(server);
        return server;
    }

    private SMTPSender sender(Aiosmtpd server, SMTPClientOptions options) {
        return new SMTPSender(this.running.reactor(), "tcp:host=127.0.0.1:port=" + server.port(), options);
    }

    /** Trusts the server's CA, checks the certificate for "localhost", logs in. */
    private static SMTPClientOptions verified(Path ca, String password) throws Exception {
        return SMTPClientOptions.defaults().withHeloName("client.example")
                .withSslContext(OpenSmtpdInteropTests.trusting(ca)).withTlsHostname("localhost")
                .withCredentials(USER, password.toCharArray());
    }

    @Test
    void startTlsVerifiedAuthPlainAndTheMessageArrivesByteExactWithPerRecipientResults() throws Exception {
        Aiosmtpd server = server("tls", true, null);
        SMTPSender sender = sender(server, verified(server.caCertificate(), PASSWORD));
        SentMessage sent = this.running.call(() -> sender.sendmail("me@client.example",
                List.of("alice@example.test", "refused@example.test", "bob@example.test"),
                MESSAGE.getBytes(StandardCharsets.UTF_8)));

        assertThat(sent.recipients()).extracting(RecipientResult::accepted).containsExactly(true, false, true);
        RecipientResult refused = sent.recipients().get(1);
        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.enhancedCode()).isEqualTo("5.1.1");
        assertThat(refused.address().toString()).contains("refused@example.test");
        assertThat(sent.dataReply().code()).isEqualTo(250);
        assertThat(sent.dataReply().text()).contains("accepted as 001");

        List<Path> messages = server.messages();
        assertThat(messages).as(server.log()).hasSize(1);
        assertThat(Files.readAllBytes(messages.get(0))).isEqualTo(RECEIVED.getBytes(StandardCharsets.UTF_8));
        assertThat(server.envelope(messages.get(0))).contains("\"mail_from\": \"me@client.example\"")
                .contains("\"rcpt_tos\": [\"alice@example.test\", \"bob@example.test\"]")
                .contains("BODY=8BITMIME").contains("\"tls\": true").contains("\"login\": \"alice\"");
        // the client's QUIT may still be on its way when the Deferred fires
        assertThat(server.commands()).startsWith("EHLO", "STARTTLS", "EHLO", "AUTH PLAIN", "MAIL", "RCPT", "RCPT",
                "RCPT", "DATA");
    }

    @Test
    void authLoginWhenTheServerOffersOnlyLogin() throws Exception {
        Aiosmtpd server = server("login", true, "LOGIN");
        SMTPSender sender = sender(server, verified(server.caCertificate(), PASSWORD));
        SentMessage sent = this.running.call(() -> sender.sendmail("me@client.example",
                List.of("alice@example.test"), "Subject: login\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(sent.acceptedCount()).isEqualTo(1);
        List<Path> messages = server.messages();
        assertThat(messages).hasSize(1);
        assertThat(Files.readString(messages.get(0))).isEqualTo("Subject: login\r\n\r\nhello\r\n");
        assertThat(server.envelope(messages.get(0))).contains("\"login\": \"alice\"").contains("\"tls\": true");
        assertThat(server.commands()).startsWith("EHLO", "STARTTLS", "EHLO", "AUTH LOGIN", "MAIL")
                .doesNotContain("AUTH PLAIN");
        // two challenges (user name, password), then success
        assertThat(server.replies()).containsSubsequence("334", "334", "235");
    }

    @Test
    void aCertificateFromAnUntrustedCaFailsTheSendBeforeAnyAuthOrMail() throws Exception {
        Aiosmtpd server = server("untrusted", true, null);
        Path otherCa = Files.createDirectories(this.dir.resolve("other-ca"));
        OpenSmtpd.makeCertificates(otherCa);
        SMTPSender sender = sender(server, verified(otherCa.resolve("ca.crt"), PASSWORD));
        assertThatExceptionOfType(SMTPClientError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.test"), "Subject: x\r\n\r\nx\r\n".getBytes())))
                .withMessageContaining("after STARTTLS");

        assertThat(server.messages()).isEmpty();
        assertThat(server.commands()).containsExactly("EHLO", "STARTTLS");
        // a command refused for want of TLS (530) would never reach the command log: none was sent
        assertThat(server.replies()).doesNotContain("530", "538");
    }

    @Test
    void aWrongPasswordFailsWithAUTHDeclinedError() throws Exception {
        Aiosmtpd server = server("wrong", true, null);
        SMTPSender sender = sender(server, verified(server.caCertificate(), "not-the-password"));
        assertThatExceptionOfType(AUTHDeclinedError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.test"), "Subject: x\r\n\r\nx\r\n".getBytes())))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(535))
                .withMessageNotContaining("not-the-password");

        assertThat(server.messages()).isEmpty();
        assertThat(server.commands()).startsWith("EHLO", "STARTTLS", "EHLO", "AUTH PLAIN").doesNotContain("MAIL");
    }

    @Test
    void tlsRequiredAgainstAServerWithoutStartTlsSendsNothingPastEhlo() throws Exception {
        Aiosmtpd server = server("plain", false, null);
        SMTPSender sender = sender(server, SMTPClientOptions.defaults().withTls(SMTPClientOptions.TlsMode.REQUIRE)
                .withCredentials(USER, PASSWORD.toCharArray()));
        assertThatExceptionOfType(TLSRequiredError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.test"), "Subject: x\r\n\r\nx\r\n".getBytes())));

        assertThat(server.messages()).isEmpty();
        List<String> commands = server.commands();
        assertThat(commands).first().isEqualTo("EHLO");
        assertThat(commands.subList(1, commands.size())).isSubsetOf("QUIT");
    }
}
