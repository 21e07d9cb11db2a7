package twisted.mail.smtp;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.mail.MemoryMailStore;
import twisted.mail.smtp.SmtpFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ESMTP#drainStarted()}: an idle session gets {@code 421} at once; a transaction in flight
 * completes with its {@code 250} (the message stored), then the next command gets {@code 421} and
 * the connection closes, however the client's bytes are split.
 */
class ESMTPDrainTests {

    private static final String SHUTTING_DOWN = "421 4.3.2 mx.example.com Service shutting down, closing channel";

    private final SmtpFixture fixture = new SmtpFixture();

    @Test
    void anIdleSessionGets421AtOnce() {
        Client client = this.fixture.connect().send("EHLO c.example");
        client.take();
        ((ESMTP) client.protocol).drainStarted();
        assertThat(client.take()).containsExactly(SHUTTING_DOWN);
        assertThat(client.closed()).isTrue();
    }

    @Test
    void aSessionThatOnlyGotTheGreetingGets421WithoutEnhancedCode() {
        Client client = this.fixture.connect();
        ((ESMTP) client.protocol).drainStarted();
        assertThat(client.take()).containsExactly("421 mx.example.com Service shutting down, closing channel");
        assertThat(client.closed()).isTrue();
    }

    @Test
    void aMessageBeingSentCompletesThenTheNextCommandGets421InEveryFragmentation() {
        String rest = "second line\r\n.\r\nMAIL FROM:<c@d.example>\r\nRCPT TO:<bob@example.com>\r\n";
        List<String> stored = new ArrayList<>();
        List<String> replies = SmtpFixture.everyFragmentation(rest, fixture -> {
            Client client = fixture.connect().send("EHLO c.example", "MAIL FROM:<a@b.example>",
                    "RCPT TO:<alice@example.com>", "DATA").raw("Subject: in flight\r\n\r\nfirst ");
            assertThat(client.take()).endsWith("354 End data with <CR><LF>.<CR><LF>");
            ((ESMTP) client.protocol).drainStarted();
            assertThat(client.take()).as("nothing said mid-message").isEmpty();
            assertThat(client.closed()).isFalse();
            return client;
        }, stored);
        assertThat(replies).containsExactly("250 2.0.0 OK: queued as m1", SHUTTING_DOWN);
        assertThat(stored).singleElement().satisfies(text -> assertThat(text).endsWith("first second line\r\n"));
    }

    @Test
    void aTransactionStartedBeforeTheDrainGoesOnToItsDataAndQuitGetsItsBye() {
        Client client = this.fixture.connect().send("EHLO c.example", "MAIL FROM:<a@b.example>");
        client.take();
        ((ESMTP) client.protocol).drainStarted();
        assertThat(client.take()).isEmpty();
        client.send("RCPT TO:<alice@example.com>", "DATA", "Subject: late", "", "body", ".", "QUIT");
        assertThat(client.take()).containsExactly("250 2.1.5 Recipient <alice@example.com> OK",
                "354 End data with <CR><LF>.<CR><LF>", "250 2.0.0 OK: queued as m1", "221 2.0.0 Bye");
        assertThat(client.closed()).isTrue();
        assertThat(this.fixture.store.stored()).extracting(MemoryMailStore.Stored::text)
                .singleElement().satisfies(text -> assertThat(text).endsWith("Subject: late\r\n\r\nbody\r\n"));
    }

    @Test
    void aTransactionResetDuringTheDrainEndsIt() {
        Client client = this.fixture.connect().send("EHLO c.example", "MAIL FROM:<a@b.example>");
        client.take();
        ((ESMTP) client.protocol).drainStarted();
        client.send("RSET", "MAIL FROM:<a@b.example>");
        assertThat(client.take()).containsExactly("250 2.0.0 OK", SHUTTING_DOWN);
        assertThat(client.closed()).isTrue();
        assertThat(this.fixture.store.stored()).isEmpty();
    }

    @Test
    void aTransactionStillOpenWhenTheDrainEndsGetsTheFinal421AndNothingIsStored() {
        Client client = this.fixture.connect().send("EHLO c.example", "MAIL FROM:<a@b.example>",
                "RCPT TO:<alice@example.com>", "DATA", "Subject: slow");
        client.take();
        ESMTP protocol = (ESMTP) client.protocol;
        protocol.drainStarted();
        protocol.serviceStopping();
        assertThat(client.take()).containsExactly(SHUTTING_DOWN);
        assertThat(this.fixture.store.stored()).isEmpty();
    }
}
