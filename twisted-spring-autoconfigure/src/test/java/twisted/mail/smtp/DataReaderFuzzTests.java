package twisted.mail.smtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.protocols.basic.FuzzedStream;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.FuzzedStream.show;

/**
 * Fuzz target: the {@code DATA} reader ({@link DataReader}), with RFC limits or fuzzed small ones,
 * any byte stream, cut as the fuzzer chooses. For every input:
 * <ul>
 * <li>the end, the lines and the verdict (bare CR/LF, line too long, too big) are the same
 * however the stream is cut;</li>
 * <li>the message ends exactly after the first {@code CR LF . CR LF} of {@code CR LF + stream}
 * (the DATA command's own CR LF counts), and nowhere else: no bare LF or CR can end it;</li>
 * <li>the verdict "bare line ending" is given exactly when the message holds a CR not followed
 * by LF or an LF not preceded by CR;</li>
 * <li>the lines the writer got are the first lines of the message split at CR LF, each without
 * its leading dot; all of them when nothing was refused; none holds CR or LF or is longer than the
 * limit, and their size (each with CR LF) stays within the size limit.</li>
 * </ul>
 */
class DataReaderFuzzTests {

    private record Outcome(int end, List<String> lines, boolean bare, boolean tooLong, boolean tooBig) {
    }

    @FuzzTest
    void theMessageEndsOnlyAtCrLfDotCrLf(FuzzedDataProvider data) {
        boolean small = data.consumeBoolean();
        int maxLine = small ? data.consumeInt(1, 40) : 998;
        long maxSize = small ? data.consumeInt(0, 200) : 1L << 20;
        FuzzedStream stream = FuzzedStream.read(data);
        byte[] bytes = stream.bytes();
        Outcome outcome = stream.sameOutcomeForEveryCut(chunks -> {
            List<byte[]> lines = new ArrayList<>();
            DataReader reader = new DataReader(maxLine, maxSize, lines::add);
            int end = -1;
            int offset = 0;
            for (FuzzedStream.Chunk chunk : chunks) {
                int at = reader.feed(chunk.bytes(), 0);
                if (at >= 0) {
                    end = offset + at;
                    break;
                }
                offset += chunk.bytes().length;
            }
            return new Outcome(end, lines.stream().map(FuzzedStream::show).toList(), reader.bareLineEnding(),
                    reader.lineTooLong(), reader.tooBig());
        });

        byte[] prefixed = new byte[bytes.length + 2];
        prefixed[0] = '\r';
        prefixed[1] = '\n';
        System.arraycopy(bytes, 0, prefixed, 2, bytes.length);
        int terminator = indexOf(prefixed, new byte[] {'\r', '\n', '.', '\r', '\n'});
        int expectedEnd = (terminator < 0) ? -1 : terminator + 3;
        assertThat(outcome.end()).as("end of %s", show(bytes)).isEqualTo(expectedEnd);

        // the message proper: up to the CR LF before the final dot (or what has come so far)
        int messageEnd = (expectedEnd < 0) ? bytes.length : Math.max(0, expectedEnd - 5 + 2);
        byte[] message = Arrays.copyOf(bytes, messageEnd);
        boolean bare = false;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
                bare = true;
            }
            if (message[i] == '\r' && i + 1 < message.length && message[i + 1] != '\n') {
                bare = true;
            }
            if (message[i] == '\r' && i + 1 == message.length && expectedEnd >= 0) {
                bare = true;
            }
        }
        assertThat(outcome.bare()).as("bare line ending in %s", show(message)).isEqualTo(bare);

        List<String> expected = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n') {
                int from = (i > start && message[start] == '.') ? start + 1 : start;
                expected.add(show(Arrays.copyOfRange(message, from, i)));
                start = i + 2;
                i++;
            }
        }
        boolean refused = outcome.bare() || outcome.tooLong() || outcome.tooBig();
        assertThat(outcome.lines()).as("lines of %s", show(bytes)).isEqualTo(
                expected.subList(0, Math.min(expected.size(), outcome.lines().size())));
        if (!refused) {
            assertThat(outcome.lines()).isEqualTo(expected);
        }
        long size = 0;
        for (String line : outcome.lines()) {
            assertThat(line).doesNotContain("\\x0d", "\\x0a");
            size += line.replaceAll("\\\\x[0-9a-f]{2}", "?").length() + 2;
        }
        assertThat(size).isLessThanOrEqualTo(maxSize);
        assertThat(outcome.lines()).allSatisfy(line ->
                assertThat(line.replaceAll("\\\\x[0-9a-f]{2}", "?").length()).isLessThanOrEqualTo(maxLine));
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
