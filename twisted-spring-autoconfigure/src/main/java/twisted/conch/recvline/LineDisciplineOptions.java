package twisted.conch.recvline;

import java.util.Objects;

/**
 * How a {@link LineDiscipline} edits: the prompt, the longest line and the size of the history.
 * Immutable; start from {@link #defaults()} and change with the {@code with...} methods.
 *
 * <pre>{@code
 * LineDisciplineOptions options = LineDisciplineOptions.defaults().withPrompt("> ").withHistorySize(500);
 * }</pre>
 *
 * @param prompt what is shown before each line: at the start, after each line and after Ctrl-C;
 *        empty for none. It may hold escape sequences (colours), never other control characters
 * @param maxLineLength the most characters (Unicode code points) a line may hold; a key that would
 *        make it longer is refused with a bell. A line reaches the wrapped protocol as UTF-8, at
 *        most four bytes a character, followed by CR LF: the default 4096 fits the 16384 bytes a
 *        {@code LineReceiver} accepts by default
 * @param historySize how many lines the up and down arrows recall; 0 keeps no history
 * @since 0.1.0
 */
public record LineDisciplineOptions(String prompt, int maxLineLength, int historySize) {

    /** The default {@link #maxLineLength()}: 4096 characters. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 4096;

    /** The default {@link #historySize()}: 100 lines. */
    public static final int DEFAULT_HISTORY_SIZE = 100;

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when the prompt holds a control character other than ESC,
     *         the line length is not positive or the history size is negative
     */
    public LineDisciplineOptions {
        Objects.requireNonNull(prompt, "prompt");
        if (prompt.chars().anyMatch(c -> (c < 0x20 && c != 0x1b) || c == 0x7f)) {
            throw new IllegalArgumentException("prompt must not hold control characters other than ESC: "
                    + prompt.codePoints().mapToObj(c -> c < 0x20 ? String.format("\\x%02x", c) : Character.toString(c))
                            .reduce("", String::concat));
        }
        if (maxLineLength < 1) {
            throw new IllegalArgumentException("maxLineLength (" + maxLineLength + ") must be at least 1");
        }
        if (historySize < 0) {
            throw new IllegalArgumentException("historySize (" + historySize + ") must not be negative");
        }
    }

    /**
     * The defaults: no prompt, lines of up to {@value #DEFAULT_MAX_LINE_LENGTH} characters, the
     * last {@value #DEFAULT_HISTORY_SIZE} lines in the history.
     *
     * @return the defaults
     */
    public static LineDisciplineOptions defaults() {
        return new LineDisciplineOptions("", DEFAULT_MAX_LINE_LENGTH, DEFAULT_HISTORY_SIZE);
    }

    /**
     * These options with another prompt.
     *
     * @param prompt the prompt, empty for none
     * @return new options
     */
    public LineDisciplineOptions withPrompt(String prompt) {
        return new LineDisciplineOptions(prompt, this.maxLineLength, this.historySize);
    }

    /**
     * These options with another line length limit.
     *
     * @param maxLineLength characters, at least 1
     * @return new options
     */
    public LineDisciplineOptions withMaxLineLength(int maxLineLength) {
        return new LineDisciplineOptions(this.prompt, maxLineLength, this.historySize);
    }

    /**
     * These options with another history size.
     *
     * @param historySize lines, 0 for no history
     * @return new options
     */
    public LineDisciplineOptions withHistorySize(int historySize) {
        return new LineDisciplineOptions(this.prompt, this.maxLineLength, historySize);
    }
}
