package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * The server refused the credentials (its {@code AUTH} reply, such as {@code 535 5.7.8}). The message was not sent; the credentials are not in the message. Twisted: {@code twisted.mail.smtp.AUTHDeclinedError}.
 *
 * @since 0.1.0
 */
public class AUTHDeclinedError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param code the reply code, or {@link SMTPClientError#NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public AUTHDeclinedError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(code, enhancedCode, message, cause);
    }

    /**
     * Creates the error without a reply code.
     *
     * @param message what failed
     */
    public AUTHDeclinedError(String message) {
        super(NO_CODE, null, message, null);
    }
}
