package twisted.protocols.basic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.FuzzedStream.show;
import static twisted.protocols.basic.FuzzedStream.startsWith;

/**
 * Fuzz target: {@link NetstringReceiver}, with a fuzzed maximum length (0 to 64), stream, and
 * whether a parse error closes the connection. For every input:
 * <ul>
 * <li>the strings, the parse error (with its message) and the close are the same however the
 * stream is cut and whether chunks are lent or handed over;</li>
 * <li>no string is longer than the maximum; a parse error is a {@link NetstringParseException} with
 * a message, reported at most once, and nothing is delivered after it;</li>
 * <li>the parser is strict: the strings read, written back as {@code <length>:<payload>,}, are
 * exactly the start of the stream (nothing is accepted that is not the one canonical
 * encoding);</li>
 * <li>between chunks, at most {@code maxLength} bytes stay buffered;</li>
 * <li>round trip: the strings sent back with {@code sendString} and read by a fresh receiver, cut as
 * the fuzzer chose, are the same strings, without error.</li>
 * </ul>
 */
class NetstringReceiverFuzzTests {

    @FuzzTest
    void netstringsDoNotDependOnHowTheBytesArriveAndRoundTrip(FuzzedDataProvider data) {
        int maxLength = data.consumeInt(0, 64);
        boolean closeOnError = data.consumeBoolean();
        FuzzedStream stream = FuzzedStream.read(data);
        byte[] bytes = stream.bytes();
        List<String> events = stream.sameOutcomeForEveryCut(chunks -> {
            Reader reader = FuzzedStream.feed(() -> new Reader(maxLength, closeOnError), chunks, Reader::checkBuffered);
            byte[] canonical = reader.canonical.toByteArray();
            assertThat(startsWith(bytes, canonical)).as("the strings read, in canonical form (%s), are the start of the stream",
                    show(canonical)).isTrue();
            assertThat(reader.isBrokenPeer()).as("broken peer after an error")
                    .isEqualTo(reader.events.stream().anyMatch(e -> e.startsWith("error")));
            return reader.outcome();
        });

        Reader writer = new Reader(maxLength, closeOnError);
        StringTransport sent = new StringTransport();
        writer.makeConnection(sent);
        List<String> strings = new ArrayList<>();
        for (String event : events) {
            if (event.startsWith("string ")) {
                strings.add(event);
            }
        }
        for (byte[] string : FuzzedStream.feed(() -> new Reader(maxLength, closeOnError), stream.whole(), r -> {
        }).strings) {
            writer.sendString(string);
        }
        Reader again = FuzzedStream.feed(() -> new Reader(maxLength, closeOnError), stream.withBytes(sent.value()).fuzzerCut(),
                Reader::checkBuffered);
        assertThat(again.events).as("strings sent with sendString and read back").isEqualTo(strings);
    }

    /** The receiver under test: records what it gets. */
    static final class Reader extends NetstringReceiver {

        private final boolean closeOnError;

        final List<String> events = new ArrayList<>();

        final List<byte[]> strings = new ArrayList<>();

        /** The strings read, each written as its one canonical netstring. */
        final ByteArrayOutputStream canonical = new ByteArrayOutputStream();

        Reader(int maxLength, boolean closeOnError) {
            this.closeOnError = closeOnError;
            setMaxLength(maxLength);
        }

        @Override
        public void stringReceived(byte[] string) {
            assertThat(string.length).as("netstring length").isLessThanOrEqualTo(getMaxLength());
            assertThat(isBrokenPeer()).as("a string delivered after a parse error").isFalse();
            this.events.add("string " + show(string));
            this.strings.add(string);
            this.canonical.writeBytes((string.length + ":").getBytes(StandardCharsets.US_ASCII));
            this.canonical.writeBytes(string);
            this.canonical.write(',');
        }

        @Override
        public void handleParseError(NetstringParseException error) {
            assertThat(error.getMessage()).as("parse error message").isNotBlank();
            assertThat(this.events).as("errors reported before").noneMatch(e -> e.startsWith("error"));
            this.events.add("error " + error.getMessage());
            if (this.closeOnError) {
                super.handleParseError(error);
            }
        }

        void checkBuffered() {
            assertThat(buffered()).as("bytes buffered between chunks").isLessThanOrEqualTo(getMaxLength());
        }

        List<String> outcome() {
            List<String> all = new ArrayList<>(this.events);
            if (this.transport.isDisconnecting()) {
                all.add("closed");
            }
            return all;
        }
    }
}
