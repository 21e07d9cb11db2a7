package twisted.mail.tap;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import twisted.defer.Deferred;
import twisted.mail.MessageReceipt;
import twisted.mail.MessageWriter;
import twisted.mail.smtp.Address;
import twisted.mail.smtp.Helo;
import twisted.mail.smtp.MessageDelivery;
import twisted.mail.smtp.User;

/**
 * Counts what a delivery accepts, rejects and stores, for Actuator and Micrometer; safe to read
 * from any thread.
 */
final class CountingDelivery implements MessageDelivery {

    private final MessageDelivery delivery;

    final AtomicLong accepted = new AtomicLong();

    final AtomicLong rejected = new AtomicLong();

    final AtomicLong delivered = new AtomicLong();

    final AtomicLong failed = new AtomicLong();

    CountingDelivery(MessageDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String receivedHeader(Helo helo, Address origin, List<User> recipients) {
        return this.delivery.receivedHeader(helo, origin, recipients);
    }

    @Override
    public Deferred<Address> validateFrom(Helo helo, Address origin) {
        return this.delivery.validateFrom(helo, origin);
    }

    @Override
    public Deferred<Supplier<MessageWriter>> validateTo(User user) {
        Deferred<Supplier<MessageWriter>> validated = this.delivery.validateTo(user);
        validated.addCallbacks(writers -> {
            this.accepted.incrementAndGet();
            return writers;
        }, failure -> {
            this.rejected.incrementAndGet();
            return failure;
        });
        return validated.thenApply(writers -> () -> new Counted(writers.get()));
    }

    /** One message for one recipient: counted when it is stored, or fails to be. */
    private final class Counted implements MessageWriter {

        private final MessageWriter writer;

        Counted(MessageWriter writer) {
            this.writer = writer;
        }

        @Override
        public void lineReceived(byte[] line) {
            this.writer.lineReceived(line);
        }

        @Override
        public Deferred<MessageReceipt> eomReceived() {
            Deferred<MessageReceipt> stored = this.writer.eomReceived();
            stored.addCallbacks(receipt -> {
                CountingDelivery.this.delivered.incrementAndGet();
                return receipt;
            }, failure -> {
                CountingDelivery.this.failed.incrementAndGet();
                return failure;
            });
            return stored;
        }

        @Override
        public void connectionLost() {
            this.writer.connectionLost();
        }
    }
}
