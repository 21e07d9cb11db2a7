package twisted.mail.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import twisted.defer.Deferred;
import twisted.mail.MemoryMailStore;
import twisted.mail.MessageWriter;
import twisted.mail.smtp.SmtpFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PIPELINING (RFC 2920): commands sent together are run in order and answered in order, even
 * while the delivery answers later (Twisted's bug #8126).
 */
class ESMTPPipeliningTests {

    /** A delivery whose every validateFrom and validateTo waits until the test fires it. */
    private static final class SlowDelivery implements MessageDelivery {

        final MessageDelivery local;

        final List<Runnable> pending = new ArrayList<>();

        final List<String> asked = new ArrayList<>();

        SlowDelivery(MessageDelivery local) {
            this.local = local;
        }

        @Override
        public String receivedHeader(Helo helo, Address origin, List<User> recipients) {
            return this.local.receivedHeader(helo, origin, recipients);
        }

        @Override
        public Deferred<Address> validateFrom(Helo helo, Address origin) {
            this.asked.add("from " + origin);
            Deferred<Address> d = new Deferred<>();
            this.pending.add(() -> this.local.validateFrom(helo, origin).chainDeferred(d));
            return d;
        }

        @Override
        public Deferred<Supplier<MessageWriter>> validateTo(User user) {
            this.asked.add("to " + user.dest());
            Deferred<Supplier<MessageWriter>> d = new Deferred<>();
            this.pending.add(() -> this.local.validateTo(user).chainDeferred(d));
            return d;
        }

        void fireNext() {
            this.pending.remove(0).run();
        }
    }

    @Test
    void pipelinedCommandsWaitForASlowValidateToAndRepliesKeepTheirOrder() {
        SmtpFixture fixture = new SmtpFixture();
        SlowDelivery slow = new SlowDelivery(fixture.delivery);
        fixture.delivery = slow;
        Client client = fixture.connect().send("EHLO c.example");
        client.take();
        client.raw("MAIL FROM:<a@b.example>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<nobody@example.com>\r\n"
                + "RCPT TO:<bob@example.com>\r\nNOOP\r\nDATA\r\n");
        assertThat(client.take()).isEmpty();
        assertThat(slow.asked).containsExactly("from a@b.example");
        assertThat(client.transport.getProducerState()).isEqualTo("paused");

        slow.fireNext();
        assertThat(client.take()).containsExactly("250 2.1.0 Sender <a@b.example> OK");
        assertThat(slow.asked).containsExactly("from a@b.example", "to alice@example.com");

        slow.fireNext();
        assertThat(client.take()).containsExactly("250 2.1.5 Recipient <alice@example.com> OK");
        // more input arriving meanwhile queues behind
        client.raw("x");
        slow.fireNext();
        assertThat(client.take()).containsExactly(
                "550 5.1.1 Recipient address rejected: User unknown: nobody@example.com");
        slow.fireNext();
        assertThat(client.take()).containsExactly(
                "250 2.1.5 Recipient <bob@example.com> OK",
                "250 2.0.0 OK",
                "354 End data with <CR><LF>.<CR><LF>");
        assertThat(client.transport.getProducerState()).isEqualTo("producing");
        client.raw("\r\n.\r\n");
        assertThat(client.take()).containsExactly("250 2.0.0 OK: queued as m1");
        assertThat(fixture.store.stored()).extracting(MemoryMailStore.Stored::mailbox).containsExactly("alice", "bob");
        assertThat(fixture.store.body(0)).isEqualTo("x\r\n");
    }

    @Test
    void theIdleTimerDoesNotRunOutWhileTheServerWaitsForItsDelivery() {
        SmtpFixture fixture = new SmtpFixture();
        SlowDelivery slow = new SlowDelivery(fixture.delivery);
        fixture.delivery = slow;
        Client client = fixture.connect().send("EHLO c.example");
        client.take();
        client.send("MAIL FROM:<a@b.example>");
        fixture.clock.advance(3600);
        assertThat(client.closed()).isFalse();
        slow.fireNext();
        assertThat(client.take()).containsExactly("250 2.1.0 Sender <a@b.example> OK");
        fixture.clock.advance(300);
        assertThat(client.take()).containsExactly("421 4.4.2 mx.example.com Error: timeout exceeded");
    }

    @Test
    void aConnectionLostWhileWaitingAnswersNothing() {
        SmtpFixture fixture = new SmtpFixture();
        SlowDelivery slow = new SlowDelivery(fixture.delivery);
        fixture.delivery = slow;
        Client client = fixture.connect().send("EHLO c.example");
        client.take();
        client.send("MAIL FROM:<a@b.example>");
        client.transport.loseConnection();
        client.transport.clear();
        slow.fireNext();
        assertThat(client.take()).isEmpty();
    }
}
