package twisted.mail.imap;

import java.util.List;

/**
 * Writes a parsed entity as an IMAP {@code BODYSTRUCTURE} or {@code BODY} (RFC 3501 section
 * 7.4.2): for a multipart its parts then its subtype; for a single part the type, subtype,
 * parameters, id, description, encoding and size in octets of the body as stored, then the line
 * count for {@code text/*} and the envelope, structure and line count for {@code message/rfc822}.
 * {@code BODYSTRUCTURE} adds the extension data: MD5 ({@code NIL}), disposition, language and
 * location for a single part; parameters, disposition, language and location for a multipart.
 * Case is kept as written (IMAP compares these without case).
 */
final class BodyStructureWriter {

    private final byte[] message;

    private final boolean extension;

    private BodyStructureWriter(byte[] message, boolean extension) {
        this.message = message;
        this.extension = extension;
    }

    static String write(byte[] message, MimePart root, boolean extension) {
        StringBuilder out = new StringBuilder();
        new BodyStructureWriter(message, extension).part(root, out);
        return out.toString();
    }

    private void part(MimePart part, StringBuilder out) {
        out.append('(');
        if (part.isMultipart()) {
            for (MimePart child : part.parts()) {
                part(child, out);
            }
            out.append(' ').append(IMAPStrings.string(part.subtype()));
            if (this.extension) {
                out.append(' ').append(parameters(part.contentType().parameters()));
                extensions(part, out);
            }
        }
        else {
            single(part, out);
        }
        out.append(')');
    }

    private void single(MimePart part, StringBuilder out) {
        MimeHeader header = part.header();
        String value = part.contentType().value();
        out.append(IMAPStrings.string(value.substring(0, value.indexOf('/')).strip())).append(' ')
                .append(IMAPStrings.string(part.subtype())).append(' ')
                .append(parameters(part.contentType().parameters())).append(' ')
                .append(IMAPStrings.nstring(header.value("Content-ID"))).append(' ')
                .append(IMAPStrings.nstring(header.value("Content-Description"))).append(' ')
                .append(IMAPStrings.string(part.encoding())).append(' ')
                .append(part.bodyEnd() - part.bodyStart());
        MimePart inner = part.message();
        if (inner != null) {
            out.append(' ').append(EnvelopeWriter.envelope(inner.header())).append(' ');
            part(inner, out);
            out.append(' ').append(Lines.count(this.message, part.bodyStart(), part.bodyEnd()));
        }
        else if (part.isText()) {
            out.append(' ').append(Lines.count(this.message, part.bodyStart(), part.bodyEnd()));
        }
        if (this.extension) {
            out.append(" NIL");
            extensions(part, out);
        }
    }

    /** Disposition, language, location. */
    private static void extensions(MimePart part, StringBuilder out) {
        MimeHeader header = part.header();
        String disposition = header.value("Content-Disposition");
        if (disposition == null) {
            out.append(" NIL");
        }
        else {
            ContentHeader parsed = ContentHeader.parse(disposition);
            out.append(" (").append(IMAPStrings.string(parsed.value())).append(' ')
                    .append(parameters(parsed.parameters())).append(')');
        }
        String language = header.value("Content-Language");
        if (language == null || language.isBlank()) {
            out.append(" NIL");
        }
        else {
            out.append(" (");
            String separator = "";
            for (String tag : language.split("[,\\s]+")) {
                if (!tag.isEmpty()) {
                    out.append(separator).append(IMAPStrings.string(tag));
                    separator = " ";
                }
            }
            out.append(')');
        }
        out.append(' ').append(IMAPStrings.nstring(header.value("Content-Location")));
    }

    private static String parameters(List<String> parameters) {
        if (parameters.isEmpty()) {
            return "NIL";
        }
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < parameters.size(); i++) {
            out.append((i > 0) ? " " : "").append(IMAPStrings.string(parameters.get(i)));
        }
        return out.append(')').toString();
    }
}
