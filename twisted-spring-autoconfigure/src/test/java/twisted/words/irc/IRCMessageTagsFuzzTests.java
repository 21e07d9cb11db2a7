package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: {@link IRCMessage#parseTags}, with any tag section (the input's bytes as UTF-8,
 * without the {@code @} and the space after it). For every input:
 * <ul>
 * <li>it gives the tags or throws {@link MalformedMessageException} with a message, never another
 * exception;</li>
 * <li>every name is non-empty and holds no space, {@code =}, {@code ;}, NUL, CR or LF; each name's
 * value is the unescaped value of its last occurrence in the section (a repeated tag's last value
 * wins), a tag without {@code =} or with an empty value mapping to {@code ""};</li>
 * <li>the tags can be carried by a message: {@code TAGMSG} with them is accepted by the record and
 * its line parses back to the same tags, in the same order;</li>
 * <li>the tags written back as a section ({@code name=escaped;...}) parse to the same tags.</li>
 * </ul>
 */
class IRCMessageTagsFuzzTests {

    @FuzzTest
    void tagSectionsParseIntoTagsThatWriteBackTheSame(byte[] input) {
        String section = new String(input, StandardCharsets.UTF_8);
        Map<String, String> tags;
        try {
            tags = IRCMessage.parseTags(section);
        }
        catch (MalformedMessageException ex) {
            assertThat(ex.getMessage()).as("the problem with %s", section).isNotBlank();
            return;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            assertThat(tag.getKey()).as("tag name").isNotEmpty().doesNotContain(" ", "=", ";", "\0", "\r", "\n");
            assertThat(tag.getValue()).as("value of %s", tag.getKey()).isEqualTo(lastValue(section, tag.getKey()));
            IRCMessageFuzzTests.checkEscaping(tag.getValue());
        }

        IRCMessage message = new IRCMessage(tags, "server.example", "TAGMSG", List.of("#chan"));
        IRCMessage again = IRCMessage.parse(message.toLine());
        assertThat(again.tags()).as("tags carried by '%s'", message.toLine()).isEqualTo(tags);
        assertThat(again.tags().keySet()).as("tag order").containsExactlyElementsOf(tags.keySet());

        List<String> written = new ArrayList<>();
        tags.forEach((key, value) -> written.add(value.isEmpty() ? key : key + "=" + IRCMessage.escapeTagValue(value)));
        String rewritten = String.join(";", written);
        Map<String, String> reread = IRCMessage.parseTags(rewritten);
        assertThat(reread).as("'%s' rewritten as '%s'", section, rewritten).isEqualTo(tags);
        assertThat(reread.keySet()).as("tag order").containsExactlyElementsOf(tags.keySet());
    }

    /** The unescaped value of the last {@code key} or {@code key=value} element of the section. */
    private static String lastValue(String section, String key) {
        String value = null;
        for (String element : section.split(";", -1)) {
            if (element.equals(key)) {
                value = "";
            }
            else if (element.startsWith(key + "=")) {
                value = IRCMessage.unescapeTagValue(element.substring(key.length() + 1));
            }
        }
        assertThat(value).as("an element named %s in %s", key, section).isNotNull();
        return value;
    }
}
