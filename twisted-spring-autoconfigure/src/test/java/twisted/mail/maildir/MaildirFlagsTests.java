package twisted.mail.maildir;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import twisted.mail.MessageInfo;

import static org.assertj.core.api.Assertions.assertThat;

class MaildirFlagsTests {

    @Test
    void systemFlagsAreTheMaildirLettersSortedAndKeywordsTheirTableLetters() {
        List<String> keywords = List.of("$Forwarded", "foo");

        String letters = MaildirFlags.lettersFor(Set.of(MessageInfo.SEEN, MessageInfo.DRAFT, MessageInfo.DELETED,
                MessageInfo.ANSWERED, MessageInfo.FLAGGED, "foo", "$Forwarded", MessageInfo.RECENT), keywords, "");

        assertThat(letters).isEqualTo("DFRSTab");
        assertThat(MaildirFlags.flagsOf(letters, keywords)).containsExactlyInAnyOrder(MessageInfo.SEEN,
                MessageInfo.DRAFT, MessageInfo.DELETED, MessageInfo.ANSWERED, MessageInfo.FLAGGED, "foo",
                "$Forwarded");
    }

    @Test
    void lettersImapHasNoFlagForAreKeptAndUnknownKeywordLettersIgnored() {
        assertThat(MaildirFlags.lettersFor(Set.of(MessageInfo.SEEN), List.of(), "PT")).isEqualTo("PS");
        assertThat(MaildirFlags.flagsOf("PSz", List.of("a"))).containsExactly(MessageInfo.SEEN);
        assertThat(MaildirFlags.lettersFor(Set.of("missing"), List.of(), "")).isNull();
    }

    @Test
    void lettersAreReadFromAFileName() {
        assertThat(MaildirFlags.lettersOf("1.M1P1.host:2,FS")).isEqualTo("FS");
        assertThat(MaildirFlags.lettersOf("1.M1P1.host")).isEmpty();
        assertThat(MaildirFlags.fileName("1.M1P1.host", "")).isEqualTo("1.M1P1.host:2,");
    }

    @Test
    void keywordsAreImapAtoms() {
        assertThat(MaildirFlags.isKeyword("$Label1")).isTrue();
        for (String bad : List.of("", "two words", "a(b", "a]", "a\nb", "é", "x*")) {
            assertThat(MaildirFlags.isKeyword(bad)).as(bad).isFalse();
        }
    }
}
