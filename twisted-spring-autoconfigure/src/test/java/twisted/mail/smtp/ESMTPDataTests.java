package twisted.mail.smtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import twisted.defer.Deferred;
import twisted.mail.MemoryMailStore;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;
import twisted.mail.smtp.SmtpFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** DATA: the Received header, dot-unstuffing, the end of the message, smuggling, size and durability. */
class ESMTPDataTests {

    private static final String RECEIVED = "Received: from client.example.org ([192.0.2.7])\r\n"
            + "\tby mx.example.com with ESMTP\r\n\tfor <alice@example.com>; Thu, 1 Jan 1970 00:00:00 +0000\r\n";

    private final SmtpFixture fixture = new SmtpFixture();

    private Client ready() {
        Client client = this.fixture.connect().send("EHLO client.example.org", "MAIL FROM:<a@b.example>",
                "RCPT TO:<alice@example.com>", "DATA");
        assertThat(client.take()).endsWith("250 2.1.5 Recipient <alice@example.com> OK",
                "354 End data with <CR><LF>.<CR><LF>");
        return client;
    }

    @Test
    void aMessageIsStoredWithTheReceivedHeaderFirstAndDotsUnstuffed() {
        Client client = ready().raw("Subject: hi\r\n\r\n..leading dot\r\n..\r\nend\r\n.\r\n");
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1");
        assertThat(this.fixture.store.stored()).hasSize(1);
        assertThat(this.fixture.store.stored().get(0).mailbox()).isEqualTo("alice");
        assertThat(this.fixture.store.stored().get(0).text())
                .isEqualTo(RECEIVED + "Subject: hi\r\n\r\n.leading dot\r\n.\r\nend\r\n");
    }

    @Test
    void theSessionGoesOnAfterTheMessageInTheSameChunk() {
        Client client = ready().raw("x\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n.\r\nQUIT\r\n");
        assertThat(client.take()).containsExactly(
                "250 2.0.0 OK: queued as m1",
                "250 2.1.0 Sender <> OK",
                "250 2.1.5 Recipient <bob@example.com> OK",
                "354 End data with <CR><LF>.<CR><LF>",
                "250 2.0.0 OK: queued as m2",
                "221 2.0.0 Bye");
        assertThat(this.fixture.store.body(0)).isEqualTo("x\r\n");
        assertThat(this.fixture.store.body(1)).isEmpty();
    }

    @Test
    void aMessageFedOneByteAtATimeArrivesByteExact() {
        StringBuilder body = new StringBuilder("From: a@b.example\r\nSubject: bytes\r\n\r\n");
        for (int i = 0; i < 256; i++) {
            if (i != '\r' && i != '\n') {
                body.append((char) i);
            }
        }
        body.append("\r\n\r\n\r\n.\r\n");
        byte[] bytes = body.toString().getBytes(StandardCharsets.ISO_8859_1);
        Client client = ready();
        for (byte b : bytes) {
            client.protocol.dataReceived(new byte[] {b});
        }
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1");
        String expected = body.substring(0, body.length() - 3);
        assertThat(this.fixture.store.stored().get(0).bytes())
                .isEqualTo((RECEIVED + expected).getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * SMTP smuggling: each of these would end the message for some server, and a second message
     * would follow. Here none ends it; the real end comes later and the message is refused whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\n.\r\n", "\r.\n", "\n.\n", ".\n", "\r\n.\n", "\r\n.\r", "\n.\r", "\r.\r\n", "\r\n.\r\r\n"})
    void smugglingAttemptsNeverEndAMessageEarly(String fakeEnd) {
        String smuggled = "MAIL FROM:<evil@b.example>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nForged\r\n";
        Client client = ready().raw("Subject: first\r\n\r\nbody" + fakeEnd + smuggled);
        assertThat(client.take()).as("nothing is answered before the real end").isEmpty();
        client.raw("\r\n.\r\nNOOP\r\n");
        assertThat(client.take()).containsExactly(
                "554 5.6.0 Message refused: bare CR or LF in the message (RFC 5321 section 2.3.8)",
                "250 2.0.0 OK");
        assertThat(this.fixture.store.stored()).isEmpty();
        assertThat(this.fixture.store.dropped()).isEqualTo(1);
        assertThat(this.fixture.store.started()).isEqualTo(1);
    }

    @Test
    void aBareLineEndingStopsTheWritingAtOnce() {
        List<byte[]> lines = new ArrayList<>();
        boolean[] dropped = {false};
        this.fixture.delivery = recordingDelivery(lines, dropped);
        Client client = ready().raw("one\r\ntwo\nthree\r\n");
        assertThat(dropped[0]).isTrue();
        int before = lines.size();
        client.raw("four\r\n.\r\n");
        assertThat(lines).hasSize(before);
        assertThat(client.take()).containsExactly(
                "554 5.6.0 Message refused: bare CR or LF in the message (RFC 5321 section 2.3.8)");
    }

    @Test
    void aMessageOverTheSizeLimitGets552AndIsDropped() {
        this.fixture.settings = this.fixture.settings.withMaxMessageSize(20);
        Client client = ready().raw("0123456789\r\n012345\r\n");
        assertThat(this.fixture.store.dropped()).isZero();
        client.raw("x\r\n");
        assertThat(this.fixture.store.dropped()).as("dropped as soon as the limit is passed").isEqualTo(1);
        client.raw("more\r\n.\r\nNOOP\r\n");
        assertThat(client.take()).containsExactly("552 5.3.4 Message size exceeds fixed maximum message size",
                "250 2.0.0 OK");
        assertThat(this.fixture.store.stored()).isEmpty();
    }

    @Test
    void aMessageOfExactlyTheSizeLimitIsAccepted() {
        this.fixture.settings = this.fixture.settings.withMaxMessageSize(22);
        Client client = ready().raw("0123456789\r\n.12345678\r\n.\r\n");
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1");
    }

    @Test
    void aMessageLineOverTheLimitGets500() {
        Client client = ready().raw("a".repeat(998) + "\r\n" + "b".repeat(999) + "\r\n.\r\n");
        assertThat(client.take()).containsExactly("500 5.5.2 Line too long");
        assertThat(this.fixture.store.stored()).isEmpty();
        assertThat(this.fixture.store.dropped()).isEqualTo(1);
    }

    @Test
    void twoFiftyOnlyOnceTheStoreSaysTheMessageIsDurable() {
        this.fixture.store.hold(true);
        Client client = ready().raw("hello\r\n.\r\nNOOP\r\n");
        assertThat(client.take()).as("no reply, not even to the pipelined NOOP, before the store fires").isEmpty();
        assertThat(this.fixture.store.heldCount()).isEqualTo(1);
        this.fixture.store.release();
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1", "250 2.0.0 OK");
    }

    @Test
    void aFailedStoreGets451() {
        this.fixture.store.failWith(new java.io.IOException("disk full"));
        Client client = ready().raw("hello\r\n.\r\n");
        assertThat(client.take()).containsExactly("451 4.3.0 Error: message not stored, try again later");
    }

    @Test
    void aStoreRefusalGivesItsOwnReply() {
        this.fixture.store.failWith(new SMTPException(554, "5.7.1", "Message content rejected"));
        Client client = ready().raw("hello\r\n.\r\n");
        assertThat(client.take()).containsExactly("554 5.7.1 Message content rejected");
    }

    @Test
    void everyRecipientGetsTheMessageAnd250WaitsForAll() {
        this.fixture.store.hold(true);
        Client client = this.fixture.connect().send("EHLO client.example.org", "MAIL FROM:<a@b.example>",
                "RCPT TO:<alice@example.com>", "RCPT TO:<bob@example.com>", "DATA");
        client.take();
        client.raw("Subject: both\r\n\r\nhi\r\n.\r\n");
        assertThat(this.fixture.store.heldCount()).isEqualTo(2);
        assertThat(client.take()).isEmpty();
        this.fixture.store.release();
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1");
        assertThat(this.fixture.store.stored()).extracting(MemoryMailStore.Stored::mailbox).containsExactly("alice", "bob");
        assertThat(this.fixture.store.body(0)).isEqualTo("Subject: both\r\n\r\nhi\r\n");
        assertThat(this.fixture.store.body(1)).isEqualTo("Subject: both\r\n\r\nhi\r\n");
        assertThat(this.fixture.store.stored().get(0).text()).startsWith(
                "Received: from client.example.org ([192.0.2.7])\r\n\tby mx.example.com with ESMTP; ");
    }

    @Test
    void aConnectionLostInTheMiddleOfDataDropsTheMessage() {
        Client client = ready().raw("half a message\r\n");
        client.transport.loseConnection();
        assertThat(this.fixture.store.dropped()).isEqualTo(1);
        assertThat(this.fixture.store.stored()).isEmpty();
    }

    @Test
    void quitDuringStoreStillStoresButRepliesStayInOrder() {
        this.fixture.store.hold(true);
        Client client = ready().raw("x\r\n.\r\nQUIT\r\n");
        assertThat(client.take()).isEmpty();
        this.fixture.store.release();
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1", "221 2.0.0 Bye");
        assertThat(client.closed()).isTrue();
    }

    private MessageDelivery recordingDelivery(List<byte[]> lines, boolean[] dropped) {
        MessageDelivery local = this.fixture.delivery;
        return new MessageDelivery() {

            @Override
            public String receivedHeader(Helo helo, Address origin, List<User> recipients) {
                return local.receivedHeader(helo, origin, recipients);
            }

            @Override
            public Deferred<Address> validateFrom(Helo helo, Address origin) {
                return Deferred.succeed(origin);
            }

            @Override
            public Deferred<java.util.function.Supplier<MessageWriter>> validateTo(User user) {
                return Deferred.succeed(() -> new MessageWriter() {

                    @Override
                    public void lineReceived(byte[] line) {
                        lines.add(line);
                    }

                    @Override
                    public Deferred<MessageReceipt> eomReceived() {
                        return Deferred.succeed(new MessageReceipt("x", "x", 0));
                    }

                    @Override
                    public void connectionLost() {
                        dropped[0] = true;
                    }
                });
            }
        };
    }
}
