package twisted.mail.imap;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import twisted.mail.imap.FetchItem.Section;
import twisted.mail.imap.FetchItem.SectionText;

/**
 * Cuts a {@code BODY[section]} out of a stored message (RFC 3501 section 6.4.5), the way Dovecot
 * does: part numbers walk into multiparts and through {@code message/rfc822} parts into their
 * messages; part 1 of a message that is not a multipart is its body; {@code HEADER}, {@code TEXT}
 * and {@code HEADER.FIELDS} apply to a message (the whole one, or one inside a
 * {@code message/rfc822} part), {@code MIME} to a part's own header. A part that does not exist,
 * or a {@code HEADER} asked of a part that holds no message, is empty.
 */
final class SectionReader {

    private static final byte[] CRLF = {'\r', '\n'};

    private SectionReader() {
    }

    static byte[] read(byte[] message, MimePart root, Section section) {
        Position at = new Position(root, Role.MESSAGE);
        for (int number : section.part()) {
            at = step(at, number);
            if (at == null) {
                return new byte[0];
            }
        }
        MimePart part = at.part();
        SectionText text = section.text();
        if (text == null) {
            return (at.role() == Role.MESSAGE) ? Arrays.copyOfRange(message, part.header().start(), part.bodyEnd())
                    : Arrays.copyOfRange(message, part.bodyStart(), part.bodyEnd());
        }
        if (text == SectionText.MIME) {
            return Arrays.copyOfRange(message, part.header().start(), part.bodyStart());
        }
        MimePart target = (at.role() == Role.MESSAGE) ? part : part.message();
        if (target == null) {
            return new byte[0];
        }
        return switch (text) {
            case HEADER -> Arrays.copyOfRange(message, target.header().start(), target.bodyStart());
            case TEXT -> Arrays.copyOfRange(message, target.bodyStart(), target.bodyEnd());
            case HEADER_FIELDS -> fields(message, target.header(), section.fields(), true);
            default -> fields(message, target.header(), section.fields(), false);
        };
    }

    /** What a part number has reached: a message, the body of a single-part message, or a part. */
    private enum Role {
        MESSAGE, MESSAGE_BODY, PART
    }

    private record Position(MimePart part, Role role) {
    }

    /**
     * The part numbered {@code number} inside {@code at}: a multipart's part; for a message that
     * is not a multipart, part 1 is its body (which has parts only if it is a {@code message/rfc822});
     * through a {@code message/rfc822} part into its message; and, as Dovecot answers, part 1 of
     * any other part is that part.
     */
    private static @Nullable Position step(Position at, int number) {
        MimePart part = at.part();
        if (part.isMultipart()) {
            return (number >= 1 && number <= part.parts().size()) ? new Position(part.parts().get(number - 1), Role.PART)
                    : null;
        }
        return switch (at.role()) {
            case MESSAGE -> (number == 1) ? new Position(part, Role.MESSAGE_BODY) : null;
            case MESSAGE_BODY -> (part.message() != null) ? step(new Position(part.message(), Role.MESSAGE), number)
                    : null;
            case PART -> (part.message() != null) ? step(new Position(part.message(), Role.MESSAGE), number)
                    : (number == 1) ? at : null;
        };
    }

    /**
     * The fields named (or all but those), each with its folded lines and a line end, then an
     * empty line if the header has one (as Dovecot answers for a message that is all header).
     */
    private static byte[] fields(byte[] message, MimeHeader header, List<String> names, boolean wanted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MimeHeader.Field field : header.fields()) {
            boolean named = names.stream().anyMatch(name -> name.equalsIgnoreCase(field.name()));
            if (named == wanted) {
                out.write(message, field.start(), field.end() - field.start());
                if (message[field.end() - 1] != '\n') {
                    out.writeBytes(CRLF);
                }
            }
        }
        if (header.terminated()) {
            out.writeBytes(CRLF);
        }
        return out.toByteArray();
    }
}
