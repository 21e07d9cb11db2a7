package twisted.conch.recvline;

import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target: the line discipline with any bytes as what a client's terminal sends, with a small
 * line limit (8) and history (3) so that the limits are reached. For every input (at most 96
 * bytes, each run fed whole, split in two at every index and one byte at a time):
 * <ul>
 * <li>nothing escapes {@code dataReceived}, and the bytes on the wire, the lines delivered and the
 * close are the same however the input is cut ({@link Shell#everyChunking});</li>
 * <li>each line delivered is one line ending in CR LF, holds no control character and at most the
 * line limit in code points;</li>
 * <li>the wire never carries a C0 control the discipline does not write itself (BEL, BS, CR, LF,
 * ESC) and never a raw byte of an escape sequence the client sent.</li>
 * </ul>
 */
class LineDisciplineFuzzTests {

    private static final int MAX_LINE = 8;

    @FuzzTest
    void anyKeysGiveBoundedLinesWhateverTheCuts(byte[] input) {
        byte[] keys = Arrays.copyOf(input, Math.min(input.length, 96));
        Shell.Run run = Shell.everyChunking(() -> new Shell(new Shell.Recorder(),
                LineDisciplineOptions.defaults().withPrompt("> ").withMaxLineLength(MAX_LINE).withHistorySize(3)), keys);
        for (String event : run.events()) {
            if (event.equals("made") || event.equals("interrupted") || event.startsWith("lost ")) {
                continue;
            }
            assertThat(event).as("a delivered line").endsWith("\r\n");
            String line = event.substring(0, event.length() - 2);
            assertThat(line.codePoints().filter(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)))
                    .as("controls in %s", line).isEmpty();
            assertThat(line.codePointCount(0, line.length())).isLessThanOrEqualTo(MAX_LINE);
        }
        assertThat(run.wire().chars().filter(c -> c < 0x20 && c != 0x07 && c != 0x08 && c != '\r' && c != '\n'
                && c != 0x1b)).as("controls on the wire").isEmpty();
    }
}
