package twisted.mail.smtp;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The server refused the message: the sender ({@code MAIL}), every recipient, or the message
 * itself (the reply after the data, or a {@code SIZE} limit it is over). {@link #recipients()}
 * holds each recipient's {@code RCPT} reply as far as the transaction got (empty when it failed at
 * {@code MAIL}). The code and {@link #isTransient()} are those of the reply that failed it; when
 * every recipient was refused, those of the first refusal, and {@link #isTransient()} only if
 * every refusal was a 4xx. Twisted: {@code twisted.mail.smtp.SMTPDeliveryError}.
 *
 * @since 0.1.0
 */
public class SMTPDeliveryError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    private final transient List<RecipientResult> recipients;

    private final boolean allTransient;

    /**
     * Creates the error.
     *
     * @param code the reply code that failed the delivery
     * @param enhancedCode its enhanced code, if any
     * @param message what failed, with the reply's text
     * @param recipients each recipient's result so far, in the order given
     */
    public SMTPDeliveryError(int code, @Nullable String enhancedCode, String message, List<RecipientResult> recipients) {
        super(code, enhancedCode, message);
        this.recipients = List.copyOf(recipients);
        this.allTransient = !this.recipients.isEmpty() && !this.recipients.stream().anyMatch(RecipientResult::accepted)
                && this.recipients.stream().allMatch(RecipientResult::isTransient);
    }

    /**
     * Each recipient's {@code RCPT} reply, as far as the transaction got.
     *
     * @return the results, in the order given
     */
    public List<RecipientResult> recipients() {
        return this.recipients;
    }

    /**
     * Whether retrying later may succeed: the failing reply was a 4xx, or every recipient was
     * refused with a 4xx.
     *
     * @return {@code true} when the failure is temporary
     */
    @Override
    public boolean isTransient() {
        return super.isTransient() || this.allTransient;
    }

    /**
     * Whether the failure is permanent: a 5xx reply, unless every refused recipient's was a 4xx.
     *
     * @return {@code true} when retrying as it is will not help
     */
    @Override
    public boolean isPermanent() {
        return super.isPermanent() && !this.allTransient;
    }
}
