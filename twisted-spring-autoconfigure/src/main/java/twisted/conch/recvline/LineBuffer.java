package twisted.conch.recvline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The line being typed, as Unicode code points, and the cursor in it: an index from 0 (before
 * the first character) to {@link #length()} (after the last).
 */
final class LineBuffer {

    private int[] codePoints = new int[32];

    private int length;

    private int cursor;

    int length() {
        return this.length;
    }

    int cursor() {
        return this.cursor;
    }

    boolean isEmpty() {
        return this.length == 0;
    }

    /** Inserts a character before the cursor and moves the cursor past it. */
    void insert(int codePoint) {
        if (this.length == this.codePoints.length) {
            this.codePoints = Arrays.copyOf(this.codePoints, this.length * 2);
        }
        System.arraycopy(this.codePoints, this.cursor, this.codePoints, this.cursor + 1, this.length - this.cursor);
        this.codePoints[this.cursor++] = codePoint;
        this.length++;
    }

    /** Removes the characters from {@code from} (inclusive) to {@code to} (exclusive); the cursor stays on its text. */
    void delete(int from, int to) {
        System.arraycopy(this.codePoints, to, this.codePoints, from, this.length - to);
        this.length -= to - from;
        if (this.cursor >= to) {
            this.cursor -= to - from;
        }
        else if (this.cursor > from) {
            this.cursor = from;
        }
    }

    void moveCursor(int index) {
        this.cursor = index;
    }

    /** Replaces the whole line, with the cursor at its end. */
    void replace(String text) {
        int[] replacement = text.codePoints().toArray();
        this.codePoints = Arrays.copyOf(replacement, Math.max(32, replacement.length));
        this.length = replacement.length;
        this.cursor = this.length;
    }

    void clear() {
        this.length = 0;
        this.cursor = 0;
    }

    /** Where the word before the cursor starts: blanks before the cursor, then non-blanks, as Ctrl-W in a shell. */
    int wordStart() {
        int i = this.cursor;
        while (i > 0 && Character.isWhitespace(this.codePoints[i - 1])) {
            i--;
        }
        while (i > 0 && !Character.isWhitespace(this.codePoints[i - 1])) {
            i--;
        }
        return i;
    }

    String text() {
        return new String(this.codePoints, 0, this.length);
    }

    byte[] utf8(int from, int to) {
        return new String(this.codePoints, from, to - from).getBytes(StandardCharsets.UTF_8);
    }

    /** The columns the characters from {@code from} to {@code to} take on the terminal. */
    int columns(int from, int to) {
        int columns = 0;
        for (int i = from; i < to; i++) {
            columns += Columns.of(this.codePoints[i]);
        }
        return columns;
    }
}
