package twisted.mail.smtp;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the server answered to one {@code RCPT TO}. Twisted gives the same as a tuple
 * {@code (address, code, response)}.
 *
 * @param address the recipient
 * @param code the reply code ({@code 250} or {@code 251} when accepted)
 * @param enhancedCode the RFC 3463 code of the reply, or {@code null}
 * @param text the reply's text
 * @since 0.1.0
 */
public record RecipientResult(Address address, int code, @Nullable String enhancedCode, String text) {

    /**
     * Checks the parts.
     */
    public RecipientResult {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
    }

    static RecipientResult of(Address address, SMTPReply reply) {
        return new RecipientResult(address, reply.code(), reply.enhancedCode(), reply.text());
    }

    /**
     * Whether the server accepted this recipient.
     *
     * @return {@code true} for a 2xx reply
     */
    public boolean accepted() {
        return this.code >= 200 && this.code < 300;
    }

    /**
     * Whether the refusal is temporary (4xx): worth retrying later.
     *
     * @return {@code true} for a 4xx reply
     */
    public boolean isTransient() {
        return this.code >= 400 && this.code < 500;
    }
}
