package twisted.mail.tap;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The POP3 server's options, under {@code twisted.services.pop3.options}; the mailboxes are the
 * Maildir store's, under {@code twisted.mail}.
 *
 * @param idleTimeout how long a session may stay silent before it is closed, 10m unless set (RFC
 *        1939 asks for at least 10 minutes)
 * @param maxBadCommands bad commands before the connection is closed, 10 unless set
 * @param requireTlsForLogin whether USER/PASS are refused until STLS has secured the connection
 *        (only with an {@code ssl-bundle}), false unless set
 * @param sslBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose key and
 *        certificate STLS uses; unset for no STLS
 * @since 0.1.0
 */
public record POP3Options(@Nullable Duration idleTimeout, @Nullable Integer maxBadCommands,
        @Nullable Boolean requireTlsForLogin, @Nullable String sslBundle) {
}
