package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * The connection could not be made within {@link SMTPClientOptions#connectTimeout()}, or the server's greeting was not {@code 220}. The message was not sent. Twisted: {@code twisted.mail.smtp.SMTPConnectError}.
 *
 * @since 0.1.0
 */
public class SMTPConnectError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param code the reply code, or {@link SMTPClientError#NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public SMTPConnectError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(code, enhancedCode, message, cause);
    }

    /**
     * Creates the error without a reply code.
     *
     * @param message what failed
     */
    public SMTPConnectError(String message) {
        super(NO_CODE, null, message, null);
    }
}
