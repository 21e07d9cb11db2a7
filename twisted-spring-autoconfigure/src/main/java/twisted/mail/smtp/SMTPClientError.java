package twisted.mail.smtp;

import org.jspecify.annotations.Nullable;

/**
 * Why an {@link ESMTPClient} did not send a message: the server's refusal (its reply code, enhanced
 * status code and text), or a failure of the client's own (no reply code). Subclasses say which
 * step failed. The message never holds a credential. Twisted: {@code twisted.mail.smtp.SMTPClientError}.
 *
 * <p>{@link #isTransient()} (a 4xx reply) means the same message may succeed later;
 * {@link #isPermanent()} (a 5xx reply) means it will not as it is. A failure without a reply code
 * is neither (a lost connection is usually worth a retry; a TLS or AUTH policy failure is not).
 *
 * @since 0.1.0
 */
public class SMTPClientError extends Exception {

    private static final long serialVersionUID = 1L;

    /** The reply code of a failure that has none. */
    public static final int NO_CODE = -1;

    private final int code;

    private final @Nullable String enhancedCode;

    /**
     * A failure with the server's reply.
     *
     * @param code the reply code, or {@link #NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed, with the reply's text
     */
    public SMTPClientError(int code, @Nullable String enhancedCode, String message) {
        this(code, enhancedCode, message, null);
    }

    /**
     * A failure with the server's reply and a cause.
     *
     * @param code the reply code, or {@link #NO_CODE}
     * @param enhancedCode the RFC 3463 code the reply carried, if any
     * @param message what failed, with the reply's text
     * @param cause the underlying failure, if any
     */
    public SMTPClientError(int code, @Nullable String enhancedCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
        this.enhancedCode = enhancedCode;
    }

    /**
     * A failure without a reply code.
     *
     * @param message what failed
     * @param cause the underlying failure, if any
     */
    public SMTPClientError(String message, @Nullable Throwable cause) {
        this(NO_CODE, null, message, cause);
    }

    /**
     * The server's reply code.
     *
     * @return 400 to 599, or {@link #NO_CODE} when the failure is not a server's reply
     */
    public int getCode() {
        return this.code;
    }

    /**
     * The RFC 3463 enhanced status code of the reply.
     *
     * @return such as {@code 5.1.1}, or {@code null} when the reply had none
     */
    public @Nullable String getEnhancedCode() {
        return this.enhancedCode;
    }

    /**
     * Whether the server refused for now (a 4xx reply): the same message may succeed later.
     *
     * @return {@code true} for a 4xx reply code
     */
    public boolean isTransient() {
        return this.code >= 400 && this.code < 500;
    }

    /**
     * Whether the server refused for good (a 5xx reply).
     *
     * @return {@code true} for a 5xx reply code
     */
    public boolean isPermanent() {
        return this.code >= 500 && this.code < 600;
    }
}
