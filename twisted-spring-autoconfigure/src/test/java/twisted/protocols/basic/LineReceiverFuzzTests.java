package twisted.protocols.basic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.FuzzedStream.contains;
import static twisted.protocols.basic.FuzzedStream.show;
import static twisted.protocols.basic.FuzzedStream.startsWith;

/**
 * Fuzz target: {@link LineReceiver}, with a fuzzed delimiter (1 to 3 bytes), maximum line length
 * (0 to 64) and stream. The receiver under test speaks a small protocol that uses every mode
 * switch: a line {@code R1}..{@code R9} is followed by that many raw bytes, a line {@code P}
 * pauses it (the test resumes it after each chunk, as a transport would), a line {@code C} closes
 * the connection. For every input:
 * <ul>
 * <li>the lines, raw bodies, too-long reports and close are the same however the stream is cut and
 * whether chunks are lent or handed over, when a too-long line closes the connection (the
 * default); a too-long report is compared on its first {@code maxLength + 1} bytes, since the rest
 * is "what was buffered", which depends on the cut, as in Twisted;</li>
 * <li>no line is longer than the maximum or holds the delimiter; a too-long report holds more
 * than the maximum;</li>
 * <li>nothing is lost or invented: the lines with their delimiters, the raw bytes, the too-long
 * reports and what stays buffered are the stream, in order;</li>
 * <li>between chunks, fewer than {@code maxLength + delimiter length} bytes stay buffered in line
 * mode, and none in raw mode.</li>
 * </ul>
 * The regression corpus is {@code LineReceiverFuzzTestsInputs/} beside this class, in the test resources.
 */
class LineReceiverFuzzTests {

    @FuzzTest
    void linesAndRawBodiesDoNotDependOnHowTheBytesArrive(FuzzedDataProvider data) {
        int maxLength = data.consumeInt(0, 64);
        byte[] delimiter = data.consumeBytes(data.consumeInt(1, 3));
        boolean closeWhenTooLong = data.consumeBoolean();
        FuzzedStream stream = FuzzedStream.read(data);
        if (delimiter.length == 0) {
            return;
        }
        byte[] bytes = stream.bytes();
        List<Outcome> outcomes = new ArrayList<>();
        for (List<FuzzedStream.Chunk> chunks : stream.cuts()) {
            Speaker speaker = FuzzedStream.feed(() -> new Speaker(maxLength, delimiter, closeWhenTooLong), chunks,
                    Speaker::afterChunk);
            Outcome outcome = speaker.outcome();
            byte[] accounted = concat(speaker.wire.toByteArray(), outcome.leftover());
            if (outcome.closed()) {
                assertThat(startsWith(bytes, accounted)).as("what was read and buffered, %s, is the start of the stream", show(accounted)).isTrue();
            }
            else {
                assertThat(accounted).as("what was read and buffered is the stream").isEqualTo(bytes);
            }
            outcomes.add(outcome.comparable());
        }
        if (closeWhenTooLong || outcomes.stream().noneMatch(Outcome::hadLineTooLong)) {
            assertThat(outcomes).as("the outcome for each cut of %s", stream).allMatch(
                    outcomes.get(0)::equals);
        }
    }

    /** What a run delivered; {@code leftover} is only comparable between runs that did not close. */
    record Outcome(List<String> events, boolean closed, byte[] leftover) {

        boolean hadLineTooLong() {
            return this.events.stream().anyMatch(e -> e.startsWith("too long"));
        }

        Outcome comparable() {
            return new Outcome(this.events, this.closed, this.closed ? new byte[0] : this.leftover);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Outcome that && this.events.equals(that.events) && this.closed == that.closed
                    && Arrays.equals(this.leftover, that.leftover);
        }

        @Override
        public int hashCode() {
            return this.events.hashCode();
        }

        @Override
        public String toString() {
            return this.events + (this.closed ? " closed" : " leftover " + show(this.leftover));
        }
    }

    /** The receiver under test: records what it gets and uses raw mode, pausing and closing on command. */
    static final class Speaker extends LineReceiver {

        private final byte[] delimiter;

        private final boolean closeWhenTooLong;

        final List<String> events = new ArrayList<>();

        /** Every byte consumed, as it was on the wire: lines with their delimiters, raw bytes, too-long reports. */
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();

        private final ByteArrayOutputStream rawBody = new ByteArrayOutputStream();

        private int rawRemaining;

        Speaker(int maxLength, byte[] delimiter, boolean closeWhenTooLong) {
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
            this.wire.writeBytes(line);
            this.wire.writeBytes(this.delimiter);
            String command = new String(line, StandardCharsets.ISO_8859_1);
            if (command.equals("C")) {
                this.transport.loseConnection();
            }
            else if (command.equals("P")) {
                pauseProducing();
            }
            else if (command.matches("R[1-9]")) {
                this.rawRemaining = command.charAt(1) - '0';
                this.rawBody.reset();
                setRawMode();
            }
        }

        @Override
        public void rawDataReceived(byte[] data) {
            assertThat(this.rawRemaining).as("raw bytes expected").isPositive();
            int taken = Math.min(this.rawRemaining, data.length);
            this.rawBody.write(data, 0, taken);
            this.wire.write(data, 0, taken);
            this.rawRemaining -= taken;
            if (this.rawRemaining == 0) {
                this.events.add("raw " + show(this.rawBody.toByteArray()));
                setLineMode(Arrays.copyOfRange(data, taken, data.length));
            }
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            assertThat(line.length).as("a too-long report's length").isGreaterThan(getMaxLength());
            this.events.add("too long " + show(Arrays.copyOf(line, getMaxLength() + 1)));
            this.wire.writeBytes(line);
            if (this.closeWhenTooLong) {
                super.lineLengthExceeded(line);
            }
        }

        void afterChunk() {
            while (isPaused()) {
                resumeProducing();
            }
            if (!this.transport.isDisconnecting()) {
                int bound = isLineMode() ? getMaxLength() + this.delimiter.length - 1 : 0;
                assertThat(buffered()).as("bytes buffered between chunks").isLessThanOrEqualTo(bound);
            }
        }

        Outcome outcome() {
            List<String> all = new ArrayList<>(this.events);
            if (this.rawRemaining > 0) {
                all.add("raw so far " + show(this.rawBody.toByteArray()));
            }
            return new Outcome(all, this.transport.isDisconnecting(), clearLineBuffer());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
