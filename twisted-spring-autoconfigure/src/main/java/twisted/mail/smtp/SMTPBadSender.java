package twisted.mail.smtp;

/**
 * {@link MessageDelivery#validateFrom} refuses the sender. Twisted:
 * {@code twisted.mail.smtp.SMTPBadSender}.
 *
 * @since 0.1.0
 */
public class SMTPBadSender extends SMTPException {

    private static final long serialVersionUID = 1L;

    /**
     * Refuses with {@code 550 5.1.8}.
     *
     * @param origin the refused sender
     */
    public SMTPBadSender(Address origin) {
        this(550, "5.1.8", "Sender address rejected: " + origin);
    }

    /**
     * Refuses with a reply of the caller's choice.
     *
     * @param code the reply code, 4xx or 5xx
     * @param enhancedCode the enhanced status code
     * @param text the reply's text
     */
    public SMTPBadSender(int code, String enhancedCode, String text) {
        super(code, enhancedCode, text);
    }
}
