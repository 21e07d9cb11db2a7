package twisted.mail.imap;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes a message header as an IMAP {@code ENVELOPE} (RFC 3501 section 7.4.2): date, subject,
 * from, sender, reply-to, to, cc, bcc, in-reply-to and message-id, each the first such field
 * unfolded but not decoded, {@code NIL} when the field is missing; sender and reply-to default
 * to from. Every string goes through {@link IMAPStrings}.
 */
final class EnvelopeWriter {

    private EnvelopeWriter() {
    }

    static String envelope(MimeHeader header) {
        StringBuilder out = new StringBuilder("(");
        out.append(IMAPStrings.nstring(header.value("Date"))).append(' ');
        out.append(IMAPStrings.nstring(header.value("Subject"))).append(' ');
        String from = addresses(header.value("From"));
        out.append(from).append(' ');
        String sender = addresses(header.value("Sender"));
        out.append(sender.equals("NIL") ? from : sender).append(' ');
        String replyTo = addresses(header.value("Reply-To"));
        out.append(replyTo.equals("NIL") ? from : replyTo).append(' ');
        out.append(addresses(header.value("To"))).append(' ');
        out.append(addresses(header.value("Cc"))).append(' ');
        out.append(addresses(header.value("Bcc"))).append(' ');
        out.append(IMAPStrings.nstring(header.value("In-Reply-To"))).append(' ');
        out.append(IMAPStrings.nstring(header.value("Message-ID")));
        return out.append(')').toString();
    }

    /** An address list, or {@code NIL} when the field is missing or holds no address. */
    private static String addresses(@Nullable String value) {
        if (value == null) {
            return "NIL";
        }
        List<EnvelopeAddresses.Address> list = EnvelopeAddresses.parse(value);
        if (list.isEmpty()) {
            return "NIL";
        }
        StringBuilder out = new StringBuilder("(");
        for (EnvelopeAddresses.Address address : list) {
            out.append('(').append(IMAPStrings.nstring(address.name())).append(' ')
                    .append(IMAPStrings.nstring(address.route())).append(' ')
                    .append(IMAPStrings.nstring(address.mailbox())).append(' ')
                    .append(IMAPStrings.nstring(address.host())).append(')');
        }
        return out.append(')').toString();
    }
}
