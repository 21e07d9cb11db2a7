package twisted.mail.imap;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and login policy of an {@link IMAP4Client}. Every limit broken by the server closes
 * the connection and fails what is outstanding with {@link IllegalServerResponseException}.
 *
 * @param timeout how long to wait for the greeting or for the next line of a command's response
 *        (not during {@code IDLE}); then the connection is closed
 * @param maxLineLength the longest line, without literals
 * @param maxLiteralSize the largest literal ({@code BODY[]} of a message)
 * @param maxResponseSize the largest response, lines and literals together
 * @param maxDepth how deeply parenthesised lists may nest (a {@code BODYSTRUCTURE})
 * @param allowInsecureLogin whether passwords may be sent without TLS
 * @since 0.1.0
 */
public record IMAPClientOptions(Duration timeout, int maxLineLength, long maxLiteralSize, long maxResponseSize,
        int maxDepth, boolean allowInsecureLogin) {

    /** Checks the values. */
    public IMAPClientOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64: " + maxLineLength);
        }
        if (maxLiteralSize < 0 || maxResponseSize < maxLineLength) {
            throw new IllegalArgumentException("maxLiteralSize must be >= 0 and maxResponseSize >= maxLineLength");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
    }

    /**
     * The defaults: 60 seconds, 64 KiB lines, 64 MiB literals, 128 MiB responses, lists 64 deep,
     * no password without TLS.
     *
     * @return the default options
     */
    public static IMAPClientOptions defaults() {
        return new IMAPClientOptions(Duration.ofSeconds(60), 65536, 64L << 20, 128L << 20, 64, false);
    }

    /**
     * A copy with another timeout.
     *
     * @param timeout the new value
     * @return the copy
     */
    public IMAPClientOptions withTimeout(Duration timeout) {
        return new IMAPClientOptions(timeout, this.maxLineLength, this.maxLiteralSize, this.maxResponseSize,
                this.maxDepth, this.allowInsecureLogin);
    }

    /**
     * A copy with other size limits.
     *
     * @param maxLineLength the longest line
     * @param maxLiteralSize the largest literal
     * @param maxResponseSize the largest response
     * @param maxDepth the deepest nesting of lists
     * @return the copy
     */
    public IMAPClientOptions withLimits(int maxLineLength, long maxLiteralSize, long maxResponseSize, int maxDepth) {
        return new IMAPClientOptions(this.timeout, maxLineLength, maxLiteralSize, maxResponseSize, maxDepth,
                this.allowInsecureLogin);
    }

    /**
     * A copy that may, or may not, send passwords without TLS.
     *
     * @param allow whether to allow it; only for tests and trusted networks
     * @return the copy
     */
    public IMAPClientOptions withAllowInsecureLogin(boolean allow) {
        return new IMAPClientOptions(this.timeout, this.maxLineLength, this.maxLiteralSize, this.maxResponseSize,
                this.maxDepth, allow);
    }
}
