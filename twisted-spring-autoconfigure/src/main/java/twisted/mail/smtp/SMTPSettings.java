package twisted.mail.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits and choices of an {@link ESMTP} server. Start from {@link #defaults()} and change
 * what differs with the {@code with...} methods. Twisted's {@code SMTP} has only its
 * {@code timeout} (600 s) and no limits.
 *
 * @param hostname the server's name, in the greeting, the {@code EHLO} reply and Received headers
 * @param maxMessageSize the largest message accepted, in bytes (advertised as {@code SIZE}); a
 *        larger one gets {@code 552 5.3.4}
 * @param maxRecipients recipients per message; one more gets {@code 452 4.5.3}
 * @param maxLineLength the longest command line, CR LF excluded (RFC 5321 allows 512 with it;
 *        AUTH lines need more, RFC 4954 says 12288); a longer one gets {@code 500 5.5.2}
 * @param maxDataLineLength the longest line of a message, CR LF excluded (RFC 5321: 998); a
 *        message with a longer one gets {@code 500 5.5.2}
 * @param maxBadCommands failed commands (500, 501, 502, 503, 504, 535, 538 and 555 replies, and 554 for DATA without recipients) before the
 *        server says {@code 421 4.7.0} and closes
 * @param idleTimeout how long the server waits for the client's next bytes (RFC 5321 section
 *        4.5.3.2.7 asks for at least 5 minutes) before {@code 421 4.4.2} and closing
 * @param allowAuthWithoutTls whether AUTH is offered on a connection without TLS (passwords in
 *        clear text); off by default
 * @since 0.1.0
 */
public record SMTPSettings(String hostname, long maxMessageSize, int maxRecipients, int maxLineLength,
        int maxDataLineLength, int maxBadCommands, Duration idleTimeout, boolean allowAuthWithoutTls) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a limit is out of range
     */
    public SMTPSettings {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (hostname.isEmpty() || !hostname.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("hostname must be printable ASCII without spaces");
        }
        if (maxMessageSize < 1 || maxRecipients < 1 || maxLineLength < 510 || maxDataLineLength < 998
                || maxBadCommands < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("SMTP limits out of range (line lengths: at least RFC 5321's, "
                    + "others positive)");
        }
    }

    /**
     * Host {@code localhost}, messages up to 10 MiB, 100 recipients, command lines of 2048
     * bytes, message lines of 998 bytes, 20 bad commands, 5 minutes idle, AUTH only over TLS.
     *
     * @return the defaults
     */
    public static SMTPSettings defaults() {
        return new SMTPSettings("localhost", 10L * 1024 * 1024, 100, 2048, 998, 20, Duration.ofMinutes(5), false);
    }

    /**
     * @param value the host name
     * @return a copy with it
     */
    public SMTPSettings withHostname(String value) {
        return new SMTPSettings(value, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
                this.maxDataLineLength, this.maxBadCommands, this.idleTimeout, this.allowAuthWithoutTls);
    }

    /**
     * @param value the largest message, in bytes
     * @return a copy with it
     */
    public SMTPSettings withMaxMessageSize(long value) {
        return new SMTPSettings(this.hostname, value, this.maxRecipients, this.maxLineLength,
                this.maxDataLineLength, this.maxBadCommands, this.idleTimeout, this.allowAuthWithoutTls);
    }

    /**
     * @param value recipients per message
     * @return a copy with it
     */
    public SMTPSettings withMaxRecipients(int value) {
        return new SMTPSettings(this.hostname, this.maxMessageSize, value, this.maxLineLength,
                this.maxDataLineLength, this.maxBadCommands, this.idleTimeout, this.allowAuthWithoutTls);
    }

    /**
     * @param value the longest command line
     * @return a copy with it
     */
    public SMTPSettings withMaxLineLength(int value) {
        return new SMTPSettings(this.hostname, this.maxMessageSize, this.maxRecipients, value,
                this.maxDataLineLength, this.maxBadCommands, this.idleTimeout, this.allowAuthWithoutTls);
    }

    /**
     * @param value the longest message line
     * @return a copy with it
     */
    public SMTPSettings withMaxDataLineLength(int value) {
        return new SMTPSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
                value, this.maxBadCommands, this.idleTimeout, this.allowAuthWithoutTls);
    }

    /**
     * @param value failed commands before disconnecting
     * @return a copy with it
     */
    public SMTPSettings withMaxBadCommands(int value) {
        return new SMTPSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
                this.maxDataLineLength, value, this.idleTimeout, this.allowAuthWithoutTls);
    }

    /**
     * @param value the idle timeout
     * @return a copy with it
     */
    public SMTPSettings withIdleTimeout(Duration value) {
        return new SMTPSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
                this.maxDataLineLength, this.maxBadCommands, value, this.allowAuthWithoutTls);
    }

    /**
     * @param value whether AUTH is offered without TLS
     * @return a copy with it
     */
    public SMTPSettings withAllowAuthWithoutTls(boolean value) {
        return new SMTPSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
                this.maxDataLineLength, this.maxBadCommands, this.idleTimeout, value);
    }
}
