package twisted.conch.recvline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the terminal shows of the session's last row of text, and the bytes that change it.
 *
 * <h2>The model</h2>
 * The last row starts at column 0 and holds, in order: the <em>partial output</em> (what the
 * wrapped protocol wrote after its last line feed, such as a {@code Name: } it asks with), then,
 * while {@link #shown}, the prompt and the line being typed. Positions are counted in columns from
 * the start of that row, across wraps: with a terminal {@code w} columns wide, position {@code p}
 * is on row {@code p / w}, column {@code p % w} of it. The cursor is moved with CR and the
 * relative {@code ESC [ n A/B/C/D} sequences, text after it is erased with {@code ESC [ J}, so
 * a line longer than the terminal is wide is redrawn in place too. After text that ends exactly at
 * the right margin a CR LF puts the cursor on the next row, where the model has it (terminals
 * otherwise keep it on the margin until the next character).
 *
 * <p>The model is exact for lines shorter than the width. For wrapped lines it relies on the
 * width given by {@link #resize}; after a resize, terminals that reflow wrapped text put rows
 * elsewhere, so the display of a wrapped line may be off until it is entered or redrawn with
 * Ctrl-L. The line itself is never affected. Wide characters that do not fit at the end of a row
 * are wrapped early by terminals, which the model does not follow either.
 *
 * <p>Bytes are collected and written by {@link #flush}, so a burst of keys costs one write.
 */
final class Screen {

    /** Past this many bytes of partial output, a line is ended for it. */
    static final int MAX_PARTIAL = 8192;

    private static final byte[] CRLF = { '\r', '\n' };

    private static final byte[] ERASE_BELOW = { 0x1b, '[', 'J' };

    private static final byte[] CLEAR_SCREEN = { 0x1b, '[', 'H', 0x1b, '[', '2', 'J' };

    private final byte[] prompt;

    private final int promptColumns;

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    private int partialColumns;

    private boolean lastOutputCr;

    private int width = 80;

    private int cursor;

    private boolean shown;

    Screen(String prompt) {
        this.prompt = prompt.getBytes(StandardCharsets.UTF_8);
        this.promptColumns = Columns.ofText(prompt);
    }

    void resize(int columns) {
        this.width = columns;
    }

    int width() {
        return this.width;
    }

    /** Takes the bytes to write, if any. */
    byte[] flush() {
        byte[] bytes = this.pending.toByteArray();
        this.pending.reset();
        return bytes;
    }

    /** Forgets the bytes not flushed yet, for an abort. */
    void discard() {
        this.pending.reset();
    }

    /** Draws the prompt and the line after the partial output, the cursor where the line has it. */
    void show(LineBuffer line) {
        this.pending.writeBytes(this.prompt);
        this.pending.writeBytes(line.utf8(0, line.length()));
        this.cursor = column(line, line.length());
        wrapAtMargin();
        moveTo(column(line, line.cursor()));
        this.shown = true;
    }

    /** Shows the character just inserted before the cursor. */
    void inserted(LineBuffer line) {
        int at = line.cursor() - 1;
        if (line.cursor() == line.length()) {
            this.pending.writeBytes(line.utf8(at, at + 1));
            this.cursor += line.columns(at, at + 1);
            wrapAtMargin();
        }
        else {
            redrawFrom(line, at);
        }
    }

    /** Rewrites the line from a character on, erases what was after it, and puts the cursor back. */
    void redrawFrom(LineBuffer line, int index) {
        moveTo(column(line, index));
        if (index < line.length()) {
            this.pending.writeBytes(line.utf8(index, line.length()));
            this.cursor = column(line, line.length());
            wrapAtMargin();
        }
        this.pending.writeBytes(ERASE_BELOW);
        moveTo(column(line, line.cursor()));
    }

    void moveCursor(LineBuffer line) {
        moveTo(column(line, line.cursor()));
    }

    /**
     * Ends the row after the line (and a mark, such as {@code ^C}): the next output or prompt
     * starts a new row.
     */
    void endLine(LineBuffer line, String mark) {
        int end = column(line, line.length());
        moveTo(end);
        if (!mark.isEmpty() || !endsAtMargin(end)) {
            // After text that ended on the margin the cursor is on a fresh row already.
            this.pending.writeBytes(mark.getBytes(StandardCharsets.UTF_8));
            this.pending.writeBytes(CRLF);
        }
        this.cursor = 0;
        this.partial.reset();
        this.partialColumns = 0;
        this.lastOutputCr = false;
        this.shown = false;
    }

    /** Clears the terminal and draws the row again at its top. */
    void clearScreen(LineBuffer line) {
        this.pending.writeBytes(CLEAR_SCREEN);
        this.pending.writeBytes(this.partial.toByteArray());
        this.cursor = this.partialColumns;
        show(line);
    }

    void bell() {
        this.pending.write(0x07);
    }

    /**
     * Writes the wrapped protocol's output: above the prompt and the line when they are shown
     * (they are erased, the output written, and they are drawn again after it), every bare LF
     * as CR LF.
     */
    void output(byte[] data, LineBuffer line) {
        if (this.shown) {
            moveTo(this.partialColumns);
            if (this.prompt.length > 0 || !line.isEmpty()) {
                this.pending.writeBytes(ERASE_BELOW);
            }
        }
        for (byte b : data) {
            if (b == '\n' && !this.lastOutputCr) {
                this.pending.write('\r');
            }
            this.pending.write(b);
            this.lastOutputCr = b == '\r';
            if (b == '\n') {
                this.partial.reset();
            }
            else {
                this.partial.write(b);
            }
        }
        if (this.partial.size() > MAX_PARTIAL) {
            this.pending.writeBytes(CRLF);
            this.partial.reset();
            this.lastOutputCr = false;
        }
        this.partialColumns = Columns.ofText(this.partial.toString(StandardCharsets.UTF_8));
        this.cursor = this.partialColumns;
        if (this.shown) {
            show(line);
        }
    }

    private int column(LineBuffer line, int index) {
        return this.partialColumns + this.promptColumns + line.columns(0, index);
    }

    /**
     * After text just written that ends on the right margin, puts the cursor on the next row, as
     * the model has it. Only then: a cursor moved to the start of a row is there already.
     */
    private void wrapAtMargin() {
        if (endsAtMargin(this.cursor)) {
            this.pending.writeBytes(CRLF);
        }
    }

    /** Whether prompt or line text ends at this position, on the right margin. */
    private boolean endsAtMargin(int position) {
        return position > this.partialColumns && position % this.width == 0;
    }

    private void moveTo(int target) {
        int rows = target / this.width - this.cursor / this.width;
        int from = this.cursor % this.width;
        int to = target % this.width;
        if (rows < 0) {
            csi(-rows, 'A');
        }
        else if (rows > 0) {
            csi(rows, 'B');
        }
        if (to == 0 && from != 0) {
            this.pending.write('\r');
        }
        else if (to < from) {
            csi(from - to, 'D');
        }
        else if (to > from) {
            csi(to - from, 'C');
        }
        this.cursor = target;
    }

    private void csi(int count, char command) {
        this.pending.writeBytes(("\u001b[" + count + command).getBytes(StandardCharsets.US_ASCII));
    }
}
