package twisted.mail.imap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IMAPStringsTests {

    @Test
    void plainTextIsQuoted() {
        assertThat(IMAPStrings.string("afternoon meeting")).isEqualTo("\"afternoon meeting\"");
        assertThat(IMAPStrings.string("")).isEqualTo("\"\"");
    }

    @Test
    void quotesAndBackslashesAreEscapedInsideQuotes() {
        assertThat(IMAPStrings.string("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
    }

    @Test
    void eightBitTextBecomesALiteralCountingUtf8Octets() {
        assertThat(IMAPStrings.string("Zoë")).isEqualTo("{4}\r\nZoë");
    }

    @Test
    void lineBreaksAndNulBecomeLiterals() {
        assertThat(IMAPStrings.string("a\r\nb")).isEqualTo("{4}\r\na\r\nb");
        assertThat(IMAPStrings.string("a\nb")).isEqualTo("{3}\r\na\nb");
        assertThat(IMAPStrings.string("a\0b")).isEqualTo("{3}\r\na\0b");
    }

    @Test
    void nullIsNil() {
        assertThat(IMAPStrings.nstring(null)).isEqualTo("NIL");
        assertThat(IMAPStrings.nstring("x")).isEqualTo("\"x\"");
    }

    @Test
    void astringIsAnAtomWhenItCanBe() {
        assertThat(IMAPStrings.astring("INBOX")).isEqualTo("INBOX");
        assertThat(IMAPStrings.astring("a]b")).isEqualTo("a]b");
        assertThat(IMAPStrings.astring("My Folder")).isEqualTo("\"My Folder\"");
        assertThat(IMAPStrings.astring("a(b")).isEqualTo("\"a(b\"");
        assertThat(IMAPStrings.astring("50%")).isEqualTo("\"50%\"");
        assertThat(IMAPStrings.astring("")).isEqualTo("\"\"");
        assertThat(IMAPStrings.astring("nil")).isEqualTo("\"nil\"");
        assertThat(IMAPStrings.astring("Köln")).isEqualTo("{5}\r\nKöln");
    }
}
