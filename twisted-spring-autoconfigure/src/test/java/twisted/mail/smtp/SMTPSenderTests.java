package twisted.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.internet.netty.TestCertificates;
import twisted.mail.MemoryMailStore;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

/**
 * {@link SMTPSender} over real TCP on 127.0.0.1 to our own {@link ESMTP} server (STARTTLS with a
 * test certificate, AUTH through a {@link Portal}, a memory store): what arrives is what was sent,
 * byte for byte after the server's Received header.
 */
class SMTPSenderTests {

    /** Dots, bare CR, bare LF, CR LF . CR LF lookalikes, no final line end. */
    static final String AWKWARD = "From: me@client.example\r\nSubject: dots\r\n\r\n.leading dot\n..two dots\r\n"
            + "smuggle\n.\r\nmore\r.\nbare\rcr\r\n.\r\nlast line without end";

    /** What a server must store for {@link #AWKWARD}: CR LF line ends, dots as written. */
    static final String AWKWARD_STORED = "From: me@client.example\r\nSubject: dots\r\n\r\n.leading dot\r\n"
            + "..two dots\r\nsmuggle\r\n.\r\nmore\r\n.\r\nbare\r\ncr\r\n.\r\nlast line without end\r\n";

    @TempDir
    Path dir;

    private RunningReactor running;

    private MemoryMailStore store;

    private TestCertificates certificates;

    private int port;

    @BeforeEach
    void start() throws Exception {
        this.running = RunningReactor.start();
        this.store = new MemoryMailStore("alice", "bob");
        this.certificates = TestCertificates.generate(this.dir);
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret pass"));
        SMTPFactory factory = new SMTPFactory(SMTPSettings.defaults().withHostname("mx.example.com"),
                this.running.reactor(),
                new LocalDelivery(this.store, Set.of("example.com"), "mx.example.com", this.running.reactor()),
                portal, null, TlsOptions.server(this.certificates.serverContext()));
        this.port = this.running.listenTCP(factory);
    }

    @AfterEach
    void stop() {
        this.running.close();
    }

    private SMTPSender sender(SMTPClientOptions options) {
        return new SMTPSender(this.running.reactor(), "tcp:host=127.0.0.1:port=" + this.port, options);
    }

    private SMTPClientOptions trusted() throws Exception {
        return SMTPClientOptions.defaults().withHeloName("client.example").withTls(SMTPClientOptions.TlsMode.REQUIRE)
                .withSslContext(this.certificates.clientContext()).withTlsHostname("localhost")
                .withCredentials("alice", "s3cret pass".toCharArray());
    }

    private String body(int index) throws Exception {
        return this.running.call(() -> this.store.body(index));
    }

    private int storedCount() throws Exception {
        Integer n = this.running.call(() -> this.store.stored().size());
        return n;
    }

    @Test
    void sendsOverVerifiedStartTlsWithAuthAndTheMessageArrivesByteExact() throws Exception {
        SMTPSender sender = sender(trusted());
        SentMessage sent = this.running.call(() -> sender.sendmail("me@client.example",
                List.of("alice@example.com", "nobody@example.com", "bob@example.com"),
                AWKWARD.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(sent.acceptedCount()).isEqualTo(2);
        assertThat(sent.refused()).singleElement().satisfies(r -> {
            assertThat(r.address().toString()).isEqualTo("nobody@example.com");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.enhancedCode()).isEqualTo("5.1.1");
        });
        assertThat(sent.dataReply().code()).isEqualTo(250);
        assertThat(storedCount()).isEqualTo(2);
        assertThat(body(0)).isEqualTo(AWKWARD_STORED);
        assertThat(body(1)).isEqualTo(AWKWARD_STORED);
    }

    @Test
    void aMessageFromAFileIsStreamedByteExact() throws Exception {
        StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
        for (int i = 0; big.length() < 300_000; i++) {
            big.append((i % 7 == 0) ? "." : "").append("line ").append(i).append((i % 5 == 0) ? "\n" : "\r\n");
        }
        Path file = this.dir.resolve("message.eml");
        Files.writeString(file, big, StandardCharsets.ISO_8859_1);
        SMTPSender sender = sender(trusted());
        SentMessage sent = this.running.call(() -> sender.sendmail("me@client.example", List.of("bob@example.com"),
                file));
        assertThat(sent.acceptedCount()).isEqualTo(1);
        assertThat(body(0)).isEqualTo(big.toString().replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    @Test
    void aCertificateNotTrustedFailsTheSendAndNothingGoesInPlainText() throws Exception {
        // the JVM's trust store does not know the test certificate
        SMTPSender sender = sender(trusted().withSslContext(null).withTls(SMTPClientOptions.TlsMode.IF_OFFERED));
        assertThatExceptionOfType(SMTPClientError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.com"), "Subject: x\r\n\r\nx\r\n".getBytes())))
                .withMessageContaining("connection lost after STARTTLS");
        assertThat(storedCount()).isZero();
    }

    @Test
    void aCertificateForAnotherNameFailsTheSend() throws Exception {
        SMTPSender sender = sender(trusted().withTlsHostname("mail.example.net"));
        assertThatExceptionOfType(SMTPClientError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.com"), "Subject: x\r\n\r\nx\r\n".getBytes())));
        assertThat(storedCount()).isZero();
    }

    @Test
    void aWrongPasswordFailsWithAUTHDeclinedError() throws Exception {
        SMTPSender sender = sender(trusted().withCredentials("alice", "wrong".toCharArray()));
        assertThatExceptionOfType(AUTHDeclinedError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.com"), "Subject: x\r\n\r\nx\r\n".getBytes())))
                .satisfies(e -> assertThat(e.getCode()).isEqualTo(535))
                .withMessageNotContaining("wrong");
        assertThat(storedCount()).isZero();
    }

    @Test
    void sendmailFutureMayBeUsedFromAnyThread() throws Exception {
        SMTPSender sender = sender(trusted());
        SentMessage sent = sender.sendmailFuture("me@client.example", List.of("alice@example.com"),
                "Subject: x\r\n\r\nx\r\n".getBytes()).get(10, TimeUnit.SECONDS);
        assertThat(sent.acceptedCount()).isEqualTo(1);
        assertThat(body(0)).isEqualTo("Subject: x\r\n\r\nx\r\n");
    }

    @Test
    void allRecipientsRefusedFailsWithTheirResults() throws Exception {
        SMTPSender sender = sender(trusted());
        assertThatExceptionOfType(SMTPDeliveryError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("x@example.com", "y@elsewhere.example"), "x".getBytes())))
                .satisfies(e -> assertThat(e.recipients()).extracting(RecipientResult::code).containsExactly(550, 550))
                .satisfies(e -> assertThat(e.isPermanent()).isTrue());
    }

    @Test
    void aServerThatIsNotThereFailsWithSMTPConnectError() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        SMTPSender sender = new SMTPSender(this.running.reactor(), "tcp:127.0.0.1:" + closed,
                SMTPClientOptions.defaults());
        assertThatExceptionOfType(SMTPConnectError.class).isThrownBy(() -> this.running.call(() -> sender.sendmail(
                "me@client.example", List.of("alice@example.com"), "x".getBytes())));
        ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> sender.sendmailFuture("me@client.example", List.of("alice@example.com"), "x".getBytes())
                        .get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(SMTPConnectError.class);
    }

    @Test
    void theHostOfAnEndpointIsTheNameTheCertificateIsCheckedAgainst() {
        assertThat(SMTPSender.hostOf("tcp:host=smtp.example.com:port=587")).isEqualTo("smtp.example.com");
        assertThat(SMTPSender.hostOf("tcp:smtp.example.com:25:timeout=5")).isEqualTo("smtp.example.com");
        assertThat(SMTPSender.hostOf("tls:mail.example.org:465")).isEqualTo("mail.example.org");
        assertThat(SMTPSender.hostOf("tcp:port=25:host=a.example")).isEqualTo("a.example");
        assertThat(SMTPSender.hostOf("unix:/run/smtp.sock")).isNull();
    }

    @Test
    void badAddressesAreRefusedBeforeAnythingIsSent() {
        SMTPSender sender = new SMTPSender(this.running.reactor(), "tcp:127.0.0.1:25", SMTPClientOptions.defaults());
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> sender.sendmail("me@client.example", List.of("a@b\r\nRSET"), new byte[0]));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> sender.sendmail("me@client.example", List.of(), new byte[0]));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> sender.sendmail("bad address@x", List.of("a@b.example"), new byte[0]));
    }
}
