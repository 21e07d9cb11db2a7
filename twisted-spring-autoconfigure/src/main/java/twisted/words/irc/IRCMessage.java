package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One IRC message: IRCv3 tags, an optional source (the prefix), a command (a word or a three-digit
 * numeric) and its parameters, as the modern IRC client protocol documents it:
 *
 * <pre>
 * [@tag=value;tag2 ] [:nick!user@host ] COMMAND param1 param2 [:trailing parameter with spaces]
 * </pre>
 *
 * <p>{@link #parse(String)} reads a line without its line ending; {@link #toLine()} writes one
 * back. Parsing is tolerant where daemons are (several spaces between words, a tag without a
 * value, a repeated tag whose last value wins, a command in lower case, which is upper-cased) and
 * strict where a message would change meaning: a line with no command, an empty tag name, or a NUL,
 * CR or LF anywhere is a {@link MalformedMessageException}. Tag values are unescaped on parsing
 * and escaped on writing ({@code \:} {@code ;}, {@code \s} space, {@code \\}, {@code \r}, {@code \n}).
 *
 * <p>Length limits are the receiver's business, not the parser's: see {@link #MAX_LINE_BYTES} and
 * {@link #MAX_TAGS_BYTES}.
 *
 * <p>Twisted passes {@code (prefix, command, params)} around as a tuple; this record is that tuple
 * plus the tags.
 *
 * @param tags the message tags in the order they came, a tag without a value mapped to {@code ""};
 *        read-only
 * @param prefix the source ({@code nick!user@host} or a server name), or {@code null}
 * @param command the command, upper case, or a three-digit numeric
 * @param params the parameters; only the last may be empty, hold spaces or start with {@code :};
 *        read-only
 * @since 0.1.0
 */
public record IRCMessage(Map<String, String> tags, @Nullable String prefix, String command, List<String> params) {

    /**
     * The longest message without tags, its CR LF included, that RFC 1459 and every daemon allow:
     * 512 bytes.
     */
    public static final int MAX_LINE_BYTES = 512;

    /**
     * The longest tag section a message may carry, its {@code @} and the space after it included:
     * 8191 bytes (IRCv3 message-tags; a client may send at most 4094 bytes of tags of its own).
     */
    public static final int MAX_TAGS_BYTES = 8191;

    /**
     * Checks that the message can be written as one well-formed line.
     *
     * @throws IllegalArgumentException if the command is not a word or a three-digit numeric, the
     *         prefix or a parameter holds a NUL, CR or LF (a tag value: a NUL), a parameter before the last is empty,
     *         holds a space or starts with {@code :}, or a tag name is empty or holds a space,
     *         {@code =} or {@code ;}
     */
    public IRCMessage {
        Map<String, String> copiedTags = new LinkedHashMap<>();
        tags.forEach((key, value) -> {
            checkTagKey(key);
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("A tag value may not contain NUL");
            }
            copiedTags.put(key, value);
        });
        tags = Collections.unmodifiableMap(copiedTags);
        if (prefix != null) {
            if (prefix.isEmpty() || prefix.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("The prefix must be one non-empty word: '" + prefix + "'");
            }
            checkText("prefix", prefix);
        }
        command = asciiUpperCase(command);
        checkCommand(command);
        params = List.copyOf(params);
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            checkText("parameter", param);
            if (i < params.size() - 1 && !isMiddle(param)) {
                throw new IllegalArgumentException("Only the last parameter may be empty, hold a space or start with ':' ("
                        + command + " parameter " + (i + 1) + ": '" + param + "')");
            }
        }
    }

    /**
     * A message without tags or prefix, as a client sends it.
     *
     * @param command the command or numeric
     * @param params its parameters
     * @return the message
     */
    public static IRCMessage of(String command, String... params) {
        return new IRCMessage(Map.of(), null, command, Arrays.asList(params));
    }

    /**
     * The same message from another source.
     *
     * @param source the prefix, {@code null} for none
     * @return a new message
     */
    public IRCMessage withPrefix(@Nullable String source) {
        return new IRCMessage(this.tags, source, this.command, this.params);
    }

    /**
     * The same message with one more tag (or that tag's value replaced).
     *
     * @param key the tag name
     * @param value its value, {@code ""} for a tag without one
     * @return a new message
     */
    public IRCMessage withTag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(this.tags);
        more.put(key, value);
        return new IRCMessage(more, this.prefix, this.command, this.params);
    }

    /**
     * The same message with no tags at all: what a connection that did not ask for tags gets.
     *
     * @return this message if it has no tags, else a new one
     */
    public IRCMessage withoutTags() {
        return this.tags.isEmpty() ? this : new IRCMessage(Map.of(), this.prefix, this.command, this.params);
    }

    /**
     * A parameter by position.
     *
     * @param index from 0
     * @return the parameter, or {@code null} when there are not that many
     */
    public @Nullable String param(int index) {
        return (index >= 0 && index < this.params.size()) ? this.params.get(index) : null;
    }

    /**
     * The last parameter: the text of a {@code PRIVMSG}, the reason of a {@code QUIT}.
     *
     * @return the last parameter, or {@code null} when there is none
     */
    public @Nullable String lastParam() {
        return this.params.isEmpty() ? null : this.params.get(this.params.size() - 1);
    }

    /**
     * The nick in the prefix: what comes before {@code !} or {@code @}, or the whole prefix.
     *
     * @return the nick or server name, or {@code null} when there is no prefix
     */
    public @Nullable String sourceNick() {
        if (this.prefix == null) {
            return null;
        }
        int end = this.prefix.length();
        int bang = this.prefix.indexOf('!');
        int at = this.prefix.indexOf('@');
        if (bang >= 0) {
            end = bang;
        }
        else if (at >= 0) {
            end = at;
        }
        return this.prefix.substring(0, end);
    }

    /**
     * Whether the command is a three-digit numeric reply.
     *
     * @return {@code true} for {@code 001}, {@code 433} and the like
     */
    public boolean isNumeric() {
        return this.command.length() == 3 && Character.isDigit(this.command.charAt(0));
    }

    /**
     * The message as one line, without its line ending.
     *
     * @return the line
     */
    public String toLine() {
        StringBuilder line = new StringBuilder(64);
        if (!this.tags.isEmpty()) {
            line.append('@');
            boolean first = true;
            for (Map.Entry<String, String> tag : this.tags.entrySet()) {
                if (!first) {
                    line.append(';');
                }
                first = false;
                line.append(tag.getKey());
                if (!tag.getValue().isEmpty()) {
                    line.append('=');
                    escapeTagValue(tag.getValue(), line);
                }
            }
            line.append(' ');
        }
        if (this.prefix != null) {
            line.append(':').append(this.prefix).append(' ');
        }
        line.append(this.command);
        for (int i = 0; i < this.params.size(); i++) {
            String param = this.params.get(i);
            line.append(' ');
            if (i == this.params.size() - 1 && !isMiddle(param)) {
                line.append(':');
            }
            line.append(param);
        }
        return line.toString();
    }

    /**
     * The message as one line in UTF-8, without its line ending.
     *
     * @return the bytes
     */
    public byte[] toBytes() {
        return toLine().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return toLine();
    }

    /**
     * Reads one message from a line without its line ending.
     *
     * @param line the line
     * @return the message
     * @throws MalformedMessageException if the line is not a message
     */
    public static IRCMessage parse(String line) {
        if (line.indexOf('\0') >= 0 || line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new MalformedMessageException("Messages may not contain NUL, CR or LF");
        }
        int position = 0;
        int length = line.length();
        Map<String, String> tags = Map.of();
        if (position < length && line.charAt(position) == '@') {
            int end = line.indexOf(' ', position);
            if (end < 0) {
                throw new MalformedMessageException("Tags but no command");
            }
            tags = parseTags(line.substring(position + 1, end));
            position = skipSpaces(line, end);
        }
        String prefix = null;
        if (position < length && line.charAt(position) == ':') {
            int end = line.indexOf(' ', position);
            if (end < 0) {
                throw new MalformedMessageException("A source but no command");
            }
            prefix = line.substring(position + 1, end);
            if (prefix.isEmpty()) {
                throw new MalformedMessageException("Empty source");
            }
            position = skipSpaces(line, end);
        }
        int commandEnd = line.indexOf(' ', position);
        if (commandEnd < 0) {
            commandEnd = length;
        }
        String command = line.substring(position, commandEnd);
        if (command.isEmpty()) {
            throw new MalformedMessageException("No command");
        }
        String upper = asciiUpperCase(command);
        if (!isCommand(upper)) {
            throw new MalformedMessageException("Not a command: " + command);
        }
        List<String> params = new ArrayList<>();
        position = skipSpaces(line, commandEnd);
        while (position < length) {
            if (line.charAt(position) == ':') {
                params.add(line.substring(position + 1));
                break;
            }
            int end = line.indexOf(' ', position);
            if (end < 0) {
                end = length;
            }
            params.add(line.substring(position, end));
            position = skipSpaces(line, end);
        }
        return new IRCMessage(tags, prefix, upper, params);
    }

    /**
     * Reads a tag section (without its {@code @} and the space after it).
     *
     * @param section {@code key=value;key2}
     * @return the tags in order, values unescaped
     * @throws MalformedMessageException if a tag has no name, or the section holds a NUL, CR or LF
     */
    public static Map<String, String> parseTags(String section) {
        if (section.indexOf('\0') >= 0 || section.indexOf('\r') >= 0 || section.indexOf('\n') >= 0) {
            throw new MalformedMessageException("Messages may not contain NUL, CR or LF");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        int position = 0;
        while (position <= section.length()) {
            int end = section.indexOf(';', position);
            if (end < 0) {
                end = section.length();
            }
            String tag = section.substring(position, end);
            if (!tag.isEmpty()) {
                int equals = tag.indexOf('=');
                String key = (equals < 0) ? tag : tag.substring(0, equals);
                if (key.isEmpty()) {
                    throw new MalformedMessageException("A tag with no name");
                }
                if (!isTagKey(key)) {
                    throw new MalformedMessageException("Bad tag name: " + key);
                }
                tags.put(key, (equals < 0) ? "" : unescapeTagValue(tag.substring(equals + 1)));
            }
            position = end + 1;
        }
        return tags;
    }

    /**
     * Undoes the escaping of a tag value: {@code \:} is {@code ;}, {@code \s} a space,
     * {@code \\} a backslash, {@code \r} and {@code \n} CR and LF; a backslash before any other
     * character is dropped, and so is one at the end.
     *
     * @param escaped the value as sent
     * @return the value
     */
    public static String unescapeTagValue(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder value = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (++i == escaped.length()) {
                break;
            }
            char next = escaped.charAt(i);
            switch (next) {
                case ':' -> value.append(';');
                case 's' -> value.append(' ');
                case 'r' -> value.append('\r');
                case 'n' -> value.append('\n');
                default -> value.append(next);
            }
        }
        return value.toString();
    }

    /**
     * Escapes a tag value for the wire.
     *
     * @param value the value
     * @return the escaped value
     */
    public static String escapeTagValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        escapeTagValue(value, escaped);
        return escaped.toString();
    }

    private static void escapeTagValue(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static int skipSpaces(String line, int position) {
        while (position < line.length() && line.charAt(position) == ' ') {
            position++;
        }
        return position;
    }

    private static boolean isMiddle(String param) {
        return !param.isEmpty() && param.charAt(0) != ':' && param.indexOf(' ') < 0;
    }

    /**
     * Upper case for ASCII letters only: Unicode's rules would make commands of letters that are
     * not ASCII ({@code ſ} upper-cases to {@code S}, {@code ı} to {@code I}).
     */
    private static String asciiUpperCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static boolean isCommand(String command) {
        if (command.length() == 3 && Character.isDigit(command.charAt(0))) {
            return command.chars().allMatch(c -> c >= '0' && c <= '9');
        }
        return !command.isEmpty() && command.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    private static void checkCommand(String command) {
        if (!isCommand(command)) {
            throw new IllegalArgumentException("A command is letters or three digits: '" + command + "'");
        }
    }

    private static boolean isTagKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ' || c == '=' || c == ';' || c == '\0' || c == '\r' || c == '\n') {
                return false;
            }
        }
        return !key.isEmpty();
    }

    private static void checkTagKey(String key) {
        if (!isTagKey(key)) {
            throw new IllegalArgumentException("Bad tag name: '" + key + "'");
        }
    }

    private static void checkText(String what, String text) {
        if (text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A " + what + " may not contain NUL, CR or LF");
        }
    }
}
