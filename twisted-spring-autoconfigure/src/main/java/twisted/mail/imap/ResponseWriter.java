package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;

import twisted.internet.Transport;

/**
 * Writes the server's responses (RFC 3501 section 7): untagged ({@code * ...}), tagged
 * ({@code tag OK ...}), continuation requests ({@code + ...}), and responses that carry literals.
 * Text given here is ASCII the server made; only literals carry the client's bytes.
 */
final class ResponseWriter {

    private static final byte[] CRLF = { '\r', '\n' };

    private final Transport transport;

    ResponseWriter(Transport transport) {
        this.transport = transport;
    }

    void untagged(String text) {
        line("* " + text);
    }

    void tagged(String tag, String text) {
        line(tag + " " + text);
    }

    void continuation(String text) {
        line("+ " + text);
    }

    void line(String text) {
        this.transport.writeSequence(List.of(text.getBytes(StandardCharsets.UTF_8), CRLF));
    }

    /**
     * A response in pieces: text, then literals after their {@code {n}} announcements.
     *
     * @param pieces text as {@link String}, literal contents as {@code byte[]}
     */
    void untaggedWithLiterals(List<Object> pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("* ".getBytes(StandardCharsets.US_ASCII));
        for (Object piece : pieces) {
            if (piece instanceof byte[] literal) {
                out.writeBytes(("{" + literal.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(literal);
            }
            else {
                out.writeBytes(piece.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        out.writeBytes(CRLF);
        this.transport.write(out.toByteArray());
    }
}
