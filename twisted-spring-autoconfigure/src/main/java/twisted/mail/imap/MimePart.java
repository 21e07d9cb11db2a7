package twisted.mail.imap;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One entity of a message, found by {@link MimeParser}: its header, its body's byte range in the
 * stored message, its content type (the default when the header has none or a broken one), and
 * what it holds: the parts of a multipart, or the message inside a {@code message/rfc822}.
 *
 * @param header the entity's header (the message header for a message, the MIME header for a part)
 * @param bodyStart the body's first octet
 * @param bodyEnd after the body's last octet (a part's body stops before the line end that precedes
 *        the next boundary)
 * @param contentType the content type, {@code text/plain; charset=us-ascii} when missing or broken
 * @param parts the parts of a multipart (never empty for one), empty otherwise
 * @param message the encapsulated message of a {@code message/rfc822}, or {@code null}
 */
record MimePart(MimeHeader header, int bodyStart, int bodyEnd, ContentHeader contentType, List<MimePart> parts,
        @Nullable MimePart message) {

    MimePart {
        parts = List.copyOf(parts);
    }

    boolean isMultipart() {
        return !this.parts.isEmpty();
    }

    /** The media type's part before the slash, lower case. */
    String type() {
        return this.contentType.type();
    }

    /** The media type's part after the slash, as written. */
    String subtype() {
        String value = this.contentType.value();
        return value.substring(value.indexOf('/') + 1).strip();
    }

    /** {@code Content-Transfer-Encoding} as written, {@code 7bit} when missing. */
    String encoding() {
        String encoding = this.header.value("Content-Transfer-Encoding");
        return (encoding == null || encoding.isEmpty()) ? "7bit" : encoding;
    }

    boolean isText() {
        return this.type().equals("text");
    }

    boolean isMessage() {
        return this.type().equals("message") && this.subtype().toLowerCase(Locale.ROOT).equals("rfc822");
    }
}
