package twisted.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.IPv4Address;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;

/**
 * {@link ESMTPClient} driven through a {@link StringTransportWithDisconnection} and a {@link Clock}:
 * each step, each reply code, the bytes it writes.
 */
class ESMTPClientTests {

    static final String GREETING = "220 mx.example.com ESMTP\r\n";

    static final String EHLO_PLAIN = "250-mx.example.com Hello\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES\r\n";

    static final String EHLO_PIPELINING = "250-mx.example.com Hello\r\n250-SIZE 1000\r\n250-8BITMIME\r\n"
            + "250 PIPELINING\r\n";

    static final String EHLO_TLS = "250-mx.example.com\r\n250-STARTTLS\r\n250 SIZE 1000\r\n";

    static final String EHLO_AUTH = "250-mx.example.com\r\n250-AUTH LOGIN PLAIN\r\n250 SIZE 1000\r\n";

    static final String OK = "250 2.0.0 OK\r\n";

    static final byte[] MESSAGE = "Subject: hi\r\n\r\nHello.\r\n".getBytes(StandardCharsets.US_ASCII);

    final Clock clock = new Clock();

    /** One client on a transport. */
    final class Session {

        final ESMTPClient client;

        final StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "10.0.0.2", 40000), new IPv4Address("TCP", "192.0.2.1", 25));

        Session(SMTPClientOptions options, byte[] message, String... recipients) {
            this.client = new ESMTPClient(options, ESMTPClientTests.this.clock, "mx.example.com", "me@example.org",
                    List.of(recipients), message);
            this.transport.setProtocol(this.client);
            this.client.makeConnection(this.transport);
        }

        Session server(String replies) {
            this.client.dataReceived(replies.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** What the client wrote since the last call. */
        String written() {
            String s = this.transport.valueAsString();
            this.transport.clear();
            return s;
        }
    }

    Session session(SMTPClientOptions options, String... recipients) {
        return new Session(options, MESSAGE, recipients);
    }

    static SMTPClientOptions plain() {
        return SMTPClientOptions.defaults().withHeloName("client.example.org");
    }

    // ------------------------------------------------------------------ the whole transaction

    @Test
    void sendsOneMessageStepByStep() {
        Session s = session(plain(), "alice@example.com", "bob@example.com");
        assertThat(s.written()).isEmpty();
        s.server(GREETING);
        assertThat(s.written()).isEqualTo("EHLO client.example.org\r\n");
        s.server(EHLO_PLAIN);
        assertThat(s.written()).isEqualTo("MAIL FROM:<me@example.org> SIZE=23\r\n");
        s.server("250 2.1.0 Sender OK\r\n");
        assertThat(s.written()).isEqualTo("RCPT TO:<alice@example.com>\r\n");
        s.server("250 2.1.5 OK\r\n");
        assertThat(s.written()).isEqualTo("RCPT TO:<bob@example.com>\r\n");
        s.server("251 2.1.5 User not local; will forward\r\n");
        assertThat(s.written()).isEqualTo("DATA\r\n");
        s.server("354 Go ahead\r\n");
        assertThat(s.written()).isEqualTo("Subject: hi\r\n\r\nHello.\r\n.\r\n");
        assertNoResult(s.client.deferred());
        s.server("250 2.0.0 OK: queued as ABC\r\n");
        assertThat(s.written()).isEqualTo("QUIT\r\n");
        SentMessage sent = successResultOf(s.client.deferred());
        assertThat(sent.acceptedCount()).isEqualTo(2);
        assertThat(sent.refused()).isEmpty();
        assertThat(sent.dataReply().code()).isEqualTo(250);
        assertThat(sent.dataReply().enhancedCode()).isEqualTo("2.0.0");
        assertThat(sent.dataReply().text()).isEqualTo("OK: queued as ABC");
        assertThat(sent.recipients()).extracting(RecipientResult::code).containsExactly(250, 251);
        assertThat(s.transport.isDisconnecting()).isFalse();
        s.server("221 2.0.0 Bye\r\n");
        assertThat(s.transport.isDisconnecting()).isTrue();
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() {
        Session s = session(plain(), "alice@example.com");
        s.server(GREETING).written();
        s.server("502 5.5.1 EHLO not implemented\r\n");
        assertThat(s.written()).isEqualTo("HELO client.example.org\r\n");
        s.server("250 mx.example.com\r\n");
        // no ESMTP: no SIZE= parameter
        assertThat(s.written()).isEqualTo("MAIL FROM:<me@example.org>\r\n");
    }

    @Test
    void aRefusedHeloFailsTheSend() {
        Session s = session(plain(), "alice@example.com");
        s.server(GREETING).server("500 no\r\n").written();
        s.server("501 5.5.4 no either\r\n");
        Failure f = failureResultOf(s.client.deferred(), SMTPClientError.class);
        assertThat(((SMTPClientError) f.value()).getCode()).isEqualTo(501);
        assertThat(s.written()).isEqualTo("QUIT\r\n");
    }

    @Test
    void aGreetingOtherThan220FailsWithSMTPConnectError() {
        Session s = session(plain(), "alice@example.com");
        s.server("554 5.3.2 No service for you\r\n");
        SMTPConnectError e = (SMTPConnectError) failureResultOf(s.client.deferred(), SMTPConnectError.class).value();
        assertThat(e.getCode()).isEqualTo(554);
        assertThat(e.isPermanent()).isTrue();
        assertThat(s.written()).isEqualTo("QUIT\r\n");
        s.server("221 Bye\r\n");
        assertThat(s.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aTransientEhloRefusalFailsWithoutFallingBack() {
        Session s = session(plain(), "alice@example.com");
        s.server(GREETING).written();
        s.server("421 4.3.2 shutting down\r\n");
        SMTPClientError e = (SMTPClientError) failureResultOf(s.client.deferred(), SMTPClientError.class).value();
        assertThat(e.isTransient()).isTrue();
        assertThat(e.isPermanent()).isFalse();
    }

    // ------------------------------------------------------------------ recipients

    @Test
    void refusedRecipientsAreReportedAndTheMessageGoesToTheOthers() {
        Session s = session(plain(), "alice@example.com", "nobody@example.com", "later@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n").written();
        s.server("250 2.1.5 OK\r\n550 5.1.1 User unknown\r\n450 4.2.1 Mailbox busy\r\n");
        assertThat(s.written()).isEqualTo("RCPT TO:<nobody@example.com>\r\nRCPT TO:<later@example.com>\r\nDATA\r\n");
        s.server("354 go\r\n250 2.0.0 OK\r\n");
        SentMessage sent = successResultOf(s.client.deferred());
        assertThat(sent.acceptedCount()).isEqualTo(1);
        assertThat(sent.refused()).extracting(r -> r.address().toString())
                .containsExactly("nobody@example.com", "later@example.com");
        RecipientResult unknown = sent.recipients().get(1);
        assertThat(unknown.accepted()).isFalse();
        assertThat(unknown.code()).isEqualTo(550);
        assertThat(unknown.enhancedCode()).isEqualTo("5.1.1");
        assertThat(unknown.text()).isEqualTo("User unknown");
        assertThat(unknown.isTransient()).isFalse();
        assertThat(sent.recipients().get(2).isTransient()).isTrue();
    }

    @Test
    void everyRecipientRefusedFailsWithSMTPDeliveryErrorAndQuits() {
        Session s = session(plain(), "a@example.com", "b@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n550 5.1.1 no a\r\n").written();
        s.server("551 5.1.6 no b\r\n");
        assertThat(s.written()).isEqualTo("QUIT\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.recipients()).extracting(RecipientResult::code).containsExactly(550, 551);
        assertThat(e.getCode()).isEqualTo(550);
        assertThat(e.isPermanent()).isTrue();
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void everyRecipientRefusedWithA4xxIsTransient() {
        Session s = session(plain(), "a@example.com", "b@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n451 4.3.0 try later\r\n452 4.5.3 too many\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.isTransient()).isTrue();
        assertThat(e.isPermanent()).isFalse();
    }

    @Test
    void aRefusedSenderFails() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN).written();
        s.server("451 4.1.8 Sender domain unresolvable\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.getCode()).isEqualTo(451);
        assertThat(e.getEnhancedCode()).isEqualTo("4.1.8");
        assertThat(e.isTransient()).isTrue();
        assertThat(e.recipients()).isEmpty();
        assertThat(s.written()).isEqualTo("QUIT\r\n");
    }

    @Test
    void aRefusedMessageFailsWithTheRecipientsSoFar() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n354 go\r\n").written();
        s.server("554 5.7.1 Spam\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.getCode()).isEqualTo(554);
        assertThat(e.recipients()).hasSize(1);
        assertThat(s.written()).isEqualTo("QUIT\r\n");
    }

    @Test
    void aRefusedDataCommandFails() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n").written();
        s.server("451 4.3.0 not now\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.isTransient()).isTrue();
    }

    // ------------------------------------------------------------------ PIPELINING

    @Test
    void withPipeliningMailRcptsAndDataGoInOneWrite() {
        Session s = session(plain(), "a@example.com", "b@example.com");
        s.server(GREETING).written();
        s.server(EHLO_PIPELINING);
        assertThat(s.written()).isEqualTo(
                "MAIL FROM:<me@example.org> SIZE=23\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n");
        s.server("250 OK\r\n");
        s.server("250 OK\r\n");
        assertThat(s.written()).as("nothing more until every reply is in").isEmpty();
        s.server("550 5.1.1 no b\r\n");
        assertThat(s.written()).isEmpty();
        s.server("354 go\r\n");
        assertThat(s.written()).isEqualTo("Subject: hi\r\n\r\nHello.\r\n.\r\n");
        s.server("250 OK\r\n");
        SentMessage sent = successResultOf(s.client.deferred());
        assertThat(sent.acceptedCount()).isEqualTo(1);
    }

    @Test
    void pipelinedMailAndRcptRepliesAreCountedInOrderEvenWhenAllRefused() {
        Session s = session(plain(), "a@example.com", "b@example.com");
        s.server(GREETING + EHLO_PIPELINING).written();
        s.server("250 OK\r\n550 no a\r\n550 no b\r\n554 5.5.1 No valid recipients\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.recipients()).hasSize(2);
        assertThat(s.written()).isEqualTo("QUIT\r\n");
    }

    @Test
    void pipelinedDataAcceptedWithoutRecipientsIsEndedEmpty() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PIPELINING).written();
        s.server("250 OK\r\n550 no a\r\n354 go ahead anyway\r\n");
        assertThat(s.written()).as("RFC 2920 3.1: end the data at once").isEqualTo(".\r\n");
        assertNoResult(s.client.deferred());
        s.server("554 no valid recipients\r\n");
        failureResultOf(s.client.deferred(), SMTPDeliveryError.class);
        assertThat(s.written()).isEqualTo("QUIT\r\n");
    }

    @Test
    void pipelinedRefusedSenderFailsAfterTheOtherReplies() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PIPELINING).written();
        s.server("550 5.7.1 sender refused\r\n503 5.5.1 need MAIL\r\n");
        assertNoResult(s.client.deferred());
        s.server("503 5.5.1 need RCPT\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.getCode()).isEqualTo(550);
        assertThat(e.recipients()).isEmpty();
    }

    // ------------------------------------------------------------------ SIZE and 8BITMIME

    @Test
    void aMessageOverTheServersSizeLimitIsRefusedBeforeMail() {
        Session s = new Session(plain(), new byte[2000], "a@example.com");
        s.server(GREETING + EHLO_PLAIN);
        assertThat(s.written()).isEqualTo("EHLO client.example.org\r\nQUIT\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.getCode()).isEqualTo(552);
        assertThat(e.getMessage()).contains("2002 bytes").contains("1000 bytes");
    }

    @Test
    void sizeWithoutALimitIsDeclaredButNotChecked() {
        Session s = new Session(plain(), new byte[2000], "a@example.com");
        s.server(GREETING + "250-mx\r\n250 SIZE\r\n");
        assertThat(s.written()).endsWith("MAIL FROM:<me@example.org> SIZE=2002\r\n");
    }

    @Test
    void eightBitMessagesAreDeclaredWhenTheServerOffers8BitMime() {
        byte[] message = "Subject: caf\u00e9\n\nna\u00efve\n".getBytes(StandardCharsets.UTF_8);
        Session s = new Session(plain(), message, "a@example.com");
        s.server(GREETING + EHLO_PLAIN);
        assertThat(s.written()).endsWith("MAIL FROM:<me@example.org> SIZE=" + (message.length + 3)
                + " BODY=8BITMIME\r\n");
    }

    @Test
    void eightBitMessagesAreNotSentToAServerWithout8BitMime() {
        Session s = new Session(plain(), "x\u00e9\r\n".getBytes(StandardCharsets.UTF_8), "a@example.com");
        s.server(GREETING + "250-mx\r\n250 SIZE 1000\r\n");
        SMTPDeliveryError e = (SMTPDeliveryError) failureResultOf(s.client.deferred(), SMTPDeliveryError.class)
                .value();
        assertThat(e.getEnhancedCode()).isEqualTo("5.6.3");
        assertThat(s.written()).doesNotContain("MAIL");
    }

    // ------------------------------------------------------------------ STARTTLS

    @Test
    void startTlsWhenOfferedVerifiedAgainstTheHostNameThenEhloAgain() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        Session s = session(plain().withSslContext(context), "a@example.com");
        s.server(GREETING + EHLO_TLS).written();
        assertThat(s.transport.isSecure()).isFalse();
        s.server("220 2.0.0 Ready to start TLS\r\n");
        assertThat(s.transport.isSecure()).isTrue();
        assertThat(s.transport.getTlsOptions().client()).isTrue();
        assertThat(s.transport.getTlsOptions().verifyHostname()).isTrue();
        assertThat(s.transport.getTlsOptions().hostname()).isEqualTo("mx.example.com");
        assertThat(s.transport.getTlsOptions().context()).isSameAs(context);
        assertThat(s.written()).isEqualTo("EHLO client.example.org\r\n");
        s.server(EHLO_TLS.replace("STARTTLS", "8BITMIME"));
        assertThat(s.written()).startsWith("MAIL FROM:");
    }

    @Test
    void startTlsUsesTheJvmDefaultTrustAndTheConfiguredHostName() throws Exception {
        Session s = session(plain().withTlsHostname("smtp.example.net"), "a@example.com");
        s.server(GREETING + EHLO_TLS + "220 go\r\n");
        assertThat(s.transport.getTlsOptions().context()).isSameAs(SSLContext.getDefault());
        assertThat(s.transport.getTlsOptions().hostname()).isEqualTo("smtp.example.net");
    }

    @Test
    void tlsRequiredButNotOfferedFails() {
        Session s = session(plain().withTls(SMTPClientOptions.TlsMode.REQUIRE), "a@example.com");
        s.server(GREETING + EHLO_PLAIN);
        failureResultOf(s.client.deferred(), TLSRequiredError.class);
        assertThat(s.written()).isEqualTo("EHLO client.example.org\r\nQUIT\r\n");
    }

    @Test
    void tlsRequiredAndRefusedFails() {
        Session s = session(plain().withTls(SMTPClientOptions.TlsMode.REQUIRE), "a@example.com");
        s.server(GREETING + EHLO_TLS + "454 4.7.0 TLS not available\r\n");
        TLSRequiredError e = (TLSRequiredError) failureResultOf(s.client.deferred(), TLSRequiredError.class).value();
        assertThat(e.getCode()).isEqualTo(454);
        assertThat(s.transport.isSecure()).isFalse();
        assertThat(s.written()).doesNotContain("MAIL");
    }

    @Test
    void neverModeIgnoresStartTls() {
        Session s = session(plain().withTls(SMTPClientOptions.TlsMode.NEVER), "a@example.com");
        s.server(GREETING + EHLO_TLS);
        assertThat(s.written()).isEqualTo("EHLO client.example.org\r\nMAIL FROM:<me@example.org> SIZE=23\r\n");
    }

    @Test
    void bytesAfterThe220ToStartTlsAreAResponseInjection() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_TLS).written();
        s.server("220 go\r\n250-injected\r\n");
        failureResultOf(s.client.deferred(), SMTPProtocolError.class);
        assertThat(s.transport.isSecure()).isFalse();
        assertThat(s.written()).isEmpty();
        assertThat(s.transport.isDisconnecting()).isTrue();
    }

    // ------------------------------------------------------------------ AUTH

    static SMTPClientOptions withLogin() {
        return plain().withCredentials("alice", "s3cr\u00e9t".toCharArray());
    }

    @Test
    void credentialsAreNeverSentInPlainText() {
        Session s = session(withLogin(), "a@example.com");
        s.server(GREETING + EHLO_AUTH);
        TLSRequiredError e = (TLSRequiredError) failureResultOf(s.client.deferred(), TLSRequiredError.class).value();
        assertThat(e.getMessage()).doesNotContain("s3cr");
        assertThat(s.written()).isEqualTo("EHLO client.example.org\r\nQUIT\r\n");
    }

    @Test
    void authPlainAfterTls() {
        Session s = session(withLogin(), "a@example.com");
        s.server(GREETING + EHLO_TLS + "220 go\r\n").written();
        s.server(EHLO_AUTH);
        String token = Base64.getEncoder().encodeToString("\0alice\0s3cr\u00e9t".getBytes(StandardCharsets.UTF_8));
        assertThat(s.written()).isEqualTo("AUTH PLAIN " + token + "\r\n");
        s.server("235 2.7.0 Authentication successful\r\n");
        assertThat(s.written()).startsWith("MAIL FROM:");
    }

    @Test
    void authLoginWhenPlainIsNotOffered() {
        Session s = session(withLogin().withAllowPlaintextAuth(true), "a@example.com");
        s.server(GREETING + "250-mx\r\n250 AUTH=LOGIN\r\n").written();
        // plain-text AUTH allowed explicitly
        assertThat(s.transport.isSecure()).isFalse();
        s.server("334 VXNlcm5hbWU6\r\n");
        assertThat(s.written()).isEqualTo(Base64.getEncoder().encodeToString("alice".getBytes()) + "\r\n");
        s.server("334 UGFzc3dvcmQ6\r\n");
        assertThat(s.written()).isEqualTo(
                Base64.getEncoder().encodeToString("s3cr\u00e9t".getBytes(StandardCharsets.UTF_8)) + "\r\n");
        s.server("235 OK\r\n");
        assertThat(s.written()).startsWith("MAIL FROM:");
    }

    @Test
    void aRefusedLoginFailsWithAUTHDeclinedError() {
        Session s = session(withLogin().withAllowPlaintextAuth(true), "a@example.com");
        s.server(GREETING + EHLO_AUTH).written();
        s.server("535 5.7.8 Authentication credentials invalid\r\n");
        AUTHDeclinedError e = (AUTHDeclinedError) failureResultOf(s.client.deferred(), AUTHDeclinedError.class)
                .value();
        assertThat(e.getCode()).isEqualTo(535);
        assertThat(e.getMessage()).doesNotContain("s3cr").doesNotContain("alice");
        assertThat(s.written()).isEqualTo("QUIT\r\n");
    }

    @Test
    void authRequiredButNotOfferedFails() {
        Session s = session(withLogin().withAllowPlaintextAuth(true).withRequireAuthentication(true), "a@example.com");
        s.server(GREETING + "250-mx\r\n250 AUTH CRAM-MD5\r\n");
        failureResultOf(s.client.deferred(), AUTHRequiredError.class);
        assertThat(s.written()).doesNotContain("AUTH").doesNotContain("MAIL");
    }

    @Test
    void authNotOfferedAndNotRequiredSendsWithoutLogin() {
        Session s = session(withLogin().withAllowPlaintextAuth(true), "a@example.com");
        s.server(GREETING + EHLO_PLAIN);
        assertThat(s.written()).endsWith("MAIL FROM:<me@example.org> SIZE=23\r\n");
    }

    @Test
    void optionsNeverShowThePassword() {
        assertThat(withLogin().toString()).doesNotContain("s3cr").contains("[hidden]");
    }

    // ------------------------------------------------------------------ DATA

    static String encoded(String message) {
        Session s = new ESMTPClientTests().new Session(plain().withTls(SMTPClientOptions.TlsMode.NEVER),
                message.getBytes(StandardCharsets.ISO_8859_1), "a@example.com");
        s.server(GREETING + "250-mx\r\n250 8BITMIME\r\n250 OK\r\n250 OK\r\n").written();
        s.server("354 go\r\n");
        return s.written();
    }

    @Test
    void dotStuffingAndLineEndsNeverGiveAnEarlyEnd() {
        assertThat(encoded("a\n.\r\nb")).isEqualTo("a\r\n..\r\nb\r\n.\r\n");
        assertThat(encoded("a\r.\nb\r\n")).isEqualTo("a\r\n..\r\nb\r\n.\r\n");
        assertThat(encoded("bare\rcr\nand lf\r\n")).isEqualTo("bare\r\ncr\r\nand lf\r\n.\r\n");
        assertThat(encoded(".leading\r\n..two\r\n")).isEqualTo("..leading\r\n...two\r\n.\r\n");
        assertThat(encoded("no final newline")).isEqualTo("no final newline\r\n.\r\n");
        assertThat(encoded("ends with cr\r")).isEqualTo("ends with cr\r\n.\r\n");
        assertThat(encoded("")).isEqualTo(".\r\n");
        assertThat(encoded(".")).isEqualTo("..\r\n.\r\n");
        assertThat(encoded("\r\n.\r\n")).isEqualTo("\r\n..\r\n.\r\n");
        assertThat(encoded("a\n\n.\n")).isEqualTo("a\r\n\r\n..\r\n.\r\n");
    }

    @Test
    void theEncodedMessageHasNoBareCrOrLfAndNoEarlyEndWhateverTheInput() {
        java.util.Random random = new java.util.Random(13);
        byte[] alphabet = { '\r', '\n', '.', 'x' };
        for (int i = 0; i < 2000; i++) {
            byte[] m = new byte[random.nextInt(12)];
            for (int j = 0; j < m.length; j++) {
                m[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String out = encoded(new String(m, StandardCharsets.ISO_8859_1));
            String body = out.substring(0, out.length() - 3);
            assertThat(out).endsWith(".\r\n");
            assertThat(body.isEmpty() || body.endsWith("\r\n")).isTrue();
            assertThat(body.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
            assertThat("\r\n" + body).doesNotContain("\r\n.\r\n");
            // undoing the stuffing gives the input with its line ends normalised
            String unstuffed = ("\r\n" + body).replace("\r\n.", "\r\n").substring(2);
            String normalised = new String(m, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\r", "\n")
                    .replace("\n", "\r\n");
            if (!normalised.isEmpty() && !normalised.endsWith("\r\n")) {
                normalised += "\r\n";
            }
            assertThat(unstuffed).as(java.util.Arrays.toString(m)).isEqualTo(normalised);
        }
    }

    @Test
    void theMessageIsWrittenOnlyWhileTheTransportIsWritable() {
        byte[] big = new byte[100_000];
        java.util.Arrays.fill(big, (byte) 'a');
        for (int i = 99; i < big.length; i += 100) {
            big[i] = '\n';
        }
        Session s = new Session(plain(), big, "a@example.com");
        s.server(GREETING + "250-mx\r\n250 SIZE 1000000\r\n250 OK\r\n250 OK\r\n").written();
        s.transport.setWritable(false);
        s.server("354 go\r\n");
        assertThat(s.written()).as("nothing is written while the transport is not writable").isEmpty();
        s.transport.setWritable(true);
        String rest = s.written();
        assertThat(rest).hasSize(100_000 + 1000 + 3).endsWith("\r\n.\r\n");
    }

    // ------------------------------------------------------------------ limits, timeouts, loss

    @Test
    void noReplyWithinTheTimeoutFailsAndCloses() {
        Session s = session(plain().withTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofSeconds(5)), "a@example.com");
        s.server(GREETING).written();
        this.clock.advance(Duration.ofSeconds(29));
        assertNoResult(s.client.deferred());
        s.server("250-mx\r\n250 SIZE 1000\r\n");
        this.clock.advance(Duration.ofSeconds(29));
        assertNoResult(s.client.deferred());
        this.clock.advance(Duration.ofSeconds(1));
        SMTPTimeoutError e = (SMTPTimeoutError) failureResultOf(s.client.deferred(), SMTPTimeoutError.class).value();
        assertThat(e.getMessage()).contains("after MAIL").contains("PT30S");
        assertThat(s.transport.isDisconnecting()).isTrue();
    }

    @Test
    void theReplyAfterTheMessageGetsTheDataTimeout() {
        Session s = session(plain().withTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofSeconds(5)), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n354 go\r\n");
        this.clock.advance(Duration.ofMinutes(9));
        assertNoResult(s.client.deferred());
        this.clock.advance(Duration.ofMinutes(1));
        failureResultOf(s.client.deferred(), SMTPTimeoutError.class);
    }

    @Test
    void noTimerIsLeftOnceTheSessionIsOver() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n354 go\r\n250 OK\r\n221 Bye\r\n");
        successResultOf(s.client.deferred());
        assertThat(this.clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void aServerThatStopsReadingTheMessageTimesOut() {
        Session s = new Session(plain(), new byte[100_000], "a@example.com");
        s.server(GREETING + "250-mx\r\n250 SIZE\r\n250 OK\r\n250 OK\r\n").written();
        s.transport.setWritable(false);
        s.server("354 go\r\n");
        this.clock.advance(Duration.ofMinutes(5));
        failureResultOf(s.client.deferred(), SMTPTimeoutError.class);
    }

    @Test
    void aReplyLineOverTheLimitIsAProtocolError() {
        Session s = session(plain(), "a@example.com");
        s.server("220-" + "x".repeat(ReplyParser.MAX_LINE_LENGTH) + "\r\n");
        failureResultOf(s.client.deferred(), SMTPProtocolError.class);
        assertThat(s.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aLineOfTheLongestLengthIsFine() {
        Session s = session(plain(), "a@example.com");
        s.server("220 " + "x".repeat(ReplyParser.MAX_LINE_LENGTH - 4) + "\r\n");
        assertThat(s.written()).startsWith("EHLO");
    }

    @Test
    void tooManyReplyLinesIsAProtocolError() {
        Session s = session(plain(), "a@example.com");
        s.server("220-x\r\n".repeat(ReplyParser.MAX_LINES) + "220 x\r\n");
        failureResultOf(s.client.deferred(), SMTPProtocolError.class);
    }

    @Test
    void malformedRepliesAreProtocolErrors() {
        for (String bad : List.of("hello\r\n", "22\r\n", "2200 x\r\n", "220x\r\n", "199 x\r\n", "600 x\r\n",
                "220-x\r\n250 y\r\n", "abc def\r\n")) {
            Session s = session(plain(), "a@example.com");
            s.server(bad);
            assertThat(failureResultOf(s.client.deferred(), SMTPProtocolError.class).value().getMessage())
                    .as(bad).startsWith("malformed reply");
            assertThat(s.transport.isDisconnecting()).isTrue();
        }
    }

    @Test
    void aReplyWhenNoneIsDueIsAProtocolError() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n").written();
        s.transport.setWritable(false);
        s.server("354 go\r\n554 while you are still sending\r\n");
        assertThat(failureResultOf(s.client.deferred(), SMTPProtocolError.class).value().getMessage())
                .contains("unexpected reply");
        assertThat(s.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aConnectionLostMidTransactionFailsTheDeferred() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n");
        s.transport.loseConnection();
        SMTPClientError e = (SMTPClientError) failureResultOf(s.client.deferred(), SMTPClientError.class).value();
        assertThat(e.getMessage()).contains("connection lost after RCPT");
        assertThat(e.getCode()).isEqualTo(SMTPClientError.NO_CODE);
    }

    @Test
    void aConnectionLostAfterTheServerAcceptedTheMessageKeepsTheSuccess() {
        Session s = session(plain(), "a@example.com");
        s.server(GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n354 go\r\n250 OK\r\n");
        s.transport.loseConnection();
        successResultOf(s.client.deferred());
    }

    // ------------------------------------------------------------------ fragmentation

    /** Whole server scripts for the main paths, with their options and recipients. */
    static List<Object[]> scripts() {
        // "|" cuts the script where the server waits for the client (after its 220 to STARTTLS)
        String tlsAuth = GREETING + EHLO_TLS + "220 go\r\n|" + EHLO_AUTH + "235 ok\r\n";
        return List.of(
                new Object[] { plain(), GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n550 5.1.1 no\r\n354 go\r\n"
                        + "250 2.0.0 queued\r\n221 Bye\r\n" },
                new Object[] { plain(), GREETING + EHLO_PIPELINING + "250 OK\r\n250 OK\r\n450 busy\r\n354 go\r\n"
                        + "250 queued\r\n221 Bye\r\n" },
                new Object[] { withLogin(), tlsAuth + "|250 OK\r\n250 OK\r\n250 OK\r\n354 go\r\n250 ok\r\n221 Bye\r\n" },
                new Object[] { withLogin().withAllowPlaintextAuth(true), GREETING + "250-mx\r\n250 AUTH LOGIN\r\n"
                        + "334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 ok\r\n250 OK\r\n250 OK\r\n250 OK\r\n"
                        + "354 go\r\n250 ok\r\n" },
                new Object[] { plain(), GREETING + "500 no\r\n250 mx\r\n250 OK\r\n550 no\r\n551 no\r\n452 4.5.3 no\r\n221 Bye\r\n" },
                new Object[] { plain(), GREETING + EHLO_PLAIN + "250 OK\r\n250 OK\r\n250 OK\r\n354 go\r\n"
                        + "554 5.7.1 spam\r\n221 Bye\r\n" });
    }

    @Test
    void everyReplySequenceFedOneByteAtATimeGivesTheSameResult() {
        for (Object[] script : scripts()) {
            String whole = outcome((SMTPClientOptions) script[0], (String) script[1], false);
            String bytewise = outcome((SMTPClientOptions) script[0], (String) script[1], true);
            assertThat(bytewise).isEqualTo(whole);
            assertThat(whole).doesNotContain("pending");
        }
    }

    private String outcome(SMTPClientOptions options, String replies, boolean bytewise) {
        Session s = new ESMTPClientTests().new Session(options, "Subject: x\n\n.dot\r.\n".getBytes(), "a@example.com",
                "b@example.com", "c@example.com");
        List<String> events = new ArrayList<>();
        for (String segment : replies.split("\\|")) {
            byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
            if (bytewise) {
                for (byte b : bytes) {
                    s.client.dataReceived(new byte[] { b });
                }
            }
            else {
                s.client.dataReceived(bytes);
            }
        }
        events.add(s.written());
        events.add(String.valueOf(s.transport.isSecure()));
        events.add(String.valueOf(s.transport.isDisconnecting()));
        s.client.deferred().addCallbacks(sent -> {
            events.add("sent " + sent);
            return null;
        }, failure -> {
            events.add("failed " + failure.value());
            return null;
        });
        if (events.size() == 3) {
            events.add("pending");
        }
        return String.join("\n", events);
    }
}
