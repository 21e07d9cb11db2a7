package twisted.protocols.basic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.FuzzedStream.show;
import static twisted.protocols.basic.FuzzedStream.startsWith;

/**
 * Fuzz target: {@link IntNStringReceiver} with 1-, 2- and 4-byte prefixes (the fuzzer picks; the
 * sizes of {@link Int8StringReceiver}, {@link Int16StringReceiver} and {@link Int32StringReceiver}), with a fuzzed maximum length (0 to 64), stream,
 * and whether an over-long prefix closes the connection. For every input:
 * <ul>
 * <li>the strings, the over-long reports and the close are exactly the same however the stream is
 * cut and whether chunks are lent or handed over, also when an over-long string is skipped rather
 * than closing (the receiver's documented promise: never a string twice);</li>
 * <li>no string is longer than the maximum; an over-long report names a length above it;</li>
 * <li>until a prefix is over-long, nothing is lost or invented: each string with its prefix, then
 * what stays buffered, is the stream;</li>
 * <li>between chunks, fewer than {@code prefix + maxLength} bytes stay buffered (until the
 * connection starts closing);</li>
 * <li>round trip: the strings sent back with {@code sendString} and read by a fresh receiver, cut as
 * the fuzzer chose, are the same strings; a string too long for the prefix is refused with
 * {@link StringTooLongException} and nothing is written.</li>
 * </ul>
 */
class IntNStringReceiverFuzzTests {

    @FuzzTest
    void stringsDoNotDependOnHowTheBytesArriveAndRoundTrip(FuzzedDataProvider data) {
        int prefixLength = data.pickValue(new Integer[] {1, 2, 4});
        int maxLength = data.consumeInt(0, 64);
        boolean closeWhenTooLong = data.consumeBoolean();
        FuzzedStream stream = FuzzedStream.read(data);
        byte[] bytes = stream.bytes();
        Supplier<Reader> make = () -> new Reader(prefixLength, maxLength, closeWhenTooLong);
        List<String> events = stream.sameOutcomeForEveryCut(chunks -> {
            Reader reader = FuzzedStream.feed(make, chunks, Reader::checkBuffered);
            if (reader.events.stream().noneMatch(e -> e.startsWith("too long"))) {
                byte[] read = reader.wire.toByteArray();
                assertThat(startsWith(bytes, read)).as("the strings read, with their prefixes, are the start of the stream").isTrue();
                assertThat(read.length + reader.buffered()).as("bytes read and buffered").isEqualTo(bytes.length);
            }
            return reader.outcome();
        });

        StringTransport sent = new StringTransport();
        Reader writer = make.get();
        writer.makeConnection(sent);
        List<String> strings = new ArrayList<>();
        for (byte[] string : FuzzedStream.feed(make, stream.whole(), r -> {
        }).strings) {
            writer.sendString(string);
            strings.add("string " + show(string));
        }
        Reader again = FuzzedStream.feed(make, stream.withBytes(sent.value()).fuzzerCut(), Reader::checkBuffered);
        assertThat(again.events).as("strings sent with sendString and read back (first run: %s)", events)
                .isEqualTo(strings);

        if (prefixLength < 4) {
            sent.clear();
            int tooLong = 1 << (8 * prefixLength);
            assertThatExceptionOfType(StringTooLongException.class).isThrownBy(() -> writer.sendString(new byte[tooLong]))
                    .withMessageContaining(Integer.toString(tooLong))
                    .withMessageContaining(Integer.toString(tooLong - 1));
            assertThat(sent.value()).as("written for a string too long for the prefix").isEmpty();
        }
    }

    /** The receiver under test: one of the three prefix sizes; records what it gets. */
    static final class Reader extends IntNStringReceiver {

        private final boolean closeWhenTooLong;

        final List<String> events = new ArrayList<>();

        final List<byte[]> strings = new ArrayList<>();

        /** The strings with their prefixes, as they were on the wire. */
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();

        Reader(int prefixLength, int maxLength, boolean closeWhenTooLong) {
            super(prefixLength);
            this.closeWhenTooLong = closeWhenTooLong;
            setMaxLength(maxLength);
        }

        @Override
        public void stringReceived(byte[] string) {
            assertThat(string.length).as("string length").isLessThanOrEqualTo(getMaxLength());
            this.events.add("string " + show(string));
            this.strings.add(string);
            for (int i = getPrefixLength() - 1; i >= 0; i--) {
                this.wire.write(string.length >>> (8 * i));
            }
            this.wire.writeBytes(string);
        }

        @Override
        public void lengthLimitExceeded(long length) {
            assertThat(length).as("an over-long report's length").isGreaterThan(getMaxLength());
            this.events.add("too long " + length);
            if (this.closeWhenTooLong) {
                super.lengthLimitExceeded(length);
            }
        }

        /** Once closing, the rest of the chunk stays buffered unread (and later chunks are dropped): no bound then. */
        void checkBuffered() {
            if (!this.transport.isDisconnecting()) {
                assertThat(buffered()).as("bytes buffered between chunks").isLessThan(getPrefixLength() + getMaxLength());
            }
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
