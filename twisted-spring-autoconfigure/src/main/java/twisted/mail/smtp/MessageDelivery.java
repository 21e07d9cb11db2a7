package twisted.mail.smtp;

import java.util.List;
import java.util.function.Supplier;

import twisted.defer.Deferred;
import twisted.mail.MessageWriter;

/**
 * Decides who may send and receive through an {@link ESMTP} server and where messages go.
 * Every method is called on the reactor thread and must not block it. Twisted:
 * {@code twisted.mail.interfaces.IMessageDelivery}.
 *
 * @since 0.1.0
 */
public interface MessageDelivery {

    /**
     * The {@code Received:} trace header (RFC 5321 section 4.4) put first in each message.
     *
     * @param helo the client's name and address
     * @param origin the sender
     * @param recipients the accepted recipients
     * @return the header, name included; continuation lines separated by CR LF and begin with a tab
     */
    String receivedHeader(Helo helo, Address origin, List<User> recipients);

    /**
     * Checks the sender of {@code MAIL FROM}.
     *
     * @param helo the client's name and address
     * @param origin the sender, {@link Address#NULL} for a bounce
     * @return fires with the sender to use, or fails with {@link SMTPBadSender} (or another
     *         {@link SMTPException}) whose reply the client gets
     */
    Deferred<Address> validateFrom(Helo helo, Address origin);

    /**
     * Checks a recipient of {@code RCPT TO}.
     *
     * @param user the recipient, with the sender and the client
     * @return fires with what makes the recipient's {@link MessageWriter} when {@code DATA}
     *         starts, or fails with {@link SMTPBadRcpt} (or another {@link SMTPException})
     */
    Deferred<Supplier<MessageWriter>> validateTo(User user);
}
