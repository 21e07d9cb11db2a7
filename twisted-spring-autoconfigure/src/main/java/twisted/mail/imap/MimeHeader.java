package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The header of a message or a MIME part, as byte ranges into the stored message: where each
 * field starts and ends (its folded lines and their line ends included), and where the header
 * ends (after the empty line that separates it from the body, if there is one). Lines may end in
 * CR LF or a bare LF. A line that is neither a field ({@code name:}) nor a continuation is kept
 * in the header's bytes but names no field.
 */
final class MimeHeader {

    /** One field: {@code start..end} holds {@code Name: value} with its folded lines. */
    record Field(String name, int start, int valueStart, int end) {
    }

    /** A line break with the blanks around it: Dovecot unfolds each into one space. */
    private static final Pattern FOLD = Pattern.compile("[ \t]*\r?\n[ \t]*");

    private final byte[] message;

    private final int start;

    private final int end;

    private final List<Field> fields;

    private final boolean terminated;

    private MimeHeader(byte[] message, int start, int end, List<Field> fields, boolean terminated) {
        this.message = message;
        this.start = start;
        this.end = end;
        this.fields = fields;
        this.terminated = terminated;
    }

    /**
     * Reads the header that starts at {@code start}: up to and including the first empty line,
     * or up to {@code limit} when there is none.
     */
    static MimeHeader parse(byte[] message, int start, int limit) {
        List<Field> fields = new ArrayList<>();
        int at = start;
        int fieldStart = -1;
        String name = null;
        int valueStart = 0;
        boolean terminated = false;
        while (at < limit) {
            int lineEnd = Lines.next(message, at, limit);
            if (Lines.isEmpty(message, at, lineEnd)) {
                if (name != null) {
                    fields.add(new Field(name, fieldStart, valueStart, at));
                    name = null;
                }
                at = lineEnd;
                terminated = true;
                break;
            }
            byte first = message[at];
            if (first != ' ' && first != '\t') {
                if (name != null) {
                    fields.add(new Field(name, fieldStart, valueStart, at));
                    name = null;
                }
                int colon = colon(message, at, lineEnd);
                if (colon > at) {
                    name = new String(message, at, colon - at, StandardCharsets.ISO_8859_1).trim();
                    fieldStart = at;
                    valueStart = colon + 1;
                }
            }
            at = lineEnd;
        }
        if (name != null) {
            fields.add(new Field(name, fieldStart, valueStart, at));
        }
        return new MimeHeader(message, start, at, List.copyOf(fields), terminated);
    }

    private static int colon(byte[] message, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = message[i];
            if (b == ':') {
                return i;
            }
            if (b <= ' ' || b == 0x7f) {
                return -1;
            }
        }
        return -1;
    }

    /** The first octet of the header. */
    int start() {
        return this.start;
    }

    /** After the header's last octet: the body starts here. */
    int end() {
        return this.end;
    }

    /** Whether the header ends with an empty line (a message may be all header). */
    boolean terminated() {
        return this.terminated;
    }

    List<Field> fields() {
        return this.fields;
    }

    /**
     * The first value of a field, unfolded (each line break with the blanks around it becomes one
     * space, as Dovecot does) and trimmed, but not decoded; 8-bit octets read as UTF-8.
     *
     * @return the value, or {@code null} when there is no such field
     */
    @Nullable String value(String name) {
        for (Field field : this.fields) {
            if (field.name().equalsIgnoreCase(name)) {
                return unfolded(field);
            }
        }
        return null;
    }

    /** Every value of a field, in order, each as {@link #value} gives it. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (Field field : this.fields) {
            if (field.name().equalsIgnoreCase(name)) {
                values.add(unfolded(field));
            }
        }
        return values;
    }

    String unfolded(Field field) {
        String raw = new String(this.message, field.valueStart(), field.end() - field.valueStart(),
                StandardCharsets.UTF_8);
        return FOLD.matcher(raw).replaceAll(" ").strip();
    }
}
