package twisted.protocols.basic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.FuzzedStream.contains;
import static twisted.protocols.basic.FuzzedStream.show;
import static twisted.protocols.basic.FuzzedStream.startsWith;

/**
 * Fuzz target: {@link LineOnlyReceiver}, with a fuzzed delimiter (1 to 3 bytes), maximum line
 * length (0 to 64), stream, and whether a too-long line closes the connection. For every input:
 * <ul>
 * <li>the lines, too-long reports and close are exactly the same however the stream is cut and
 * whether chunks are lent or handed over, also when a too-long line does not close the connection
 * (the receiver's documented promise, stricter than Twisted's);</li>
 * <li>no line is longer than the maximum or holds the delimiter; a too-long report is exactly the
 * line's first {@code maxLength + 1} bytes;</li>
 * <li>until a line is too long, nothing is lost or invented: the lines with their delimiters and
 * what stays buffered are the stream;</li>
 * <li>between chunks, fewer than {@code maxLength + delimiter length} bytes stay buffered (until
 * the connection starts closing);</li>
 * <li>round trip: the lines sent back with {@code sendLine} and read by a fresh receiver, cut as
 * the fuzzer chose, are the same lines.</li>
 * </ul>
 */
class LineOnlyReceiverFuzzTests {

    @FuzzTest
    void linesDoNotDependOnHowTheBytesArriveAndRoundTrip(FuzzedDataProvider data) {
        int maxLength = data.consumeInt(0, 64);
        byte[] delimiter = data.consumeBytes(data.consumeInt(1, 3));
        boolean closeWhenTooLong = data.consumeBoolean();
        FuzzedStream stream = FuzzedStream.read(data);
        if (delimiter.length == 0) {
            return;
        }
        byte[] bytes = stream.bytes();
        List<String> events = stream.sameOutcomeForEveryCut(chunks -> {
            Reader reader = FuzzedStream.feed(() -> new Reader(maxLength, delimiter, closeWhenTooLong), chunks,
                    Reader::checkBuffered);
            if (reader.events.stream().noneMatch(e -> e.startsWith("too long"))) {
                byte[] read = reader.wire.toByteArray();
                assertThat(startsWith(bytes, read)).as("the lines read, %s, are the start of the stream", show(read)).isTrue();
                if (!reader.getTransport().isDisconnecting()) {
                    assertThat(read.length + reader.buffered()).as("bytes read and buffered").isEqualTo(bytes.length);
                }
            }
            return reader.outcome();
        });

        Reader writer = new Reader(maxLength, delimiter, closeWhenTooLong);
        StringTransport sent = new StringTransport();
        writer.makeConnection(sent);
        List<String> lines = new ArrayList<>();
        for (byte[] line : writer.linesOf(stream.whole())) {
            writer.sendLine(line);
            lines.add("line " + show(line));
        }
        Reader again = FuzzedStream.feed(() -> new Reader(maxLength, delimiter, closeWhenTooLong),
                stream.withBytes(sent.value()).fuzzerCut(),
                Reader::checkBuffered);
        assertThat(again.events).as("lines sent with sendLine and read back (first run: %s)", events).isEqualTo(lines);
    }

    /** The receiver under test: records what it gets. */
    static final class Reader extends LineOnlyReceiver {

        private final byte[] delimiter;

        private final boolean closeWhenTooLong;

        final List<String> events = new ArrayList<>();

        private final List<byte[]> lines = new ArrayList<>();

        /** The lines with their delimiters, as they were on the wire. */
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();

        Reader(int maxLength, byte[] delimiter, boolean closeWhenTooLong) {
            this.delimiter = delimiter.clone();
            this.closeWhenTooLong = closeWhenTooLong;
            setMaxLength(maxLength);
            setDelimiter(delimiter);
        }

        @Override
        public void lineReceived(byte[] line) {
            assertThat(line.length).as("line length").isLessThanOrEqualTo(getMaxLength());
            assertThat(contains(line, this.delimiter)).as("line %s holds the delimiter", show(line)).isFalse();
            this.events.add("line " + show(line));
            this.lines.add(line);
            this.wire.writeBytes(line);
            this.wire.writeBytes(this.delimiter);
        }

        @Override
        public void lineLengthExceeded(byte[] lineStart) {
            assertThat(lineStart.length).as("a too-long report's length").isEqualTo(getMaxLength() + 1);
            this.events.add("too long " + show(lineStart));
            if (this.closeWhenTooLong) {
                super.lineLengthExceeded(lineStart);
            }
        }

        /** Once closing, the rest of the chunk stays buffered unread (and later chunks are dropped): no bound then. */
        void checkBuffered() {
            if (!this.transport.isDisconnecting()) {
                assertThat(buffered()).as("bytes buffered between chunks").isLessThan(getMaxLength() + this.delimiter.length);
            }
        }

        List<String> outcome() {
            List<String> all = new ArrayList<>(this.events);
            if (this.transport.isDisconnecting()) {
                all.add("closed");
            }
            return all;
        }

        /** The lines a fresh receiver like this one reads from the chunks. */
        List<byte[]> linesOf(List<FuzzedStream.Chunk> chunks) {
            return FuzzedStream.feed(() -> new Reader(getMaxLength(), this.delimiter, this.closeWhenTooLong), chunks,
                    r -> {
                    }).lines;
        }
    }
}
