package twisted.conch.recvline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.conch.recvline.Shell.BACKSPACE;
import static twisted.conch.recvline.Shell.CTRL_A;
import static twisted.conch.recvline.Shell.CTRL_C;
import static twisted.conch.recvline.Shell.CTRL_E;
import static twisted.conch.recvline.Shell.CTRL_K;
import static twisted.conch.recvline.Shell.CTRL_L;
import static twisted.conch.recvline.Shell.CTRL_U;
import static twisted.conch.recvline.Shell.CTRL_W;
import static twisted.conch.recvline.Shell.DELETE;
import static twisted.conch.recvline.Shell.LEFT;
import static twisted.conch.recvline.Shell.RIGHT;

/**
 * The screen model against a terminal emulator: random editing, entered lines and output of the
 * wrapped protocol (whole lines and questions without a line feed), at widths that make lines
 * wrap, must leave on the emulated screen exactly the transcript above, then the partial output,
 * the prompt and the line, with the cursor on the character the line's cursor is on. What the
 * line should hold is computed by a plain model of the keys here, not by the editor.
 */
class ScreenTests {

    private static final String PROMPT = "> ";

    private static final String[] KEYS = { LEFT, RIGHT, CTRL_A, CTRL_E, BACKSPACE, DELETE, CTRL_U, CTRL_K, CTRL_W,
        CTRL_L, CTRL_C, "\r" };

    @ParameterizedTest
    @ValueSource(ints = { 4, 5, 7, 10, 13, 80 })
    void randomSessionsLeaveTheScreenAsTheModelSays(int width) {
        for (int seed = 0; seed < 60; seed++) {
            new Session(width, new Random(seed * 31L + width)).play(150);
        }
    }

    /** One session: the discipline, the emulator, and the model of what the screen should show. */
    private static final class Session {

        private final int width;

        private final Random random;

        private final Shell shell;

        private final VirtualTerminal terminal;

        private final List<String> transcript = new ArrayList<>();

        private final StringBuilder line = new StringBuilder();

        private String partial = "";

        private int cursor;

        private int written;

        private final List<String> history = new ArrayList<>();

        Session(int width, Random random) {
            this.width = width;
            this.random = random;
            this.shell = new Shell(new Shell.Recorder(), LineDisciplineOptions.defaults().withPrompt(PROMPT)
                    .withMaxLineLength(3 * width));
            this.shell.discipline.terminalSize(width, 24);
            this.terminal = new VirtualTerminal(width);
            this.shell.connect();
        }

        void play(int steps) {
            List<String> done = new ArrayList<>();
            for (int step = 0; step < steps; step++) {
                String action = step();
                done.add(action);
                String wire = this.shell.wire();
                this.terminal.write(wire.substring(this.written));
                this.written = wire.length();
                check(done);
            }
        }

        private String step() {
            int choice = this.random.nextInt(10);
            if (choice < 5) {
                char c = "abc xyz".charAt(this.random.nextInt(7));
                type(String.valueOf(c));
                if (this.line.length() < 3 * this.width) {
                    this.line.insert(this.cursor++, c);
                }
                return "type " + c;
            }
            if (choice < 8) {
                String key = KEYS[this.random.nextInt(KEYS.length)];
                type(key);
                apply(key);
                return "key " + describe(key);
            }
            String text = (choice == 8) ? "msg" + this.random.nextInt(100) + "\n" : "ask" + this.random.nextInt(10) + ": ";
            this.shell.inner.getTransport().write(text.getBytes(StandardCharsets.UTF_8));
            if (text.endsWith("\n")) {
                this.transcript.add(this.partial + text.strip());
                this.partial = "";
            }
            else {
                this.partial += text;
            }
            return "output " + text.strip();
        }

        private static String describe(String key) {
            StringBuilder text = new StringBuilder();
            for (char c : key.toCharArray()) {
                text.append(c == 0x1b ? "ESC" : c == 0x7f ? "DEL" : c < 0x20 ? "^" + (char) (c + 64) : String.valueOf(c));
            }
            return text.toString();
        }

        private void type(String keys) {
            this.shell.type(keys);
        }

        private void apply(String key) {
            switch (key) {
                case LEFT -> this.cursor = Math.max(0, this.cursor - 1);
                case RIGHT -> this.cursor = Math.min(this.line.length(), this.cursor + 1);
                case CTRL_A -> this.cursor = 0;
                case CTRL_E -> this.cursor = this.line.length();
                case BACKSPACE -> {
                    if (this.cursor > 0) {
                        this.line.deleteCharAt(--this.cursor);
                    }
                }
                case DELETE -> {
                    if (this.cursor < this.line.length()) {
                        this.line.deleteCharAt(this.cursor);
                    }
                }
                case CTRL_U -> {
                    this.line.delete(0, this.cursor);
                    this.cursor = 0;
                }
                case CTRL_K -> this.line.setLength(this.cursor);
                case CTRL_W -> {
                    int from = this.cursor;
                    while (from > 0 && this.line.charAt(from - 1) == ' ') {
                        from--;
                    }
                    while (from > 0 && this.line.charAt(from - 1) != ' ') {
                        from--;
                    }
                    this.line.delete(from, this.cursor);
                    this.cursor = from;
                }
                case CTRL_L -> this.transcript.clear();
                case CTRL_C -> endLine("^C");
                case "\r" -> {
                    this.history.add(this.line.toString());
                    endLine("");
                }
                default -> throw new IllegalStateException(key);
            }
        }

        private void endLine(String mark) {
            this.transcript.add(this.partial + PROMPT + this.line + mark);
            this.partial = "";
            this.line.setLength(0);
            this.cursor = 0;
        }

        private void check(List<String> done) {
            List<String> expected = new ArrayList<>();
            for (String entry : this.transcript) {
                expected.addAll(rows(entry));
            }
            int start = expected.size();
            String area = this.partial + PROMPT + this.line;
            expected.addAll(rows(area));
            while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
                expected.remove(expected.size() - 1);
            }
            int position = this.partial.length() + PROMPT.length() + this.cursor;
            String context = "width " + this.width + " after " + done;
            assertThat(this.terminal.screen()).as(context).isEqualTo(expected);
            assertThat(this.terminal.row()).as("cursor row, " + context).isEqualTo(start + position / this.width);
            assertThat(this.terminal.column()).as("cursor column, " + context).isEqualTo(position % this.width);
            List<String> lines = new ArrayList<>();
            for (String event : this.shell.events()) {
                if (!event.equals("made") && !event.equals("interrupted")) {
                    lines.add(event.substring(0, event.length() - 2));
                }
            }
            assertThat(lines).as(context).isEqualTo(this.history);
        }

        /** The rows text takes from column 0, trailing blanks removed; at least one. */
        private List<String> rows(String text) {
            List<String> rows = new ArrayList<>();
            for (int at = 0; at < text.length(); at += this.width) {
                rows.add(text.substring(at, Math.min(text.length(), at + this.width)).stripTrailing());
            }
            if (rows.isEmpty()) {
                rows.add("");
            }
            return rows;
        }
    }
}
