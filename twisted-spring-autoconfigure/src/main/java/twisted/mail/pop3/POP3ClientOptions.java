package twisted.mail.pop3;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and login policy of a {@link POP3Client}.
 *
 * <pre>{@code
 * POP3ClientOptions options = POP3ClientOptions.defaults()
 *         .withTimeout(Duration.ofSeconds(30))
 *         .withMaxMessageSize(10 * 1024 * 1024);
 * }</pre>
 *
 * @param timeout how long the server may send nothing while a command (or the greeting) waits for
 *        its reply; then every outstanding command fails with a
 *        {@link twisted.defer.DeferredTimeoutException} and the connection is closed
 * @param maxLineLength the longest line accepted from the server, in bytes without CR LF; a
 *        longer one fails the command with {@link LineTooLong} and closes the connection (RFC
 *        5322 lines are at most 998 bytes, but real mail breaks that)
 * @param maxResponseSize the largest multi-line reply other than a message ({@code CAPA},
 *        {@code LIST}, {@code UIDL}), in bytes after dot-unstuffing; past it,
 *        {@link ResponseTooLarge} and the connection is closed
 * @param maxMessageSize the largest message {@code RETR} or {@code TOP} may return, in bytes
 *        after dot-unstuffing; past it, {@link ResponseTooLarge} and the connection is closed
 * @param allowInsecureLogin whether {@code USER}/{@code PASS} may send the password over a
 *        connection without TLS (Twisted: {@code allowInsecureLogin}); off by default, so that a
 *        password only ever travels encrypted
 * @param useApop whether {@link POP3Client#login} uses {@code APOP} when the greeting carries a
 *        challenge (Twisted does); APOP sends an MD5 digest, not the password, so it is allowed
 *        without TLS, but a recorded digest can be attacked offline: turn it off to make logins
 *        use {@code USER}/{@code PASS} after {@code STLS} only
 * @since 0.1.0
 */
public record POP3ClientOptions(Duration timeout, int maxLineLength, long maxResponseSize, long maxMessageSize,
        boolean allowInsecureLogin, boolean useApop) {

    /** Checks the values. */
    public POP3ClientOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("maxLineLength must be at least 64: " + maxLineLength);
        }
        if (maxResponseSize < 1) {
            throw new IllegalArgumentException("maxResponseSize must be positive: " + maxResponseSize);
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
    }

    /**
     * The defaults: 60 seconds, 8192-byte lines, 16 MiB listings, 64 MiB messages, no password
     * without TLS, APOP when offered.
     *
     * @return the defaults
     */
    public static POP3ClientOptions defaults() {
        return new POP3ClientOptions(Duration.ofSeconds(60), 8192, 16L << 20, 64L << 20, false, true);
    }

    /**
     * These options with another timeout.
     *
     * @param timeout how long a reply may take, counted from the last line received
     * @return new options
     */
    public POP3ClientOptions withTimeout(Duration timeout) {
        return new POP3ClientOptions(timeout, this.maxLineLength, this.maxResponseSize, this.maxMessageSize,
                this.allowInsecureLogin, this.useApop);
    }

    /**
     * These options with another line limit.
     *
     * @param maxLineLength bytes, without CR LF
     * @return new options
     */
    public POP3ClientOptions withMaxLineLength(int maxLineLength) {
        return new POP3ClientOptions(this.timeout, maxLineLength, this.maxResponseSize, this.maxMessageSize,
                this.allowInsecureLogin, this.useApop);
    }

    /**
     * These options with another limit on listings.
     *
     * @param maxResponseSize bytes
     * @return new options
     */
    public POP3ClientOptions withMaxResponseSize(long maxResponseSize) {
        return new POP3ClientOptions(this.timeout, this.maxLineLength, maxResponseSize, this.maxMessageSize,
                this.allowInsecureLogin, this.useApop);
    }

    /**
     * These options with another limit on messages.
     *
     * @param maxMessageSize bytes
     * @return new options
     */
    public POP3ClientOptions withMaxMessageSize(long maxMessageSize) {
        return new POP3ClientOptions(this.timeout, this.maxLineLength, this.maxResponseSize, maxMessageSize,
                this.allowInsecureLogin, this.useApop);
    }

    /**
     * These options with plain-text passwords allowed or not. Allow them only on a connection
     * that is private by other means (loopback, a VPN).
     *
     * @param allow whether a password may be sent without TLS
     * @return new options
     */
    public POP3ClientOptions withAllowInsecureLogin(boolean allow) {
        return new POP3ClientOptions(this.timeout, this.maxLineLength, this.maxResponseSize, this.maxMessageSize,
                allow, this.useApop);
    }

    /**
     * These options with APOP used when offered, or never.
     *
     * @param use whether {@code login} prefers APOP
     * @return new options
     */
    public POP3ClientOptions withUseApop(boolean use) {
        return new POP3ClientOptions(this.timeout, this.maxLineLength, this.maxResponseSize, this.maxMessageSize,
                this.allowInsecureLogin, use);
    }
}
