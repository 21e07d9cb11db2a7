package twisted.mail.smtp;

import java.util.Objects;

/**
 * A refusal that carries its SMTP reply: what a {@link MessageDelivery} fails with to choose the
 * reply the client gets. Twisted: {@code twisted.mail.smtp.SMTPServerError}.
 *
 * @since 0.1.0
 */
public class SMTPException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int code;

    private final String enhancedCode;

    /**
     * Creates the refusal.
     *
     * @param code the three-digit reply code, 400 to 599
     * @param enhancedCode the RFC 3463 enhanced status code, such as {@code 5.1.1}
     * @param text the reply's text, one line without CR or LF
     * @throws IllegalArgumentException when the code is not a failure code or the text holds CR or LF
     */
    public SMTPException(int code, String enhancedCode, String text) {
        super(Objects.requireNonNull(text, "text"));
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("reply code " + code + " is not a 4xx or 5xx code");
        }
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0
                || !Objects.requireNonNull(enhancedCode, "enhancedCode").matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("bad reply text or enhanced status code");
        }
        this.code = code;
        this.enhancedCode = enhancedCode;
    }

    /**
     * The reply code.
     *
     * @return 400 to 599
     */
    public int getCode() {
        return this.code;
    }

    /**
     * The RFC 3463 enhanced status code.
     *
     * @return such as {@code 5.1.1}
     */
    public String getEnhancedCode() {
        return this.enhancedCode;
    }
}
