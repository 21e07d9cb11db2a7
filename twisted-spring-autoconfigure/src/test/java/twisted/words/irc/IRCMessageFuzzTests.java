package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: {@link IRCMessage#parse}, with any line (the input's bytes as UTF-8, as the framing
 * decodes them: a malformed sequence is U+FFFD). For every input:
 * <ul>
 * <li>it gives a message or throws {@link MalformedMessageException} with a message, never another
 * exception (not the {@code IllegalArgumentException} of the record's own checks, nor an index or
 * null-pointer exception);</li>
 * <li>the message is well formed: the command is ASCII letters (upper case) or three digits, and is
 * the line's own command word in ASCII upper case (no other case mapping); a source is one
 * non-empty word; no parameter holds NUL, CR or LF, and only the last may be empty, hold a space
 * or start with {@code :};</li>
 * <li>round trip: {@link IRCMessage#toLine()} parses back to an equal message, and that message
 * writes the same line (the written form is canonical);</li>
 * <li>every tag value, and the line itself taken as a value, survive
 * {@link IRCMessage#escapeTagValue} then {@link IRCMessage#unescapeTagValue}, and the escaped
 * form holds no {@code ;}, space, CR or LF.</li>
 * </ul>
 */
class IRCMessageFuzzTests {

    @FuzzTest
    void linesParseIntoMessagesThatWriteBackTheSame(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        checkEscaping(line);
        IRCMessage message;
        try {
            message = IRCMessage.parse(line);
        }
        catch (MalformedMessageException ex) {
            assertThat(ex.getMessage()).as("the problem with %s", line).isNotBlank();
            return;
        }
        checkWellFormed(line, message);
        message.tags().values().forEach(IRCMessageFuzzTests::checkEscaping);

        String written = message.toLine();
        IRCMessage again = IRCMessage.parse(written);
        assertThat(again).as("'%s' written as '%s' and parsed back", line, written).isEqualTo(message);
        assertThat(again.tags().keySet()).as("tag order").containsExactlyElementsOf(message.tags().keySet());
        assertThat(again.toLine()).as("written again").isEqualTo(written);
    }

    static void checkWellFormed(String line, IRCMessage message) {
        String command = message.command();
        assertThat(command.matches("[A-Z]+|[0-9]{3}")).as("command '%s' of '%s'", command, line).isTrue();
        assertThat(asciiUpperCase(line)).as("the line, ASCII upper-cased, holds the command '%s'", command)
                .contains(command);
        String prefix = message.prefix();
        if (prefix != null) {
            assertThat(prefix).as("source").isNotEmpty().doesNotContain(" ");
        }
        List<String> params = message.params();
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            assertThat(param).as("parameter %d", i).doesNotContain("\0", "\r", "\n");
            if (i < params.size() - 1) {
                assertThat(param).as("parameter %d before the last", i).isNotEmpty().doesNotContain(" ")
                        .doesNotStartWith(":");
            }
        }
        for (Map.Entry<String, String> tag : message.tags().entrySet()) {
            assertThat(tag.getKey()).as("tag name").isNotEmpty().doesNotContain(" ", "=", ";", "\0", "\r", "\n");
            assertThat(tag.getValue()).as("tag value").doesNotContain("\0");
        }
    }

    /** Escaping then unescaping gives the value back, and the escaped form can sit in a tag section. */
    static void checkEscaping(String value) {
        String escaped = IRCMessage.escapeTagValue(value);
        assertThat(escaped).as("escaped value").doesNotContain(";", " ", "\r", "\n");
        assertThat(IRCMessage.unescapeTagValue(escaped)).as("'%s' escaped as '%s' and unescaped", value, escaped)
                .isEqualTo(value);
    }

    /** Upper case for ASCII letters only: what a command's case may differ by. */
    static String asciiUpperCase(String text) {
        StringBuilder upper = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            upper.append((c >= 'a' && c <= 'z') ? (char) (c - 'a' + 'A') : c);
        }
        return upper.toString();
    }
}
