package twisted.mail.imap;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message's {@code ENVELOPE}, as {@link IMAP4Client#fetch} returns it (RFC 3501 section
 * 7.4.2). Header values are as the server sends them (RFC 2047 encoded words are not decoded).
 *
 * @param date the Date header, or {@code null}
 * @param subject the Subject, or {@code null}
 * @param from the From addresses
 * @param sender the Sender addresses
 * @param replyTo the Reply-To addresses
 * @param to the To addresses
 * @param cc the Cc addresses
 * @param bcc the Bcc addresses
 * @param inReplyTo the In-Reply-To header, or {@code null}
 * @param messageId the Message-ID, or {@code null}
 * @since 0.1.0
 */
public record Envelope(@Nullable String date, @Nullable String subject, List<Address> from, List<Address> sender,
        List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, @Nullable String inReplyTo,
        @Nullable String messageId) {
}
