package twisted.mail.maildir;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModifiedUtf7Tests {

    @Test
    void encodesAsRfc3501AndDovecotDo() {
        assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assertThat(ModifiedUtf7.encode("Å résumé&x")).isEqualTo("&AMU- r&AOk-sum&AOk-&-x"); // as Dovecot named it
        assertThat(ModifiedUtf7.encode("plain")).isEqualTo("plain");
        assertThat(ModifiedUtf7.encode("😀")).isEqualTo("&2D3eAA-");
    }

    @Test
    void decodesWhatItEncodes() {
        for (String text : new String[] { "~peter/mail/台北/日本語", "Å résumé&x", "&", "a&b-c", "😀 x 😀" }) {
            assertThat(ModifiedUtf7.decode(ModifiedUtf7.encode(text))).isEqualTo(text);
        }
    }

    @Test
    void refusesWhatIsNotModifiedUtf7() {
        assertThat(ModifiedUtf7.decode("&AMU")).as("unterminated").isNull();
        assertThat(ModifiedUtf7.decode("&AGE-")).as("shifted ASCII").isNull();
        assertThat(ModifiedUtf7.decode("&AM=-")).as("padding").isNull();
        assertThat(ModifiedUtf7.decode("&AMU/-")).as("plain base64 slash").isNull();
        assertThat(ModifiedUtf7.decode("é")).as("raw non-ASCII").isNull();
        assertThat(ModifiedUtf7.decode("&A-")).as("odd length").isNull();
    }
}
