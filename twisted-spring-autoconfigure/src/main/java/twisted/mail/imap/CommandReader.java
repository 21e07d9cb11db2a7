package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import twisted.mail.ModifiedUtf7;

/**
 * A cursor over a {@link RawCommand} that reads the tokens of RFC 3501's formal syntax (section
 * 9): atoms, strings (quoted or literal), lists, numbers, dates. A literal sits where a line ends;
 * a token that cannot be a string stops there. Every failure is a {@link Syntax} with a short
 * reason that never repeats the client's text.
 */
final class CommandReader {

    /** A token cannot be read as the grammar requires; the parser turns it into a {@code BAD}. */
    static class Syntax extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Syntax(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What {@link #peek()} answers where a line ends and a literal follows. */
    static final int LITERAL = -2;

    /** What {@link #peek()} answers at the end of the command. */
    static final int END = -1;

    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
        "NOV", "DEC"};

    private final RawCommand command;

    private int line;

    private int at;

    CommandReader(RawCommand command) {
        this.command = command;
    }

    private byte[] current() {
        return this.command.lines().get(this.line);
    }

    /** Where the cursor is, for {@link #reset(long)}. */
    long mark() {
        return ((long) this.line << 32) | this.at;
    }

    /** Goes back to a {@link #mark()}. */
    void reset(long mark) {
        this.line = (int) (mark >>> 32);
        this.at = (int) mark;
    }

    /** The next byte (0 to 255), {@link #LITERAL} or {@link #END}, without consuming it. */
    int peek() {
        byte[] bytes = current();
        if (this.at < bytes.length) {
            return bytes[this.at] & 0xFF;
        }
        return (this.line < this.command.literals().size()) ? LITERAL : END;
    }

    boolean atEnd() {
        return peek() == END;
    }

    void expectEnd() {
        int c = peek();
        if (c >= 0x80) {
            throw new Syntax("Unexpected 8-bit character");
        }
        if (c != END) {
            throw new Syntax("Unexpected extra arguments");
        }
    }

    /** Consumes {@code c} if it is next. */
    boolean skip(char c) {
        if (peek() == c) {
            this.at++;
            return true;
        }
        return false;
    }

    void expect(char c, String what) {
        if (!skip(c)) {
            throw new Syntax("Expected " + what);
        }
    }

    /** One space, as the grammar puts between arguments. */
    void sp() {
        if (!skip(' ')) {
            throw new Syntax(atEnd() ? "Missing argument" : "Expected a space between arguments");
        }
    }

    static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7F && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    /** 1*ATOM-CHAR. */
    String atom() {
        return run(CommandReader::isAtomChar, "Expected an atom");
    }

    private String run(java.util.function.IntPredicate accepts, String missing) {
        byte[] bytes = current();
        int from = this.at;
        while (this.at < bytes.length && accepts.test(bytes[this.at] & 0xFF)) {
            this.at++;
        }
        if (this.at == from) {
            throw new Syntax(missing);
        }
        return new String(bytes, from, this.at - from, StandardCharsets.US_ASCII);
    }

    /** Bytes up to the next space, closing parenthesis or line end: for tokens checked elsewhere. */
    String word(String missing) {
        return run(c -> c > 0x20 && c < 0x7F && c != '(' && c != ')', missing);
    }

    /** astring: an atom (with {@code ]}) or a string. */
    String astring() {
        int c = peek();
        if (c == '"' || c == LITERAL) {
            return text(string());
        }
        return run(CommandReader::isAstringChar, "Expected a string");
    }

    /** string: quoted or literal; NUL is refused in either. */
    byte[] string() {
        int c = peek();
        if (c == LITERAL) {
            byte[] bytes = literal();
            for (byte b : bytes) {
                if (b == 0) {
                    throw new Syntax("NUL in a literal");
                }
            }
            return bytes;
        }
        if (c != '"') {
            throw new Syntax("Expected a string");
        }
        return quoted();
    }

    /**
     * The literal that follows the current line. The line must be over: the literal must come
     * next, and the command goes on with the next line.
     */
    byte[] literal() {
        if (peek() != LITERAL) {
            throw new Syntax("Expected a literal");
        }
        byte[] bytes = this.command.literals().get(this.line);
        this.line++;
        this.at = 0;
        return bytes;
    }

    /**
     * A quoted string. Its characters are 7-bit {@code TEXT-CHAR}s with {@code \"} and
     * {@code \\} escaped, as RFC 3501 says; 8-bit bytes are accepted too (clients send UTF-8 in
     * quoted strings to {@code SEARCH CHARSET UTF-8}, and Dovecot takes them).
     */
    private byte[] quoted() {
        byte[] bytes = current();
        this.at++;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (this.at >= bytes.length) {
                throw new Syntax("Unterminated quoted string");
            }
            int c = bytes[this.at++] & 0xFF;
            if (c == '"') {
                return out.toByteArray();
            }
            if (c == '\\') {
                int next = (this.at < bytes.length) ? bytes[this.at++] & 0xFF : -1;
                if (next != '"' && next != '\\') {
                    throw new Syntax("Invalid escape in quoted string");
                }
                c = next;
            }
            else if (c == 0 || c == '\r' || c == '\n') {
                throw new Syntax("Invalid character in quoted string");
            }
            out.write(c);
        }
    }

    /** nstring: a string or NIL. */
    @Nullable String nstring() {
        int c = peek();
        if (c == '"' || c == LITERAL) {
            return text(string());
        }
        String word = atom();
        if (!word.equalsIgnoreCase("NIL")) {
            throw new Syntax("Expected a string or NIL");
        }
        return null;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** number: 32-bit unsigned, {@code nz} refusing 0. */
    long number(boolean nonZero) {
        String digits = run(c -> c >= '0' && c <= '9', "Expected a number");
        if (digits.length() > 10 || Long.parseLong(digits) > SequenceSet.MAX_VALUE) {
            throw new Syntax("Number out of range");
        }
        long value = Long.parseLong(digits);
        if (nonZero && value == 0) {
            throw new Syntax("Expected a number above 0");
        }
        return value;
    }

    SequenceSet sequenceSet() {
        String text = run(c -> (c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*' || c == '$',
                "Expected a sequence set");
        try {
            return SequenceSet.parse(text);
        }
        catch (IllegalArgumentException ex) {
            throw new Syntax(String.valueOf(ex.getMessage()));
        }
    }

    /** Whether the next token starts a sequence set. */
    boolean atSequenceSet() {
        int c = peek();
        return (c >= '0' && c <= '9') || c == '*' || c == '$';
    }

    /** {@code "(" item *(SP item) ")"}, or an empty list when {@code allowEmpty}. */
    <T> List<T> list(java.util.function.Supplier<T> item, boolean allowEmpty) {
        expect('(', "a parenthesised list");
        List<T> items = new ArrayList<>();
        if (skip(')')) {
            if (!allowEmpty) {
                throw new Syntax("Empty list");
            }
            return items;
        }
        do {
            items.add(item.get());
        }
        while (skip(' '));
        expect(')', "')' closing the list");
        return items;
    }

    /** A mailbox name: astring, modified UTF-7 decoded, {@code INBOX} in any case made {@code INBOX}. */
    String mailbox() {
        String wire = astring();
        if (wire.equalsIgnoreCase("INBOX")) {
            return "INBOX";
        }
        return decodeName(wire);
    }

    /** A LIST or LSUB reference: an astring, decoded, case kept. */
    String reference() {
        return decodeName(astring());
    }

    /** Runs of the bytes {@code accepts} takes, at least one. */
    String token(java.util.function.IntPredicate accepts, String missing) {
        return run(accepts, missing);
    }

    /** A LIST pattern: {@code list-mailbox}, 1*(ATOM-CHAR / % / * / ]) or a string, decoded. */
    String listMailbox() {
        int c = peek();
        String wire = (c == '"' || c == LITERAL) ? text(string())
                : run(ch -> isAstringChar(ch) || ch == '%' || ch == '*', "Expected a mailbox pattern");
        return decodeName(wire);
    }

    private static String decodeName(String wire) {
        try {
            return ModifiedUtf7.decode(wire);
        }
        catch (IllegalArgumentException ex) {
            throw new Syntax(String.valueOf(ex.getMessage()));
        }
    }

    /** date: {@code d-Mon-yyyy}, quoted or not (RFC 3501 {@code date}). */
    LocalDate date() {
        boolean quoted = skip('"');
        String text = run(c -> c == '-' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'),
                "Expected a date");
        if (quoted) {
            expect('"', "'\"' closing the date");
        }
        String[] parts = text.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2 || parts[2].length() != 4) {
            throw new Syntax("Invalid date");
        }
        return localDate(parts[0], parts[1], parts[2]);
    }

    private static LocalDate localDate(String day, String month, String year) {
        try {
            for (char c : (day + year).toCharArray()) {
                if (c < '0' || c > '9') {
                    throw new Syntax("Invalid date");
                }
            }
            return LocalDate.of(Integer.parseInt(year), month(month), Integer.parseInt(day));
        }
        catch (DateTimeException ex) {
            throw new Syntax("Invalid date");
        }
    }

    private static int month(String name) {
        for (int m = 0; m < MONTHS.length; m++) {
            if (MONTHS[m].equalsIgnoreCase(name)) {
                return m + 1;
            }
        }
        throw new Syntax("Invalid month in date");
    }

    /** date-time: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, the day space-padded or two digits. */
    OffsetDateTime dateTime() {
        if (peek() != '"') {
            throw new Syntax("Expected a date-time");
        }
        byte[] bytes = quoted();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.length() != 26 || text.charAt(2) != '-' || text.charAt(6) != '-' || text.charAt(11) != ' '
                || text.charAt(14) != ':' || text.charAt(17) != ':' || text.charAt(20) != ' ') {
            throw new Syntax("Invalid date-time");
        }
        String day = (text.charAt(0) == ' ') ? text.substring(1, 2) : text.substring(0, 2);
        LocalDate date = localDate(day, text.substring(3, 6), text.substring(7, 11));
        int hour = digits(text, 12, 14);
        int minute = digits(text, 15, 17);
        int second = digits(text, 18, 20);
        char sign = text.charAt(21);
        if (sign != '+' && sign != '-') {
            throw new Syntax("Invalid zone in date-time");
        }
        int zoneHours = digits(text, 22, 24);
        int zoneMinutes = digits(text, 24, 26);
        try {
            ZoneOffset zone = ZoneOffset.ofHoursMinutes((sign == '-') ? -zoneHours : zoneHours,
                    (sign == '-') ? -zoneMinutes : zoneMinutes);
            return OffsetDateTime.of(LocalDateTime.of(date.getYear(), date.getMonth(), date.getDayOfMonth(), hour,
                    minute, second), zone);
        }
        catch (DateTimeException ex) {
            throw new Syntax("Invalid date-time");
        }
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new Syntax("Invalid date-time");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
