package twisted.mail.smtp;

/**
 * {@link MessageDelivery#validateTo} refuses a recipient. Twisted:
 * {@code twisted.mail.smtp.SMTPBadRcpt}.
 *
 * @since 0.1.0
 */
public class SMTPBadRcpt extends SMTPException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses with {@code 550 5.1.1 User unknown}.
     *
     * @param recipient the refused recipient
     */
    public SMTPBadRcpt(Address recipient) {
        this(550, "5.1.1", "Recipient address rejected: User unknown: " + recipient);
    }

    /**
     * Refuses with a reply of the caller's choice.
     *
     * @param code the reply code, 4xx or 5xx
     * @param enhancedCode the enhanced status code
     * @param text the reply's text
     */
    public SMTPBadRcpt(int code, String enhancedCode, String text) {
        super(code, enhancedCode, text);
    }
}
