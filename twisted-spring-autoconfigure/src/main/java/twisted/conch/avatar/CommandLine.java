package twisted.conch.avatar;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an exec request's command line into words, as a POSIX shell would without expanding
 * anything: blanks separate words, single quotes keep everything, double quotes keep all but
 * {@code \"} and {@code \\}, a backslash outside quotes escapes the next character.
 */
final class CommandLine {

    /** The longest command line taken. */
    static final int MAX_LENGTH = 16 * 1024;

    private CommandLine() {
    }

    /**
     * The words.
     *
     * @throws IllegalArgumentException for an unclosed quote, a trailing backslash, or an over-long line
     */
    static List<String> split(String line) {
        if (line.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the command line is over " + MAX_LENGTH + " characters");
        }
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
                else {
                    word.append(c);
                }
            }
            else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
                else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                }
                else {
                    word.append(c);
                }
            }
            else if (c == ' ' || c == '\t' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            }
            else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                }
                else if (c == '\\') {
                    if (i + 1 == line.length()) {
                        throw new IllegalArgumentException("the command line ends with a backslash");
                    }
                    word.append(line.charAt(++i));
                }
                else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the command line has an unclosed " + quote);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
