package twisted.mail.tap;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The IMAP server's options, under {@code twisted.services.imap.options}; the mailboxes are the
 * Maildir store's, under {@code twisted.mail}.
 *
 * @param idleTimeout how long a session may stay silent before {@code * BYE} and a close, 30m
 *        unless set (RFC 3501 asks for at least 30 minutes; less is refused)
 * @param maxBadCommands bad commands before {@code * BYE} and a close, 20 unless set
 * @param allowLoginWithoutTls whether {@code LOGIN} and {@code AUTHENTICATE} are accepted on a
 *        connection without TLS (passwords in clear text), false unless set
 * @param maxLiteralSize the largest literal a client may send ({@code APPEND}'s message), 32MB
 *        unless set
 * @param maxLineLength the longest command line, literals aside, 8KB unless set
 * @param maxSessionsPerUser how many sessions one user may have at once ({@code NO [LIMIT]} past
 *        it), 10 unless set
 * @param sslBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose key and
 *        certificate STARTTLS uses; unset for no STARTTLS
 * @since 0.1.0
 */
public record IMAPOptions(@Nullable Duration idleTimeout, @Nullable Integer maxBadCommands,
        @Nullable Boolean allowLoginWithoutTls, @Nullable DataSize maxLiteralSize, @Nullable DataSize maxLineLength,
        @Nullable Integer maxSessionsPerUser, @Nullable String sslBundle) {
}
