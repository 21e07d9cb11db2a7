package twisted.mail.tap;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP server's options, under {@code twisted.services.smtp.options}; where mail goes (the
 * Maildir root, the local domains) is under {@code twisted.mail}, shared with POP3.
 *
 * @param maxMessageSize the largest message accepted (announced as {@code SIZE}; {@code 552} past
 *        it), 10MB unless set
 * @param maxRecipients the most recipients per message ({@code 452} past it), 100 unless set
 * @param maxBadCommands bad commands before {@code 421} and the connection closed, 20 unless set
 * @param idleTimeout how long the server waits for a client's next command ({@code 421}), 5m
 *        unless set (RFC 5321 asks for at least 5 minutes)
 * @param allowAuthWithoutTls whether AUTH is offered on a connection without TLS (passwords in
 *        clear text), false unless set
 * @param sslBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose key and
 *        certificate STARTTLS uses; unset for no STARTTLS
 * @since 0.1.0
 */
public record SMTPOptions(@Nullable DataSize maxMessageSize, @Nullable Integer maxRecipients,
        @Nullable Integer maxBadCommands, @Nullable Duration idleTimeout, @Nullable Boolean allowAuthWithoutTls,
        @Nullable String sslBundle) {
}
