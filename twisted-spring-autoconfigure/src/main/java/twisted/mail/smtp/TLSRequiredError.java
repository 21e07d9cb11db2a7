package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * TLS was required (by {@link SMTPClientOptions.TlsMode#REQUIRE}, or because credentials are never sent in plain text) but the server does not offer {@code STARTTLS}, or refused it. The message was not sent. Twisted: {@code twisted.mail.smtp.TLSRequiredError}.
 *
 * @since 0.1.0
 */
public class TLSRequiredError extends SMTPClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param code the reply code, or {@link SMTPClientError#NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public TLSRequiredError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(code, enhancedCode, message, cause);
    }

    /**
     * Creates the error without a reply code.
     *
     * @param message what failed
     */
    public TLSRequiredError(String message) {
        super(NO_CODE, null, message, null);
    }
}
