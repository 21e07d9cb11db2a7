package twisted.mail.smtp;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import twisted.mail.smtp.SmtpFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and reply code of {@link ESMTP}, and its limits, one connection at a time. */
class ESMTPCommandTests {

    private final SmtpFixture fixture = new SmtpFixture();

    private Client ehlo() {
        Client client = this.fixture.connect().send("EHLO client.example.org");
        client.take();
        return client;
    }

    @Test
    void ehloListsTheExtensionsWithoutStartTlsOrAuthWhenNotConfigured() {
        assertThat(this.fixture.connect().send("EHLO client.example.org").take()).containsExactly(
                "250-mx.example.com Hello client.example.org",
                "250-SIZE 10485760",
                "250-8BITMIME",
                "250-PIPELINING",
                "250 ENHANCEDSTATUSCODES");
    }

    @Test
    void heloRepliesWithTheHostNameAndLaterRepliesHaveNoEnhancedCodes() {
        Client client = this.fixture.connect().send("HELO client.example.org", "NOOP", "XYZZY");
        assertThat(client.take()).containsExactly("250 mx.example.com", "250 OK", "500 Command unrecognized");
    }

    @Test
    void aHeloNameWithControlCharactersCannotForgeAReplyLine() {
        assertThat(this.fixture.connect().raw("EHLO c\n250 forged\r\nHELO a\u0000b\r\nHELO a b\r\n").take())
                .containsExactly("501 Syntax: EHLO hostname", "501 Syntax: HELO hostname",
                        "501 Syntax: HELO hostname");
    }

    @Test
    void heloAndEhloNeedAName() {
        assertThat(this.fixture.connect().send("HELO", "EHLO  ").take())
                .containsExactly("501 Syntax: HELO hostname", "501 Syntax: EHLO hostname");
    }

    @Test
    void simpleCommandsAfterEhlo() {
        Client client = ehlo().send("NOOP", "noop whatever", "VRFY alice", "VRFY", "EXPN list", "HELP", "RSET",
                "RSET now", "BOGUS", "QUIT");
        assertThat(client.take()).containsExactly(
                "250 2.0.0 OK",
                "250 2.0.0 OK",
                "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery",
                "501 5.5.4 Syntax: VRFY <address>",
                "502 5.5.1 EXPN not supported",
                "214 2.0.0 Commands: HELO EHLO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT",
                "250 2.0.0 OK",
                "501 5.5.4 Syntax: RSET",
                "500 5.5.2 Command unrecognized",
                "221 2.0.0 Bye");
        assertThat(client.closed()).isTrue();
    }

    @Test
    void commandsAreCaseInsensitive() {
        assertThat(ehlo().send("mail from:<a@b.example>", "rCpT To:<alice@EXAMPLE.com>").take())
                .containsExactly("250 2.1.0 Sender <a@b.example> OK", "250 2.1.5 Recipient <alice@EXAMPLE.com> OK");
    }

    @Test
    void badSequences() {
        assertThat(this.fixture.connect().send("MAIL FROM:<a@b.example>", "RCPT TO:<alice@example.com>", "DATA")
                .take()).containsExactly("503 Send HELO/EHLO first", "503 Need MAIL command", "503 Need MAIL command");
        Client client = ehlo().send("RCPT TO:<alice@example.com>", "DATA", "MAIL FROM:<a@b.example>",
                "MAIL FROM:<a@b.example>", "DATA");
        assertThat(client.take()).containsExactly(
                "503 5.5.1 Need MAIL command",
                "503 5.5.1 Need MAIL command",
                "250 2.1.0 Sender <a@b.example> OK",
                "503 5.5.1 Nested MAIL command",
                "554 5.5.1 No valid recipients");
    }

    @Test
    void mailSyntaxAndParameters() {
        Client client = ehlo().send("MAIL", "MAIL TO:<a@b.example>", "MAIL FROM:a@b.example", "MAIL FROM:<a b@c>",
                "MAIL FROM:<a@b.example>x", "MAIL FROM:<a@b.example> SIZE=abc", "MAIL FROM:<a@b.example> BODY=9BIT",
                "MAIL FROM:<a@b.example> FOO=1", "MAIL FROM:<a@b.example> SIZE=10485761",
                "MAIL FROM:<a@b.example> SIZE=99999999999999999999",
                "MAIL FROM: <a@b.example> SIZE=10485760 BODY=8BITMIME");
        assertThat(client.take()).containsExactly(
                "501 5.5.4 Syntax: MAIL FROM:<address>",
                "501 5.5.4 Syntax: MAIL FROM:<address>",
                "501 5.5.4 Syntax: MAIL FROM:<address>",
                "501 5.5.4 Syntax: MAIL FROM:<address>",
                "501 5.5.4 Syntax: MAIL FROM:<address>",
                "501 5.5.4 Bad SIZE parameter",
                "501 5.5.4 Bad BODY parameter",
                "555 5.5.4 Unsupported MAIL parameter",
                "552 5.3.4 Message size exceeds fixed maximum message size",
                "552 5.3.4 Message size exceeds fixed maximum message size",
                "250 2.1.0 Sender <a@b.example> OK");
    }

    @Test
    void nullSenderSourceRoutesAndPostmaster() {
        Client client = ehlo().send("MAIL FROM:<>", "RCPT TO:<@relay.example:bob@example.com>",
                "RCPT TO:<Postmaster>", "RCPT TO:<>");
        assertThat(client.take()).containsExactly(
                "250 2.1.0 Sender <> OK",
                "250 2.1.5 Recipient <bob@example.com> OK",
                "250 2.1.5 Recipient <Postmaster> OK",
                "501 5.5.4 Syntax: RCPT TO:<address>");
    }

    @Test
    void mailParametersNeedEhlo() {
        Client client = this.fixture.connect().send("HELO c", "MAIL FROM:<a@b.example> BODY=8BITMIME");
        assertThat(client.take()).containsExactly("250 mx.example.com", "555 MAIL parameters need EHLO");
    }

    @Test
    void recipientsAreCheckedByLocalDelivery() {
        Client client = ehlo().send("MAIL FROM:<a@b.example>", "RCPT TO:<carol@example.com>",
                "RCPT TO:<alice@elsewhere.example>", "RCPT TO:<alice@example.com> NOTIFY=NEVER",
                "RCPT TO:<alice@example.com>");
        assertThat(client.take()).containsExactly(
                "250 2.1.0 Sender <a@b.example> OK",
                "550 5.1.1 Recipient address rejected: User unknown: carol@example.com",
                "550 5.7.1 Relay access denied",
                "555 5.5.4 Unsupported RCPT parameter",
                "250 2.1.5 Recipient <alice@example.com> OK");
    }

    @Test
    void tooManyRecipientsGet452() {
        this.fixture.settings = this.fixture.settings.withMaxRecipients(2);
        Client client = ehlo().send("MAIL FROM:<a@b.example>", "RCPT TO:<alice@example.com>",
                "RCPT TO:<bob@example.com>", "RCPT TO:<postmaster@example.com>");
        assertThat(client.take()).containsExactly(
                "250 2.1.0 Sender <a@b.example> OK",
                "250 2.1.5 Recipient <alice@example.com> OK",
                "250 2.1.5 Recipient <bob@example.com> OK",
                "452 4.5.3 Too many recipients");
    }

    @Test
    void rsetForgetsTheTransaction() {
        Client client = ehlo().send("MAIL FROM:<a@b.example>", "RCPT TO:<alice@example.com>", "RSET", "DATA",
                "MAIL FROM:<c@d.example>");
        assertThat(client.take()).containsExactly(
                "250 2.1.0 Sender <a@b.example> OK",
                "250 2.1.5 Recipient <alice@example.com> OK",
                "250 2.0.0 OK",
                "503 5.5.1 Need MAIL command",
                "250 2.1.0 Sender <c@d.example> OK");
    }

    @Test
    void aTooLongLineGets500AndTheSessionGoesOnWithTheNextLine() {
        Client client = ehlo().raw("NOOP " + "x".repeat(3000) + "\r\nNOOP\r\n");
        assertThat(client.take()).containsExactly("500 5.5.2 Line too long", "250 2.0.0 OK");
        client.raw("NOOP " + "y".repeat(1500)).raw("y".repeat(1500) + "\r").raw("\nNOOP\r\n");
        assertThat(client.take()).containsExactly("500 5.5.2 Line too long", "250 2.0.0 OK");
        // exactly the limit is fine
        client.raw("NOOP " + "z".repeat(2048 - 5) + "\r\n");
        assertThat(client.take()).containsExactly("250 2.0.0 OK");
        assertThat(client.closed()).isFalse();
    }

    @Test
    void tooManyBadCommandsGet421AndClose() {
        this.fixture.settings = this.fixture.settings.withMaxBadCommands(3);
        Client client = ehlo().send("A", "B", "C", "NOOP");
        assertThat(client.take()).containsExactly(
                "500 5.5.2 Command unrecognized",
                "500 5.5.2 Command unrecognized",
                "500 5.5.2 Command unrecognized",
                "421 4.7.0 mx.example.com Error: too many errors, closing connection");
        assertThat(client.closed()).isTrue();
    }

    @Test
    void idleTimeoutGets421AndCloses() {
        this.fixture.settings = this.fixture.settings.withIdleTimeout(Duration.ofSeconds(300));
        Client client = ehlo();
        this.fixture.clock.advance(299);
        client.send("NOOP");
        this.fixture.clock.advance(299);
        assertThat(client.take()).containsExactly("250 2.0.0 OK");
        assertThat(client.closed()).isFalse();
        this.fixture.clock.advance(1);
        assertThat(client.take()).containsExactly("421 4.4.2 mx.example.com Error: timeout exceeded");
        assertThat(client.closed()).isTrue();
    }

    @Test
    void idleTimeoutBeforeAnyCommand() {
        Client client = this.fixture.connect();
        this.fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(client.take()).containsExactly("421 mx.example.com Error: timeout exceeded");
        assertThat(client.closed()).isTrue();
    }

    @Test
    void startTlsAndAuthAreNotAvailableWithoutConfiguration() {
        assertThat(ehlo().send("STARTTLS", "AUTH PLAIN").take())
                .containsExactly("502 5.5.1 STARTTLS not available", "502 5.5.1 AUTH not available");
    }

    @Test
    void aStoppingServiceSays421MidTransactionAndNothingOnceClosed() {
        Client client = this.fixture.connect().send("EHLO c", "MAIL FROM:<a@b.example>", "RCPT TO:<alice@example.com>",
                "DATA", "Subject: half");
        client.take();
        ((ESMTP) client.protocol).serviceStopping();
        assertThat(client.take()).containsExactly("421 4.3.2 mx.example.com Service shutting down, closing channel");
        assertThat(this.fixture.store.stored()).as("nothing half-received is stored").isEmpty();
        client.transport.loseConnection();
        ((ESMTP) client.protocol).serviceStopping();
        assertThat(client.take()).isEmpty();
    }
}
