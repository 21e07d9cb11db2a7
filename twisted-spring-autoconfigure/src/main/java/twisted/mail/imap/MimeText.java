package twisted.mail.imap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * Decodes what {@code SEARCH} compares: the text of {@code text/*} parts (transfer encoding
 * undone and charset applied by Apache mime4j's decoders) and header values (encoded-words
 * decoded by mime4j's {@link DecoderUtil}). Lenient: bad encodings and unknown charsets give
 * what can be read (unknown charsets read as UTF-8), never an exception.
 */
final class MimeText {

    private MimeText() {
    }

    /** The decoded text of every {@code text/*} part, in order, each followed by a line break. */
    static String text(byte[] message, MimePart part) {
        StringBuilder out = new StringBuilder();
        append(message, part, out);
        return out.toString();
    }

    private static void append(byte[] message, MimePart part, StringBuilder out) {
        if (part.isMultipart()) {
            for (MimePart child : part.parts()) {
                append(message, child, out);
            }
        }
        else if (part.message() != null) {
            append(message, part.message(), out);
        }
        else if (part.isText()) {
            out.append(decode(message, part)).append('\n');
        }
    }

    private static String decode(byte[] message, MimePart part) {
        InputStream in = new ByteArrayInputStream(message, part.bodyStart(), part.bodyEnd() - part.bodyStart());
        String encoding = part.encoding().toLowerCase(Locale.ROOT);
        if (encoding.equals("base64")) {
            in = new Base64InputStream(in, DecodeMonitor.SILENT);
        }
        else if (encoding.equals("quoted-printable")) {
            in = new QuotedPrintableInputStream(in, DecodeMonitor.SILENT);
        }
        byte[] bytes;
        try (InputStream decoded = in) {
            bytes = decoded.readAllBytes();
        }
        catch (IOException | RuntimeException ex) {
            // the stream is in memory: only a broken encoding gets here, and then the raw octets do
            bytes = java.util.Arrays.copyOfRange(message, part.bodyStart(), part.bodyEnd());
        }
        return new String(bytes, charset(part.contentType().parameter("charset")));
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            Charset charset = CharsetUtil.lookup(name.strip());
            return (charset != null) ? charset : StandardCharsets.UTF_8;
        }
        catch (RuntimeException ex) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A header value with its encoded-words decoded. */
    static String decodeHeader(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        }
        catch (RuntimeException ex) {
            return value;
        }
    }
}
