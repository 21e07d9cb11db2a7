package twisted.mail.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Gathers the lines and literals of one server response for {@link IMAP4Client}: a line ending
 * in {@code {n}} is followed by n raw bytes, then the response goes on with the next line. It
 * checks the literal size and the response's total size against {@link IMAPClientOptions}; the
 * line length is checked by the client's line framing. One per connection, reactor thread only.
 */
final class ResponseFramer {

    private static final byte[] CRLF = { '\r', '\n' };

    private final IMAPClientOptions options;

    private final ByteArrayOutputStream response = new ByteArrayOutputStream();

    private long literalLeft;

    ResponseFramer(IMAPClientOptions options) {
        this.options = options;
    }

    /**
     * Takes a line of the response.
     *
     * @param line the line without its CR LF
     * @return the size of the literal that follows, or -1 when the response is complete
     * @throws IllegalServerResponseException when a limit is broken
     */
    long line(byte[] line) {
        grow(line.length + 2);
        this.response.write(line, 0, line.length);
        long literal = literalSize(line);
        if (literal < 0) {
            return -1;
        }
        if (literal > this.options.maxLiteralSize()) {
            throw new IllegalServerResponseException("literal size (" + literal
                    + ") exceeds the allowed maximum (" + this.options.maxLiteralSize() + ")");
        }
        grow(literal);
        this.response.write(CRLF, 0, 2);
        this.literalLeft = literal;
        return literal;
    }

    /**
     * Takes literal bytes.
     *
     * @param data bytes read in raw mode
     * @return how many belong to the literal; the rest are lines again
     */
    int literal(byte[] data) {
        int used = (int) Math.min(this.literalLeft, data.length);
        this.response.write(data, 0, used);
        this.literalLeft -= used;
        return used;
    }

    /** Whether the literal being read is complete. */
    boolean literalDone() {
        return this.literalLeft == 0;
    }

    /** The whole response, and a fresh start for the next. */
    byte[] take() {
        byte[] whole = this.response.toByteArray();
        this.response.reset();
        return whole;
    }

    private void grow(long more) {
        if (this.response.size() + more > this.options.maxResponseSize()) {
            throw new IllegalServerResponseException("response size (" + (this.response.size() + more)
                    + ") exceeds the allowed maximum (" + this.options.maxResponseSize() + ")");
        }
    }

    /** The n of a trailing {@code {n}}, or -1. */
    static long literalSize(byte[] line) {
        int end = line.length - 1;
        if (end < 2 || line[end] != '}') {
            return -1;
        }
        int open = end - 1;
        while (open >= 0 && line[open] >= '0' && line[open] <= '9') {
            open--;
        }
        if (open < 0 || line[open] != '{' || open == end - 1 || end - open - 1 > 18) {
            return -1;
        }
        return Long.parseLong(new String(line, open + 1, end - open - 1, StandardCharsets.US_ASCII));
    }
}
