package twisted.conch.recvline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test fixture: a terminal screen that interprets what a {@link LineDiscipline} writes, the way
 * xterm does: printable characters with auto-wrap (the cursor stays on the right margin until the
 * next character), CR, LF, BEL, cursor movement {@code ESC [ n A/B/C/D}, {@code ESC [ J},
 * {@code ESC [ H} and {@code ESC [ 2 J}. It has enough rows never to scroll. Any other byte fails,
 * so a test also proves nothing unexpected reaches the terminal. Characters are one column wide.
 */
final class VirtualTerminal {

    private final int width;

    private final List<char[]> rows = new ArrayList<>();

    private int row;

    private int column;

    private boolean wrapPending;

    VirtualTerminal(int width) {
        this.width = width;
    }

    void write(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == 0x1b) {
                i = escape(text, i);
            }
            else if (c == '\r') {
                this.column = 0;
                this.wrapPending = false;
            }
            else if (c == '\n') {
                this.row++;
                this.wrapPending = false;
            }
            else if (c == 0x07) {
                // the bell
            }
            else if (c < 0x20 || c == 0x7f) {
                throw new AssertionError("unexpected control character " + (int) c + " in " + show(text));
            }
            else {
                print(c);
            }
        }
    }

    private void print(char c) {
        if (this.wrapPending) {
            this.row++;
            this.column = 0;
            this.wrapPending = false;
        }
        line(this.row)[this.column] = c;
        if (this.column == this.width - 1) {
            this.wrapPending = true;
        }
        else {
            this.column++;
        }
    }

    private int escape(String text, int from) {
        if (from >= text.length() || text.charAt(from) != '[') {
            throw new AssertionError("unexpected escape at " + from + " in " + show(text));
        }
        int i = from + 1;
        int start = i;
        while (Character.isDigit(text.charAt(i))) {
            i++;
        }
        int count = (i == start) ? 1 : Integer.parseInt(text.substring(start, i));
        char command = text.charAt(i);
        this.wrapPending = false;
        switch (command) {
            case 'A' -> this.row = Math.max(0, this.row - count);
            case 'B' -> this.row += count;
            case 'C' -> this.column = Math.min(this.width - 1, this.column + count);
            case 'D' -> this.column = Math.max(0, this.column - count);
            case 'H' -> {
                this.row = 0;
                this.column = 0;
            }
            case 'J' -> {
                if (i != start && count == 2) {
                    this.rows.clear();
                }
                else {
                    Arrays.fill(line(this.row), this.column, this.width, ' ');
                    while (this.rows.size() > this.row + 1) {
                        this.rows.remove(this.rows.size() - 1);
                    }
                }
            }
            default -> throw new AssertionError("unexpected sequence ESC [" + text.substring(start, i + 1));
        }
        return i + 1;
    }

    private char[] line(int index) {
        while (this.rows.size() <= index) {
            char[] blank = new char[this.width];
            Arrays.fill(blank, ' ');
            this.rows.add(blank);
        }
        return this.rows.get(index);
    }

    /** The rows, trailing blanks removed, and blank rows at the bottom dropped. */
    List<String> screen() {
        List<String> text = new ArrayList<>();
        for (char[] r : this.rows) {
            text.add(new String(r).stripTrailing());
        }
        while (!text.isEmpty() && text.get(text.size() - 1).isEmpty()) {
            text.remove(text.size() - 1);
        }
        return text;
    }

    int row() {
        return this.row;
    }

    int column() {
        return this.column;
    }

    private static String show(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1).replace("\u001b", "ESC");
    }
}
