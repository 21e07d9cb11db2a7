package twisted.mail.smtp;

import java.util.List;
import java.util.Objects;

/**
 * What {@link SMTPSender#sendmail} gives when the server took the message: each recipient's
 * {@code RCPT} reply, in the order given, and the server's reply to the end of the message. A
 * recipient the server refused while others were accepted is here with its refusal; the message
 * went to the accepted ones only. Twisted: the {@code (numOk, [(addr, code, resp)])} result of
 * {@code sendmail}.
 *
 * @param recipients each recipient's result, in the order given
 * @param dataReply the server's {@code 250} after the message (it often names a queue id)
 * @since 0.1.0
 */
public record SentMessage(List<RecipientResult> recipients, SMTPReply dataReply) {

    /**
     * Checks the parts.
     */
    public SentMessage {
        recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
        Objects.requireNonNull(dataReply, "dataReply");
    }

    /**
     * How many recipients the server accepted (Twisted's {@code numOk}).
     *
     * @return at least 1
     */
    public int acceptedCount() {
        return (int) this.recipients.stream().filter(RecipientResult::accepted).count();
    }

    /**
     * The recipients the server refused.
     *
     * @return their results, in the order given; empty when all were accepted
     */
    public List<RecipientResult> refused() {
        return this.recipients.stream().filter(r -> !r.accepted()).toList();
    }
}
