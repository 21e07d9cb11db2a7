package twisted.mail;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ModifiedUtf7Tests {

    @Test
    void printableAsciiStandsForItselfAndAmpersandIsShifted() {
        assertThat(ModifiedUtf7.encode("INBOX/Sent Items")).isEqualTo("INBOX/Sent Items");
        assertThat(ModifiedUtf7.encode("Tom & Jerry")).isEqualTo("Tom &- Jerry");
        assertThat(ModifiedUtf7.decode("Tom &- Jerry")).isEqualTo("Tom & Jerry");
        assertThat(ModifiedUtf7.decode("&-&-")).isEqualTo("&&");
    }

    @Test
    void rfc3501sExampleDecodes() {
        // RFC 3501 5.1.3: "~peter/mail/台北/日本語"
        assertThat(ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-")).isEqualTo("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e");
        assertThat(ModifiedUtf7.encode("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    }

    @Test
    void nonAsciiRunsRoundTrip() {
        for (String name : new String[] {"Entw\u00fcrfe", "\u00e9", "\u00e9\u00e8", "\u00e9\u00e8\u00ea", "a\u00e9b\u00e8c",
            "\ud83d\udce7 mail", "tab\there", "\u00e9&\u00e8", "", "&", "-", "&-", "\u0000"}) {
            String wire = ModifiedUtf7.encode(name);
            assertThat(wire).as(name).matches("[\\x20-\\x7e]*");
            assertThat(ModifiedUtf7.decode(wire)).as(wire).isEqualTo(name);
        }
        assertThat(ModifiedUtf7.encode("Entw\u00fcrfe")).isEqualTo("Entw&APw-rfe");
    }

    @Test
    void malformedNamesAreRefused() {
        for (String bad : new String[] {
            "Entw\u00fcrfe", // raw non-ASCII
            "a\tb", // raw control character
            "&APw", // unterminated shift
            "&AGE-", // base64 for "a", which stands for itself
            "&APw-&AOk-", // two runs back to back
            "&APw/-", // '/' is not in modified base64
            "&APx-", // leftover bits not zero
            "&A-", // too short for a character
            "&AP-", // leftover bits
            "&2D0-", // an unpaired high surrogate
            "&3Ec-", // an unpaired low surrogate
        }) {
            assertThatExceptionOfType(IllegalArgumentException.class).as(bad).isThrownBy(() -> ModifiedUtf7.decode(bad))
                    .withMessageStartingWith("Mailbox name");
        }
    }
}
