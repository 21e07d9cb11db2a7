package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the entities of a stored message: each header, each body's byte range, the parts of
 * every multipart and the message inside every {@code message/rfc822}, recursively. Byte ranges
 * are what IMAP's sections and sizes need, and Apache mime4j's parsers do not report them, so the
 * boundaries are found here (RFC 2046 section 5.1.1); mime4j decodes the contents
 * ({@link MessageStructure#text()}, {@link MessageStructure#header}).
 *
 * <p>Lenient by design, like Dovecot: a multipart whose boundary never appears holds one empty
 * {@code text/plain} part; a part whose closing boundary is missing runs to the end of its
 * parent; beyond {@link #MAX_DEPTH} levels or {@link #MAX_PARTS} entities, the rest is one
 * opaque {@code text/plain} body. Nothing here throws on any input.
 */
final class MimeParser {

    /** How deep multiparts and encapsulated messages may nest before the rest is opaque. */
    static final int MAX_DEPTH = 100;

    /** How many entities one message may have before the rest is opaque. */
    static final int MAX_PARTS = 10_000;

    private static final ContentHeader TEXT_PLAIN = new ContentHeader("text/plain", List.of("charset", "us-ascii"));

    private static final ContentHeader MESSAGE_RFC822 = new ContentHeader("message/rfc822", List.of());

    private final byte[] message;

    private int entities;

    private MimeParser(byte[] message) {
        this.message = message;
    }

    /** The message's root entity: the message header and its body. */
    static MimePart parse(byte[] message) {
        return new MimeParser(message).entity(0, message.length, false, 0);
    }

    private MimePart entity(int start, int end, boolean inDigest, int depth) {
        MimeHeader header = MimeHeader.parse(this.message, start, end);
        int bodyStart = header.end();
        this.entities++;
        ContentHeader type = contentType(header, inDigest);
        boolean opaque = depth >= MAX_DEPTH || this.entities >= MAX_PARTS;
        if (opaque) {
            return leaf(header, bodyStart, end, type.type().equals("multipart") ? TEXT_PLAIN : type);
        }
        if (type.type().equals("multipart")) {
            String boundary = type.parameter("boundary");
            List<MimePart> parts = (boundary == null || boundary.isEmpty()) ? List.of()
                    : parts(bodyStart, end, boundary, type.value().toLowerCase(java.util.Locale.ROOT)
                            .endsWith("/digest"), depth);
            if (parts.isEmpty()) {
                // Dovecot shows a multipart without parts as one with a single empty text/plain part
                parts = List.of(leaf(MimeHeader.parse(this.message, end, end), end, end, TEXT_PLAIN));
            }
            return new MimePart(header, bodyStart, end, type, parts, null);
        }
        MimePart part = leaf(header, bodyStart, end, type);
        if (part.isMessage()) {
            return new MimePart(header, bodyStart, end, type, List.of(), entity(bodyStart, end, false, depth + 1));
        }
        return part;
    }

    private static MimePart leaf(MimeHeader header, int bodyStart, int bodyEnd, ContentHeader type) {
        return new MimePart(header, bodyStart, bodyEnd, type, List.of(), null);
    }

    private static ContentHeader contentType(MimeHeader header, boolean inDigest) {
        String value = header.value("Content-Type");
        ContentHeader type = (value != null) ? ContentHeader.parse(value) : null;
        if (type == null || !type.isMediaType()) {
            return inDigest ? MESSAGE_RFC822 : TEXT_PLAIN;
        }
        if (type.type().equals("text") && type.parameter("charset") == null) {
            List<String> parameters = new ArrayList<>(type.parameters());
            parameters.add("charset");
            parameters.add("us-ascii");
            return new ContentHeader(type.value(), parameters);
        }
        return type;
    }

    /** The parts between the boundaries of {@code start..end}; empty when the boundary never appears. */
    private List<MimePart> parts(int start, int end, String boundary, boolean digest, int depth) {
        byte[] dashes = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        List<MimePart> parts = new ArrayList<>();
        int partStart = -1;
        int at = start;
        while (at < end) {
            int lineEnd = Lines.next(this.message, at, end);
            int kind = delimiter(at, lineEnd, dashes);
            if (kind != 0) {
                if (partStart >= 0 && this.entities >= MAX_PARTS) {
                    parts.add(leaf(MimeHeader.parse(this.message, partStart, partStart), partStart, end, TEXT_PLAIN));
                    return parts;
                }
                if (partStart >= 0) {
                    parts.add(entity(partStart, Lines.beforeLineEnd(this.message, partStart, at), digest, depth + 1));
                }
                if (kind == 2) {
                    return parts;
                }
                partStart = lineEnd;
            }
            at = lineEnd;
        }
        if (partStart >= 0) {
            parts.add(entity(partStart, end, digest, depth + 1));
        }
        return parts;
    }

    /** 0 if the line is no delimiter, 1 for {@code --boundary}, 2 for {@code --boundary--}. */
    private int delimiter(int from, int to, byte[] dashes) {
        if (to - from < dashes.length) {
            return 0;
        }
        for (int i = 0; i < dashes.length; i++) {
            if (this.message[from + i] != dashes[i]) {
                return 0;
            }
        }
        int at = from + dashes.length;
        int kind = 1;
        if (at + 1 < to && this.message[at] == '-' && this.message[at + 1] == '-') {
            kind = 2;
            at += 2;
        }
        for (; at < to; at++) {
            byte b = this.message[at];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return 0;
            }
        }
        return kind;
    }
}
