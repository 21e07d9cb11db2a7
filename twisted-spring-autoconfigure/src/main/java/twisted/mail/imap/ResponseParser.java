package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Parses one whole server response (its literals inline, as {@code {n}CRLF} and the n bytes,
 * without the final CRLF) into a {@link ServerResponse}. The bytes come from
 * {@link ResponseFramer}, which has already checked the sizes; this class checks the syntax and
 * the nesting depth. Not thread-safe; one call per response.
 */
final class ResponseParser {

    private static final Set<String> STATUS = Set.of("OK", "NO", "BAD", "BYE", "PREAUTH");

    private final byte[] in;

    private final int maxDepth;

    private int pos;

    private ResponseParser(byte[] in, int maxDepth) {
        this.in = in;
        this.maxDepth = maxDepth;
    }

    /**
     * Parses a response.
     *
     * @param response the response's bytes
     * @param maxDepth how deeply parenthesised lists may nest
     * @return the response
     * @throws IllegalServerResponseException when it is malformed
     */
    static ServerResponse parse(byte[] response, int maxDepth) {
        return new ResponseParser(response, maxDepth).response();
    }

    private ServerResponse response() {
        String tag = word();
        if (tag.isEmpty()) {
            throw malformed("no tag");
        }
        if (tag.equals("+")) {
            return new ServerResponse(tag, -1, "", List.of(), null, rest());
        }
        expect(' ');
        String keyword = word();
        long number = -1;
        if (tag.equals("*") && !keyword.isEmpty() && keyword.chars().allMatch(Character::isDigit)) {
            number = number(keyword);
            expect(' ');
            keyword = word();
        }
        keyword = keyword.toUpperCase(Locale.ROOT);
        if (keyword.isEmpty()) {
            throw malformed("no keyword");
        }
        if (STATUS.contains(keyword) && number < 0) {
            return status(tag, keyword);
        }
        if (!tag.equals("*")) {
            throw malformed("a tagged response must be OK, NO or BAD, not " + keyword);
        }
        List<@Nullable Object> values = new ArrayList<>();
        while (this.pos < this.in.length) {
            expect(' ');
            values.add(value(0));
        }
        return new ServerResponse(tag, number, keyword, Collections.unmodifiableList(values), null, "");
    }

    private ServerResponse status(String tag, String keyword) {
        String code = null;
        if (this.pos < this.in.length) {
            expect(' ');
            if (this.pos < this.in.length && this.in[this.pos] == '[') {
                int close = indexOf(']', this.pos);
                if (close < 0) {
                    throw malformed("response code without ']'");
                }
                code = ascii(this.pos + 1, close);
                this.pos = close + 1;
                if (this.pos < this.in.length && this.in[this.pos] == ' ') {
                    this.pos++;
                }
            }
        }
        return new ServerResponse(tag, -1, keyword, List.of(), code, rest());
    }

    private @Nullable Object value(int depth) {
        if (this.pos >= this.in.length) {
            throw malformed("a value was expected");
        }
        byte b = this.in[this.pos];
        if (b == '(') {
            if (depth >= this.maxDepth) {
                throw new IllegalServerResponseException(
                        "lists nest deeper than the allowed maximum (" + this.maxDepth + ")");
            }
            this.pos++;
            List<@Nullable Object> list = new ArrayList<>();
            while (true) {
                if (this.pos >= this.in.length) {
                    throw malformed("list without ')'");
                }
                if (this.in[this.pos] == ')') {
                    this.pos++;
                    return Collections.unmodifiableList(list);
                }
                if (!list.isEmpty() && this.in[this.pos] == ' ') {
                    // RFC 3501 body-type-mpart: the parts of a multipart follow each other without a space
                    this.pos++;
                }
                else if (!list.isEmpty() && this.in[this.pos] != '(') {
                    expect(' ');
                }
                list.add(value(depth + 1));
            }
        }
        if (b == '"') {
            return quoted();
        }
        if (b == '{') {
            return literal();
        }
        String atom = atom();
        return atom.equalsIgnoreCase("NIL") ? null : atom;
    }

    private String quoted() {
        this.pos++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (this.pos < this.in.length) {
            byte b = this.in[this.pos++];
            if (b == '"') {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                if (this.pos >= this.in.length) {
                    break;
                }
                b = this.in[this.pos++];
            }
            if (b == '\r' || b == '\n') {
                throw malformed("line break in a quoted string");
            }
            out.write(b);
        }
        throw malformed("quoted string without its closing '\"'");
    }

    private byte[] literal() {
        int close = indexOf('}', this.pos);
        if (close < 0 || close + 2 >= this.in.length + 1) {
            throw malformed("bad literal");
        }
        long size = number(ascii(this.pos + 1, close));
        int start = close + 3;
        if (close + 2 >= this.in.length || this.in[close + 1] != '\r' || this.in[close + 2] != '\n'
                || start + size > this.in.length) {
            throw malformed("bad literal");
        }
        byte[] data = java.util.Arrays.copyOfRange(this.in, start, start + (int) size);
        this.pos = start + (int) size;
        return data;
    }

    /** An atom; brackets may hold spaces and parentheses ({@code BODY[HEADER.FIELDS (FROM)]<0>}). */
    private String atom() {
        int start = this.pos;
        int brackets = 0;
        while (this.pos < this.in.length) {
            byte b = this.in[this.pos];
            if (b == '[') {
                brackets++;
            }
            else if (b == ']' && brackets > 0) {
                brackets--;
            }
            else if (brackets == 0 && (b == ' ' || b == '(' || b == ')' || b == '"' || b == '{')) {
                break;
            }
            else if (b == '\r' || b == '\n' || b < 0x20 && b >= 0) {
                throw malformed("control character in an atom");
            }
            this.pos++;
        }
        if (this.pos == start) {
            throw malformed("an atom was expected");
        }
        return ascii(start, this.pos);
    }

    private String word() {
        int start = this.pos;
        while (this.pos < this.in.length && this.in[this.pos] != ' ') {
            this.pos++;
        }
        return ascii(start, this.pos);
    }

    private String rest() {
        if (this.pos < this.in.length && this.in[this.pos] == ' ') {
            this.pos++;
        }
        String text = new String(this.in, Math.min(this.pos, this.in.length), Math.max(0, this.in.length - this.pos),
                StandardCharsets.UTF_8);
        this.pos = this.in.length;
        return text;
    }

    private void expect(char c) {
        if (this.pos >= this.in.length || this.in[this.pos] != c) {
            throw malformed("'" + c + "' expected at offset " + this.pos);
        }
        this.pos++;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < this.in.length; i++) {
            if (this.in[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private String ascii(int from, int to) {
        return new String(this.in, from, to - from, StandardCharsets.UTF_8);
    }

    static long number(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalServerResponseException("not a number: " + shorten(text));
        }
        return Long.parseLong(text);
    }

    private IllegalServerResponseException malformed(String why) {
        return new IllegalServerResponseException("malformed response (" + why + "): "
                + shorten(new String(this.in, 0, Math.min(this.in.length, 200), StandardCharsets.UTF_8)));
    }

    static String shorten(String text) {
        return (text.length() > 80) ? text.substring(0, 80) + "..." : text;
    }
}
