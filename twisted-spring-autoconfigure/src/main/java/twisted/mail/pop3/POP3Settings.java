package twisted.mail.pop3;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and names of a {@link POP3Factory}'s sessions.
 *
 * @param hostname the server's name, in the greeting and the APOP timestamp
 * @param implementation what {@code CAPA} says after {@code IMPLEMENTATION}
 * @param idleTimeout how long a session may send nothing before it is closed (RFC 1939: at least
 *        10 minutes; Twisted uses 5); the mailbox is released, nothing is deleted
 * @param maxLineLength the longest command line, in bytes without its line ending (RFC 2449:
 *        255 octets with it); a longer one gets {@code -ERR} and the connection is closed
 * @param maxBadCommands how many unknown, misplaced or malformed commands a session may send;
 *        the next one closes it
 * @param chunkSize how many bytes of a message are read and written at a time by {@code RETR}
 *        and {@code TOP}
 * @param requireTlsForLogin whether {@code USER}/{@code PASS} and {@code APOP} are refused until
 *        {@code STLS} has secured the connection (has effect only when TLS is configured)
 * @since 0.1.0
 */
public record POP3Settings(String hostname, String implementation, Duration idleTimeout, int maxLineLength,
        int maxBadCommands, int chunkSize, boolean requireTlsForLogin) {

    /** Checks the values. */
    public POP3Settings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (maxLineLength < 16) {
            throw new IllegalArgumentException("maxLineLength must be at least 16: " + maxLineLength);
        }
        if (maxBadCommands < 0) {
            throw new IllegalArgumentException("maxBadCommands must be >= 0: " + maxBadCommands);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1: " + chunkSize);
        }
        if (hostname.isEmpty() || hostname.chars().anyMatch(c -> c <= ' ' || c > '~' || c == '<' || c == '>')) {
            throw new IllegalArgumentException("hostname must be printable ASCII without spaces: " + hostname);
        }
    }

    /**
     * The defaults: host {@code localhost}, 10 minutes idle, 253-byte lines, 10 bad commands,
     * 16 KiB chunks, plain-text login allowed.
     *
     * @return the defaults
     */
    public static POP3Settings defaults() {
        return new POP3Settings("localhost", "twisted-spring", Duration.ofMinutes(10), 253, 10, 16384, false);
    }

    /**
     * These settings with another host name.
     *
     * @param hostname the name
     * @return the new settings
     */
    public POP3Settings withHostname(String hostname) {
        return new POP3Settings(hostname, this.implementation, this.idleTimeout, this.maxLineLength,
                this.maxBadCommands, this.chunkSize, this.requireTlsForLogin);
    }

    /**
     * These settings with another idle timeout.
     *
     * @param idleTimeout the timeout
     * @return the new settings
     */
    public POP3Settings withIdleTimeout(Duration idleTimeout) {
        return new POP3Settings(this.hostname, this.implementation, idleTimeout, this.maxLineLength,
                this.maxBadCommands, this.chunkSize, this.requireTlsForLogin);
    }

    /**
     * These settings with another line length limit.
     *
     * @param maxLineLength bytes
     * @return the new settings
     */
    public POP3Settings withMaxLineLength(int maxLineLength) {
        return new POP3Settings(this.hostname, this.implementation, this.idleTimeout, maxLineLength,
                this.maxBadCommands, this.chunkSize, this.requireTlsForLogin);
    }

    /**
     * These settings with another bad command limit.
     *
     * @param maxBadCommands the count
     * @return the new settings
     */
    public POP3Settings withMaxBadCommands(int maxBadCommands) {
        return new POP3Settings(this.hostname, this.implementation, this.idleTimeout, this.maxLineLength,
                maxBadCommands, this.chunkSize, this.requireTlsForLogin);
    }

    /**
     * These settings with another chunk size.
     *
     * @param chunkSize bytes
     * @return the new settings
     */
    public POP3Settings withChunkSize(int chunkSize) {
        return new POP3Settings(this.hostname, this.implementation, this.idleTimeout, this.maxLineLength,
                this.maxBadCommands, chunkSize, this.requireTlsForLogin);
    }

    /**
     * These settings with plain-text login allowed only over TLS, or not.
     *
     * @param requireTlsForLogin whether login needs {@code STLS} first
     * @return the new settings
     */
    public POP3Settings withRequireTlsForLogin(boolean requireTlsForLogin) {
        return new POP3Settings(this.hostname, this.implementation, this.idleTimeout, this.maxLineLength,
                this.maxBadCommands, this.chunkSize, requireTlsForLogin);
    }
}
