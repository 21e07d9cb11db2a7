package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IMAP response values in tests: an s-expression of {@code NIL}, numbers, atoms, quoted
 * strings, literals and parenthesised lists, checking that it is well formed (balanced
 * parentheses, escapes only of {@code "} and {@code \}, literals of exactly their stated length).
 * Strings come out as {@code S:value} whichever way they were written, so that two answers that
 * differ only in quoting compare equal.
 */
final class ImapValues {

    private final byte[] bytes;

    private int at;

    private ImapValues(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The tokens of one value that must fill the input exactly. */
    static List<String> tokens(byte[] value) {
        ImapValues reader = new ImapValues(value);
        List<String> out = new ArrayList<>();
        reader.value(out);
        if (reader.at != value.length) {
            throw new IllegalArgumentException("trailing bytes at " + reader.at);
        }
        return out;
    }

    static List<String> tokens(String value) {
        return tokens(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The octets of a single string value (quoted or literal). */
    static byte[] string(byte[] value) {
        ImapValues reader = new ImapValues(value);
        byte[] out = reader.stringBytes();
        if (reader.at != value.length) {
            throw new IllegalArgumentException("trailing bytes at " + reader.at);
        }
        return out;
    }

    private void value(List<String> out) {
        byte b = peek();
        if (b == '(') {
            this.at++;
            out.add("(");
            boolean first = true;
            while (peek() != ')') {
                if (!first && peek() == ' ') {
                    this.at++;
                }
                value(out);
                first = false;
            }
            this.at++;
            out.add(")");
        }
        else if (b == '"' || b == '{') {
            out.add("S:" + new String(stringBytes(), StandardCharsets.UTF_8));
        }
        else {
            int start = this.at;
            while (this.at < this.bytes.length && this.bytes[this.at] > ' ' && this.bytes[this.at] != '('
                    && this.bytes[this.at] != ')' && this.bytes[this.at] < 0x7f && this.bytes[this.at] != '"') {
                this.at++;
            }
            if (this.at == start) {
                throw new IllegalArgumentException("unexpected byte " + b + " at " + start);
            }
            out.add(new String(this.bytes, start, this.at - start, StandardCharsets.US_ASCII));
        }
    }

    private byte[] stringBytes() {
        byte b = peek();
        if (b == '{') {
            int close = this.at;
            while (peekAt(close) != '}') {
                close++;
            }
            int length = Integer.parseInt(new String(this.bytes, this.at + 1, close - this.at - 1,
                    StandardCharsets.US_ASCII));
            if (peekAt(close + 1) != '\r' || peekAt(close + 2) != '\n') {
                throw new IllegalArgumentException("literal without CR LF at " + close);
            }
            int start = close + 3;
            if (start + length > this.bytes.length) {
                throw new IllegalArgumentException("literal longer than the input");
            }
            this.at = start + length;
            byte[] out = new byte[length];
            System.arraycopy(this.bytes, start, out, 0, length);
            return out;
        }
        if (b != '"') {
            throw new IllegalArgumentException("not a string at " + this.at);
        }
        this.at++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            byte c = peek();
            this.at++;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                c = peek();
                this.at++;
                if (c != '"' && c != '\\') {
                    throw new IllegalArgumentException("bad escape at " + this.at);
                }
            }
            else if (c == '\r' || c == '\n' || c == 0 || c < 0) {
                throw new IllegalArgumentException("unquotable byte in a quoted string at " + this.at);
            }
            out.write(c);
        }
    }

    private byte peek() {
        return peekAt(this.at);
    }

    private byte peekAt(int index) {
        if (index >= this.bytes.length) {
            throw new IllegalArgumentException("value ends early at " + index);
        }
        return this.bytes[index];
    }
}
