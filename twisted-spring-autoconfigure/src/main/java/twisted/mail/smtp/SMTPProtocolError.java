package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * The server broke the protocol: a malformed reply, a reply line or a multi-line reply over the client's limits, a reply when none was due, or bytes pipelined after its {@code 220} to {@code STARTTLS}. The connection was closed. Twisted: {@code twisted.mail.smtp.SMTPProtocolError}.
 *
 * @since 0.1.0
 */
public class SMTPProtocolError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param code the reply code, or {@link SMTPClientError#NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public SMTPProtocolError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(code, enhancedCode, message, cause);
    }

    /**
     * Creates the error without a reply code.
     *
     * @param message what failed
     */
    public SMTPProtocolError(String message) {
        super(NO_CODE, null, message, null);
    }
}
