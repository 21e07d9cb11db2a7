package twisted.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.testing.RunningReactor;

/**
 * Our {@link SMTPSender} against OpenSMTPD 6.8, a server nobody here wrote, on 127.0.0.1 (see
 * {@link OpenSmtpd} for what that package can and cannot do: its TLS is broken with OpenSSL 3, so
 * STARTTLS is tested for the refusal to fall back, and AUTH cannot be tested against it). The
 * tests in this class run one after the other; only one smtpd can run on a machine at a time.
 */
class OpenSmtpdInteropTests {

    @TempDir
    Path dir;

    private RunningReactor running;

    @BeforeEach
    void start() {
        OpenSmtpd.assumeInstalled();
        this.running = RunningReactor.start();
    }

    @AfterEach
    void stop() {
        if (this.running != null) {
            this.running.close();
        }
    }

    private SMTPSender sender(OpenSmtpd smtpd, SMTPClientOptions options) {
        return new SMTPSender(this.running.reactor(), "tcp:host=127.0.0.1:port=" + smtpd.port(), options);
    }

    /** A client context trusting only the CA certificate in {@code caPem}. */
    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A message with its own Date and Message-ID, so OpenSMTPD adds only its trace headers. */
    static final String MESSAGE = "From: me@client.example\r\nTo: alice@example.test\r\n"
            + "Date: Thu, 1 Jan 2026 00:00:00 +0000\r\nMessage-ID: <1@client.example>\r\nSubject: dots\r\n\r\n"
            + ".leading dot\n..two dots\r\nsmuggle\n.\r\nmore\r.\nbare\rcr\r\n.\r\n\u00e9t\u00e9 8-bit\r\nno final end";

    /** The body as OpenSMTPD's maildir delivery writes it: unstuffed, with LF line ends. */
    static final String BODY_IN_MAILDIR = ".leading dot\n..two dots\nsmuggle\n.\nmore\n.\nbare\ncr\n.\n\u00e9t\u00e9 8-bit\n"
            + "no final end\n";

    @Test
    void aMessageReachesTheMaildirByteExactWithPerRecipientResults() throws Exception {
        try (OpenSmtpd smtpd = OpenSmtpd.start(this.dir, false)) {
            SMTPSender sender = sender(smtpd, SMTPClientOptions.defaults().withHeloName("client.example"));
            SentMessage sent = this.running.call(() -> sender.sendmail("me@client.example",
                    List.of("alice@example.test", "nobody@example.test", "carol@elsewhere.example", "bob@example.test"),
                    MESSAGE.getBytes(StandardCharsets.UTF_8)));
            assertThat(sent.acceptedCount()).as(smtpd.log()).isEqualTo(2);
            assertThat(sent.recipients()).extracting(RecipientResult::accepted).containsExactly(true, false, false,
                    true);
            RecipientResult unknown = sent.recipients().get(1);
            assertThat(unknown.code()).isEqualTo(524);
            assertThat(unknown.enhancedCode()).isEqualTo("5.2.4");
            assertThat(sent.recipients().get(2).code()).isEqualTo(550);
            assertThat(sent.dataReply().code()).isEqualTo(250);
            for (String user : List.of("alice", "bob")) {
                String stored = Files.readString(smtpd.awaitMessages(user, 1).get(0), StandardCharsets.UTF_8);
                assertThat(stored).contains("\nSubject: dots\n").contains("\nMessage-ID: <1@client.example>\n");
                assertThat(stored.substring(stored.indexOf("\n\n") + 2)).isEqualTo(BODY_IN_MAILDIR);
            }
        }
    }

    @Test
    void everyRecipientRefusedFailsWithTheirResults() throws Exception {
        try (OpenSmtpd smtpd = OpenSmtpd.start(this.dir, false)) {
            SMTPSender sender = sender(smtpd, SMTPClientOptions.defaults());
            assertThatExceptionOfType(SMTPDeliveryError.class).isThrownBy(() -> this.running.call(() -> sender
                    .sendmail("me@client.example", List.of("x@example.test", "y@elsewhere.example"), "x".getBytes())))
                    .satisfies(e -> assertThat(e.recipients()).extracting(RecipientResult::code).containsExactly(524,
                            550))
                    .satisfies(e -> assertThat(e.isPermanent()).isTrue());
        }
    }

    @Test
    void tlsRequiredAgainstAListenerWithoutStartTlsFails() throws Exception {
        try (OpenSmtpd smtpd = OpenSmtpd.start(this.dir, false)) {
            SMTPSender sender = sender(smtpd, SMTPClientOptions.defaults().withTls(SMTPClientOptions.TlsMode.REQUIRE));
            assertThatExceptionOfType(TLSRequiredError.class).isThrownBy(() -> this.running.call(() -> sender
                    .sendmail("me@client.example", List.of("alice@example.test"), "x".getBytes())));
            assertThat(smtpd.messages("alice")).isEmpty();
        }
    }

    @Test
    void aFailedStartTlsHandshakeFailsTheSendAndNothingIsSentInPlainText() throws Exception {
        try (OpenSmtpd smtpd = OpenSmtpd.start(this.dir, true)) {
            // the certificate is trusted and for the right name; OpenSMTPD 6.8 with OpenSSL 3 still
            // fails the handshake on its side. IF_OFFERED must not carry on without TLS.
            SMTPSender sender = sender(smtpd, SMTPClientOptions.defaults()
                    .withSslContext(trusting(smtpd.caCertificate())).withTlsHostname("localhost"));
            assertThatExceptionOfType(SMTPClientError.class).isThrownBy(() -> this.running.call(() -> sender
                    .sendmail("me@client.example", List.of("alice@example.test"), "x".getBytes())))
                    .withMessageContaining("after STARTTLS");
            assertThat(smtpd.log()).contains("smtp connected").doesNotContain("smtp message");
            assertThat(smtpd.messages("alice")).isEmpty();
        }
    }
}
