package twisted.words.irc;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What fuzzing the IRC parser found (docs/reliability.md, "Fuzzing"), each a plain test that fails
 * on the code before its fix; the reproducers are also in the fuzz targets' corpora.
 */
class IRCMessageFindingsTests {

    /**
     * {@code IRCMessageTagsFuzzTests}: {@code parseTags} returned a NUL in a value, which the record
     * then refused with a plain {@code IllegalArgumentException}: a tag section is part of a line,
     * and holds no NUL, CR or LF, as {@code parse} already required.
     */
    @Test
    void aTagSectionWithNulCrOrLfIsMalformed() {
        for (String section : List.of("msgid=a\0b", "a=\r", "a=b;c\n", "x\0")) {
            assertThatThrownBy(() -> IRCMessage.parseTags(section)).isInstanceOf(MalformedMessageException.class)
                    .hasMessage("Messages may not contain NUL, CR or LF");
        }
        assertThat(IRCMessage.parseTags("a=\\r\\n\\0")).containsExactly(Map.entry("a", "\r\n0"));
    }

    /**
     * {@code IRCMessageFuzzTests}: the command was upper-cased with Unicode's rules before it was
     * checked, so letters that are not ASCII but upper-case to ASCII ones made another command:
     * {@code ſQUIT} (long s) read as {@code SQUIT}, {@code ınfo} (dotless i) as {@code INFO},
     * {@code ﬀ} as {@code FF}. A command is ASCII letters or three digits, in any ASCII case.
     */
    @Test
    void aCommandIsAsciiLettersOnly() {
        for (String line : List.of("\u017fQUIT :x", "\u0131nfo x", "\ufb00 x", "PR\u0130VMSG #a :x")) {
            assertThatThrownBy(() -> IRCMessage.parse(line)).as(line).isInstanceOf(MalformedMessageException.class)
                    .hasMessageStartingWith("Not a command: ");
        }
        for (String command : List.of("\u017fquit", "\u0131nfo", "\ufb00")) {
            assertThatIllegalArgumentException().isThrownBy(() -> IRCMessage.of(command)).as(command);
        }
        assertThat(IRCMessage.parse("pRiVmSg #a :x").command()).isEqualTo("PRIVMSG");
        assertThat(IRCMessage.of("privmsg", "#a", "x").command()).isEqualTo("PRIVMSG");
    }
}
