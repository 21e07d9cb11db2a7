package twisted.conch.avatar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Fuzz target: the split of an exec request's command line into words, with any text (UTF-8) as
 * the command line. For every input: {@link CommandLine#split} gives words or refuses with an
 * {@link IllegalArgumentException} that says why (nothing else escapes); no word is empty unless
 * it was quoted; and the words, each written back in single quotes, split into the same words.
 */
class CommandLineFuzzTests {

    @FuzzTest
    void wordsSplitBackTheSameOnceQuoted(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        List<String> words;
        try {
            words = CommandLine.split(line);
        }
        catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).startsWith("the command line");
            return;
        }
        assertThat(words).allSatisfy(word -> {
            if (word.isEmpty()) {
                assertThat(line).containsAnyOf("''", "\"\"");
            }
        });
        String quoted = words.stream().map(word -> "'" + word.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        assertThat(CommandLine.split(quoted)).isEqualTo(words);
    }

    @Test
    void anOverLongLineIsRefused() {
        assertThat(CommandLine.split("x".repeat(CommandLine.MAX_LENGTH))).hasSize(1);
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.split("x".repeat(CommandLine.MAX_LENGTH + 1)))
                .withMessageContaining("over");
    }
}
