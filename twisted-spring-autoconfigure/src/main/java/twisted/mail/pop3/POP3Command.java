package twisted.mail.pop3;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One command line, split: the keyword in upper case, the arguments split on spaces, and the raw
 * rest of the line after the keyword's single space ({@code PASS} takes it whole, since a
 * password may hold spaces).
 *
 * @param name the keyword, ASCII upper case; empty for an empty line
 * @param args the arguments, none empty
 * @param rest everything after the first space, as sent
 */
record POP3Command(String name, List<String> args, String rest) {

    /** Splits a line (without its line ending); never fails. */
    static POP3Command parse(String line) {
        int space = line.indexOf(' ');
        String keyword = (space < 0) ? line : line.substring(0, space);
        String rest = (space < 0) ? "" : line.substring(space + 1);
        List<String> args = new ArrayList<>();
        for (String word : rest.split(" ")) {
            if (!word.isEmpty()) {
                args.add(word);
            }
        }
        return new POP3Command(asciiUpperCase(keyword), List.copyOf(args), rest);
    }

    /**
     * Upper-cases ASCII letters only: {@code String.toUpperCase} maps the dotless i and the long s
     * to {@code I} and {@code S}, which would make {@code "\u0131ist"} a {@code LIST}.
     */
    static String asciiUpperCase(String word) {
        char[] chars = word.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 'a' + 'A');
            }
        }
        return new String(chars);
    }

    /**
     * A message number or line count: 1 to 9 ASCII digits, no sign.
     *
     * @return the number, or {@code null} when the argument is not one
     */
    static @Nullable Integer number(String arg) {
        if (arg.isEmpty() || arg.length() > 9) {
            return null;
        }
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Integer.parseInt(arg);
    }
}
