package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/** Parses the text of the {@link POP3Client}'s replies; a malformed one is a {@link POP3ClientError}. */
final class POP3Replies {

    private POP3Replies() {
    }

    /** {@code CAPA}'s lines: each capability's name, upper case, to its arguments. */
    static Map<String, List<String>> capabilities(byte[] body) {
        Map<String, List<String>> capabilities = new LinkedHashMap<>();
        for (String line : lines(body)) {
            List<String> words = words(line);
            if (!words.isEmpty()) {
                capabilities.put(POP3Command.asciiUpperCase(words.get(0)), List.copyOf(words.subList(1, words.size())));
            }
        }
        return Collections.unmodifiableMap(capabilities);
    }

    /** {@code STAT}'s {@code count size}. */
    static POP3Client.Stat stat(String text) {
        List<String> words = words(text);
        if (words.size() < 2) {
            throw malformed("STAT", text);
        }
        return new POP3Client.Stat(number("STAT", words.get(0), text), size("STAT", words.get(1), text));
    }

    /** A scan or unique-id line's value for message {@code expected}: {@code n value}. */
    static String single(String command, String text, int expected) {
        List<String> words = words(text);
        if (words.size() < 2 || number(command, words.get(0), text) != expected) {
            throw malformed(command, text);
        }
        return words.get(1);
    }

    /** A listing's lines, {@code n value} each, by message number. */
    static <T> SortedMap<Integer, T> listing(String command, byte[] body, Function<String, T> value) {
        SortedMap<Integer, T> listing = new TreeMap<>();
        for (String line : lines(body)) {
            List<String> words = words(line);
            if (words.size() < 2) {
                throw malformed(command, line);
            }
            listing.put(number(command, words.get(0), line), value.apply(words.get(1)));
        }
        return Collections.unmodifiableSortedMap(listing);
    }

    static long size(String command, String word, String line) {
        if (word.isEmpty() || word.length() > 18 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformed(command, line);
        }
        return Long.parseLong(word);
    }

    static int number(String command, String word, String line) {
        Integer n = POP3Command.number(word);
        if (n == null) {
            throw malformed(command, line);
        }
        return n;
    }

    static POP3ClientError malformed(String command, String line) {
        String shown = (line.length() > 80) ? line.substring(0, 80) + "..." : line;
        return new POP3ClientError("malformed reply to " + command + ": \"" + shown + "\"");
    }

    private static List<String> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String word : line.split(" ")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
