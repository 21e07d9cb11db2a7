package twisted.conch.recvline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LineDisciplineOptionsTests {

    @Test
    void defaultsHaveNoPromptLinesOf4096CharactersAndAHistoryOf100() {
        LineDisciplineOptions options = LineDisciplineOptions.defaults();
        assertThat(options.prompt()).isEmpty();
        assertThat(options.maxLineLength()).isEqualTo(4096);
        assertThat(options.historySize()).isEqualTo(100);
    }

    @Test
    void withMethodsChangeOneOptionEach() {
        LineDisciplineOptions options = LineDisciplineOptions.defaults().withPrompt("\u001b[1m>\u001b[0m ")
                .withMaxLineLength(10).withHistorySize(0);
        assertThat(options).isEqualTo(new LineDisciplineOptions("\u001b[1m>\u001b[0m ", 10, 0));
    }

    @Test
    void promptWithALineBreakIsRefused() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> LineDisciplineOptions.defaults().withPrompt("a\r\n> "))
                .withMessageContaining("\\x0d");
    }

    @Test
    void limitsAreChecked() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> LineDisciplineOptions.defaults().withMaxLineLength(0))
                .withMessage("maxLineLength (0) must be at least 1");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> LineDisciplineOptions.defaults().withHistorySize(-1))
                .withMessage("historySize (-1) must not be negative");
    }
}
