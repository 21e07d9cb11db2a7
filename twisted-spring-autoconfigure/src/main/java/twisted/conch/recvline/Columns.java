package twisted.conch.recvline;

/**
 * How many terminal columns text takes: 0 for control characters and combining marks, 2 for East
 * Asian wide and fullwidth characters and the common emoji blocks, 1 otherwise. An approximation
 * of POSIX {@code wcwidth}, close enough to keep the cursor where the terminal puts it for the
 * characters people type.
 */
final class Columns {

    /** Ranges of wide characters, inclusive, in pairs, ascending. */
    private static final int[] WIDE = {
        0x1100, 0x115f, 0x2e80, 0x303e, 0x3041, 0x33ff, 0x3400, 0x4dbf, 0x4e00, 0x9fff, 0xa000, 0xa4cf,
        0xac00, 0xd7a3, 0xf900, 0xfaff, 0xfe30, 0xfe4f, 0xff00, 0xff60, 0xffe0, 0xffe6, 0x1f300, 0x1f64f,
        0x1f900, 0x1f9ff, 0x20000, 0x2fffd, 0x30000, 0x3fffd,
    };

    private Columns() {
    }

    /**
     * The columns one character takes.
     *
     * @param codePoint the character
     * @return 0, 1 or 2
     */
    static int of(int codePoint) {
        if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
            return 0;
        }
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        for (int i = 0; i < WIDE.length && codePoint >= WIDE[i]; i += 2) {
            if (codePoint <= WIDE[i + 1]) {
                return 2;
            }
        }
        return 1;
    }

    /**
     * The column the cursor ends in after writing text from column 0: escape sequences
     * ({@code ESC [ ... final} and {@code ESC} and one character) take no room, CR goes back to
     * column 0, other control characters take no room. The text holds no line feed.
     *
     * @param text the text
     * @return the column
     */
    static int ofText(String text) {
        int column = 0;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0x1b) {
                i = skipEscape(text, i);
            }
            else if (c == '\r') {
                column = 0;
            }
            else {
                column += of(c);
            }
        }
        return column;
    }

    private static int skipEscape(String text, int from) {
        if (from >= text.length()) {
            return from;
        }
        if (text.charAt(from) != '[') {
            return from + Character.charCount(text.codePointAt(from));
        }
        int i = from + 1;
        while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x3f) {
            i++;
        }
        return Math.min(i + 1, text.length());
    }
}
