package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * The server did not answer within {@link SMTPClientOptions#replyTimeout()} (or {@link SMTPClientOptions#dataTimeout()} after the message), or stopped reading the message for that long; the connection was closed. Whether the message was delivered is unknown only when this happens after the message was sent. Twisted: {@code twisted.mail.smtp.SMTPTimeoutError}.
 *
 * @since 0.1.0
 */
public class SMTPTimeoutError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param code the reply code, or {@link SMTPClientError#NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public SMTPTimeoutError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(code, enhancedCode, message, cause);
    }

    /**
     * Creates the error without a reply code.
     *
     * @param message what failed
     */
    public SMTPTimeoutError(String message) {
        super(NO_CODE, null, message, null);
    }
}
