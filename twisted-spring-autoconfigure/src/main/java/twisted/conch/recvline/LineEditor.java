package twisted.conch.recvline;

import org.jspecify.annotations.Nullable;
import twisted.conch.recvline.KeyDecoder.Key;

/**
 * What each key does to the line, the history and the screen. The keys of bash's Emacs mode
 * where they exist: Ctrl-A/Home, Ctrl-E/End, Ctrl-B/Left, Ctrl-F/Right, Ctrl-P/Up, Ctrl-N/Down,
 * Backspace (DEL and Ctrl-H), Delete, Ctrl-U (erase to the start), Ctrl-K (erase to the end),
 * Ctrl-W (erase the word before the cursor), Ctrl-L (clear the screen and redraw), Ctrl-C (drop
 * the line), Ctrl-D (end of input on an empty line, Delete otherwise), Enter. A key that cannot
 * act (Backspace at the start, a full line, Up at the oldest entry) rings the bell.
 */
final class LineEditor implements KeyDecoder.Keys {

    /** Where finished lines and session events go: the discipline around the wrapped protocol. */
    interface Session {

        /** A line was entered. */
        void lineReceived(String line);

        /** Ctrl-C dropped the line. */
        void interrupted();

        /** Ctrl-D on an empty line. */
        void endOfInput();

        /** Whether the session is closing: keys are then ignored. */
        boolean isClosing();
    }

    private final LineBuffer line = new LineBuffer();

    private final Screen screen;

    private final History history;

    private final int maxLineLength;

    private final Session session;

    LineEditor(LineDisciplineOptions options, Screen screen, Session session) {
        this.screen = screen;
        this.history = new History(options.historySize());
        this.maxLineLength = options.maxLineLength();
        this.session = session;
    }

    LineBuffer line() {
        return this.line;
    }

    @Override
    public void character(int codePoint) {
        if (this.session.isClosing()) {
            return;
        }
        if (this.line.length() >= this.maxLineLength) {
            this.screen.bell();
            return;
        }
        this.line.insert(codePoint);
        this.screen.inserted(this.line);
    }

    @Override
    public void key(Key key) {
        if (this.session.isClosing()) {
            return;
        }
        switch (key) {
            case ENTER -> enter();
            case BACKSPACE -> deleteOrBell(this.line.cursor() - 1);
            case DELETE -> deleteOrBell(this.line.cursor());
            case LEFT -> moveCursor(this.line.cursor() - 1);
            case RIGHT -> moveCursor(this.line.cursor() + 1);
            case HOME -> moveCursor(0);
            case END -> moveCursor(this.line.length());
            case UP -> recall(this.history.previous(this.line.text()));
            case DOWN -> recall(this.history.next());
            case KILL_LINE -> erase(0, this.line.cursor());
            case KILL_TO_END -> erase(this.line.cursor(), this.line.length());
            case KILL_WORD -> erase(this.line.wordStart(), this.line.cursor());
            case REDRAW -> this.screen.clearScreen(this.line);
            case INTERRUPT -> interrupt();
            case END_OF_INPUT -> endOfInput();
        }
    }

    private void enter() {
        String text = this.line.text();
        this.screen.endLine(this.line, "");
        this.line.clear();
        this.history.add(text);
        this.session.lineReceived(text);
        showPromptUnlessClosing();
    }

    private void interrupt() {
        this.screen.endLine(this.line, "^C");
        this.line.clear();
        this.history.reset();
        this.session.interrupted();
        showPromptUnlessClosing();
    }

    private void endOfInput() {
        if (this.line.isEmpty()) {
            this.screen.endLine(this.line, "");
            this.session.endOfInput();
        }
        else {
            deleteOrBell(this.line.cursor());
        }
    }

    private void showPromptUnlessClosing() {
        if (!this.session.isClosing()) {
            this.screen.show(this.line);
        }
    }

    private void deleteOrBell(int index) {
        if (index < 0 || index >= this.line.length()) {
            this.screen.bell();
            return;
        }
        erase(index, index + 1);
    }

    private void erase(int from, int to) {
        if (from < to) {
            this.line.delete(from, to);
            this.screen.redrawFrom(this.line, from);
        }
    }

    private void moveCursor(int index) {
        if (index >= 0 && index <= this.line.length() && index != this.line.cursor()) {
            this.line.moveCursor(index);
            this.screen.moveCursor(this.line);
        }
    }

    private void recall(@Nullable String entry) {
        if (entry == null) {
            this.screen.bell();
            return;
        }
        this.line.replace(entry);
        this.screen.redrawFrom(this.line, 0);
    }
}
