package twisted.words.irc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.protocols.basic.FuzzedStream;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.FuzzedStream.show;

/**
 * Fuzz target: the {@link IRC} framing, with the specifications' limits or fuzzed small ones
 * (0 to 64 bytes of tags, 512 to 540 of the rest), and any byte stream, cut as the fuzzer chooses.
 * For every input:
 * <ul>
 * <li>the messages, bad lines (with their problem), too-long messages and lines, and the close are
 * the same however the stream is cut and whether chunks are lent or handed over (a line too long
 * to buffer compared on its first {@code maxLength + 1} bytes, as Twisted defines the report);</li>
 * <li>nothing escapes {@code dataReceived}: a line that is not a message reaches
 * {@link IRC#badMessage} as a {@link MalformedMessageException} with a message, and nothing
 * else is thrown;</li>
 * <li>a message is well formed (as {@link IRCMessageFuzzTests} checks); a bad line really does not
 * parse; a too-long message really is over a limit;</li>
 * <li>nothing is lost or invented: while the connection is open, every non-empty line of the stream
 * (a {@code \r} before its {@code \n} dropped) is one message, one bad line or one too-long
 * report;</li>
 * <li>between chunks, at most {@code maxTagBytes + maxBodyBytes} bytes stay buffered;</li>
 * <li>round trip: the messages, sent with {@link IRC#sendMessage} and read by a fresh receiver
 * (with limits big enough for the written form: U+FFFD is longer than the byte it replaces), cut
 * as the fuzzer chose, are the same messages.</li>
 * </ul>
 */
class IRCFramingFuzzTests {

    @FuzzTest
    void messagesDoNotDependOnHowTheBytesArriveAndRoundTrip(FuzzedDataProvider data) {
        boolean smallLimits = data.consumeBoolean();
        int tagBytes = smallLimits ? data.consumeInt(0, 64) : IRCMessage.MAX_TAGS_BYTES;
        int bodyBytes = smallLimits ? data.consumeInt(IRCMessage.MAX_LINE_BYTES, 540) : IRCMessage.MAX_LINE_BYTES;
        FuzzedStream stream = FuzzedStream.read(data);
        byte[] bytes = stream.bytes();
        List<String> events = stream.sameOutcomeForEveryCut(chunks -> {
            Reader reader = FuzzedStream.feed(() -> new Reader(tagBytes, bodyBytes), chunks, Reader::checkBuffered);
            if (!reader.closed()) {
                assertThat(reader.lines).as("messages, bad lines and too-long reports for the lines of %s", show(bytes))
                        .isEqualTo(nonEmptyLines(bytes));
            }
            return reader.outcome();
        });

        List<IRCMessage> messages = FuzzedStream.feed(() -> new Reader(tagBytes, bodyBytes), stream.whole(), r -> {
        }).messages;
        Reader writer = new Reader(tagBytes, bodyBytes);
        StringTransport sent = new StringTransport();
        writer.makeConnection(sent);
        messages.forEach(writer::sendMessage);
        int roomy = 4 * (IRCMessage.MAX_TAGS_BYTES + IRCMessage.MAX_LINE_BYTES);
        Reader again = FuzzedStream.feed(() -> new Reader(roomy, roomy), stream.withBytes(sent.value()).fuzzerCut(),
                Reader::checkBuffered);
        assertThat(again.messages).as("messages sent with sendMessage and read back (events: %s)", events)
                .isEqualTo(messages);
        assertThat(again.outcome()).as("nothing but messages read back").allMatch(e -> e.startsWith("message "));
    }

    /** How many lines the stream holds that are not empty (without a final CR), up to its last LF. */
    private static int nonEmptyLines(byte[] bytes) {
        int lines = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int length = i - start;
                if (length > 0 && bytes[i - 1] == '\r') {
                    length--;
                }
                if (length > 0) {
                    lines++;
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** The framing under test: records what it gets. */
    static final class Reader extends IRC {

        final List<String> events = new ArrayList<>();

        final List<IRCMessage> messages = new ArrayList<>();

        /** Lines accounted for: messages, bad lines and too-long messages. */
        int lines;

        Reader(int tagBytes, int bodyBytes) {
            setMessageLimits(tagBytes, bodyBytes);
        }

        @Override
        protected void messageReceived(IRCMessage message) {
            assertThat(closed()).as("a message after the close").isFalse();
            IRCMessageFuzzTests.checkWellFormed(message.toLine(), message);
            this.events.add("message " + message.toLine());
            this.messages.add(message);
            this.lines++;
        }

        @Override
        protected void badMessage(String line, MalformedMessageException problem) {
            assertThat(problem.getMessage()).as("the problem with %s", line).isNotBlank();
            assertThat(line).as("a bad line").isNotEmpty().doesNotContain("\n");
            Throwable thrown = null;
            try {
                IRCMessage.parse(line);
            }
            catch (MalformedMessageException ex) {
                thrown = ex;
            }
            assertThat(thrown).as("parsing the bad line '%s' again", line).isNotNull();
            this.events.add("bad " + line + " | " + problem.getMessage());
            this.lines++;
        }

        @Override
        protected void messageTooLong(byte[] line) {
            int length = line.length;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            boolean overBody = length + 2 > getMaxBodyBytes();
            assertThat(overBody || line[0] == '@').as("a too-long message, %d bytes, is over a limit", length).isTrue();
            this.events.add("too long " + show(line));
            this.lines++;
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            assertThat(line.length).as("a too-long line's report").isGreaterThan(getMaxLength());
            this.events.add("line too long " + show(Arrays.copyOf(line, getMaxLength() + 1)));
            super.lineLengthExceeded(line);
        }

        boolean closed() {
            return this.transport.isDisconnecting();
        }

        void checkBuffered() {
            if (!closed()) {
                assertThat(FuzzedStream.buffered(this)).as("bytes buffered between chunks")
                        .isLessThanOrEqualTo(getMaxTagBytes() + getMaxBodyBytes());
            }
        }

        List<String> outcome() {
            List<String> all = new ArrayList<>(this.events);
            if (closed()) {
                all.add("closed");
            }
            return all;
        }
    }
}
