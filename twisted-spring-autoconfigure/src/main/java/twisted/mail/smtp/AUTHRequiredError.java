package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * Authentication was required ({@link SMTPClientOptions#requireAuthentication()}) but the server offers neither {@code AUTH PLAIN} nor {@code AUTH LOGIN}. The message was not sent. Twisted: {@code twisted.mail.smtp.AUTHRequiredError}.
 *
 * @since 0.1.0
 */
public class AUTHRequiredError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param code the reply code, or {@link SMTPClientError#NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public AUTHRequiredError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(code, enhancedCode, message, cause);
    }

    /**
     * Creates the error without a reply code.
     *
     * @param message what failed
     */
    public AUTHRequiredError(String message) {
        super(NO_CODE, null, message, null);
    }
}
