package twisted.protocols.basic;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.Chunkings.ascii;
import static twisted.protocols.basic.Chunkings.feed;
import static twisted.protocols.basic.Chunkings.sameForEveryChunking;

class IntNStringReceiverTests {

    private final StringTransport transport = new StringTransport();

    /** Records every delivery as text; {@code onString} lets a test act on a string. */
    static class Recorder extends IntNStringReceiver implements Chunkings.Recording {

        final List<String> events = new ArrayList<>();

        BiConsumer<Recorder, String> onString = (receiver, string) -> {
        };

        boolean closeWhenTooLong = true;

        Recorder(int prefixLength) {
            super(prefixLength);
        }

        Recorder(int prefixLength, int maxLength) {
            super(prefixLength);
            setMaxLength(maxLength);
        }

        @Override
        public List<String> events() {
            return this.events;
        }

        @Override
        public void stringReceived(byte[] string) {
            this.events.add("string " + ascii(string));
            this.onString.accept(this, ascii(string));
        }

        @Override
        public void lengthLimitExceeded(long length) {
            this.events.add("too long " + length);
            if (this.closeWhenTooLong) {
                super.lengthLimitExceeded(length);
            }
        }
    }

    /** The frames of {@code payloads}, each preceded by its length in {@code prefixLength} bytes. */
    static byte[] frames(int prefixLength, String... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String payload : payloads) {
            out.writeBytes(prefix(prefixLength, payload.length()));
            out.writeBytes(ascii(payload));
        }
        return out.toByteArray();
    }

    static byte[] prefix(int prefixLength, long length) {
        byte[] prefix = new byte[prefixLength];
        for (int i = 0; i < prefixLength; i++) {
            prefix[i] = (byte) (length >>> (8 * (prefixLength - 1 - i)));
        }
        return prefix;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Recorder connected(Recorder receiver) {
        receiver.makeConnection(this.transport);
        return receiver;
    }

    @Test
    void defaultMaximumIsTwistedOne() {
        assertThat(new Recorder(4).getMaxLength()).isEqualTo(99999);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void stringsArriveWholeHoweverTheBytesAreSplit(int prefixLength) {
        byte[] data = concat(frames(prefixLength, "hello", "", "x".repeat(200)), prefix(prefixLength, 3), ascii("pa"));
        List<String> events = sameForEveryChunking(data, chunks -> feed(() -> new Recorder(prefixLength), chunks));
        assertThat(events).containsExactly("string hello", "string ", "string " + "x".repeat(200));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void sendStringWritesTheBigEndianLengthThenTheString(int prefixLength) {
        Recorder receiver = connected(new Recorder(prefixLength));
        receiver.sendString(ascii("y".repeat(200)));
        assertThat(this.transport.value()).isEqualTo(frames(prefixLength, "y".repeat(200)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void lengthAboveMaximumClosesTheConnectionAndNothingMoreIsDelivered(int prefixLength) {
        byte[] data = frames(prefixLength, "ok", "0123456789A", "after");
        List<String> events = sameForEveryChunking(data, chunks -> feed(() -> new Recorder(prefixLength, 10), chunks));
        assertThat(events).containsExactly("string ok", "too long 11", "closed");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void lengthLimitExceededThatKeepsTheConnectionSkipsTheStringAndNeverRedeliversOne(int prefixLength) {
        // Twisted 22.4 re-delivers the strings already delivered when lengthLimitExceeded keeps the connection.
        // (TWISTED-API.md section 4)
        byte[] data = frames(prefixLength, "a", "0123456789A", "b", "0123456789AB", "c");
        List<String> events = sameForEveryChunking(data, chunks -> feed(() -> {
            Recorder receiver = new Recorder(prefixLength, 10);
            receiver.closeWhenTooLong = false;
            return receiver;
        }, chunks));
        assertThat(events).containsExactly("string a", "too long 11", "string b", "too long 12", "string c");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void stringThatClosesTheConnectionIsTheLastOneDeliveredHoweverTheBytesAreSplit(int prefixLength) {
        // Twisted 22.4 delivers the rest of the chunk after loseConnection. (TWISTED-API.md section 4)
        byte[] data = frames(prefixLength, "a", "QUIT", "b", "c");
        List<String> events = sameForEveryChunking(data, chunks -> feed(() -> {
            Recorder receiver = new Recorder(prefixLength);
            receiver.onString = (r, string) -> {
                if (string.equals("QUIT")) {
                    r.getTransport().loseConnection();
                }
            };
            return receiver;
        }, chunks));
        assertThat(events).containsExactly("string a", "string QUIT", "closed");
    }

    @Test
    void nothingIsDeliveredFromChunksArrivingAfterLoseConnection() {
        Recorder receiver = connected(new Recorder(2));
        receiver.dataReceived(frames(2, "a"));
        this.transport.loseConnection();
        receiver.dataReceived(frames(2, "b"));
        assertThat(receiver.events).containsExactly("string a");
    }

    @Test
    void unsignedFourBytePrefixAboveIntRangeIsReportedAsItsValue() {
        Recorder receiver = connected(new Recorder(4));
        receiver.dataReceived(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 'x'});
        assertThat(receiver.events).containsExactly("too long 4294967295");
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void dataReceivedFromStringReceivedIsQueuedBehindTheBufferInOrder() {
        // Twisted 22.4 delivers re-entrant data out of order or twice. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder(2));
        receiver.onString = (r, string) -> {
            if (string.equals("a")) {
                r.dataReceived(frames(2, "c"));
            }
        };
        receiver.dataReceived(frames(2, "a", "b"));
        assertThat(receiver.events).containsExactly("string a", "string b", "string c");
    }

    @Test
    void pausedReceiverDeliversNothingUntilResumed() {
        Recorder receiver = connected(new Recorder(2));
        receiver.onString = (r, string) -> {
            if (string.equals("a")) {
                r.pauseProducing();
            }
        };
        receiver.dataReceived(frames(2, "a", "b"));
        receiver.dataReceived(frames(2, "c"));
        assertThat(receiver.events).containsExactly("string a");
        assertThat(receiver.isPaused()).isTrue();
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.PAUSED);

        receiver.resumeProducing();
        assertThat(receiver.events).containsExactly("string a", "string b", "string c");
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void stopProducingStopsDeliveryAndTheTransport() {
        Recorder receiver = connected(new Recorder(2));
        receiver.stopProducing();
        receiver.dataReceived(frames(2, "a"));
        assertThat(receiver.events).isEmpty();
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.STOPPED);
    }

    @Test
    void zeroMaximumAcceptsOnlyEmptyStrings() {
        Recorder receiver = connected(new Recorder(1, 0));
        receiver.dataReceived(frames(1, "", "x"));
        assertThat(receiver.events).containsExactly("string ", "too long 1");
    }

    @Test
    void negativeMaximumIsRefused() {
        Recorder receiver = new Recorder(4);
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> receiver.setMaxLength(-1))
                .withMessage("maximum string length (-1) must not be negative");
    }

    @Test
    void stringsAreCopiedOnceStraightOutOfALentChunk() {
        Recorder receiver = connected(new Recorder(2));
        byte[] data = frames(2, "hello", "world", "tai");
        byte[] whole = Arrays.copyOf(data, data.length - 1);
        LentBytes lent = LentBytes.deliver(receiver, whole);
        // Payloads once; the unfinished frame's prefix and first two bytes once, as the kept tail.
        assertThat(lent.copied()).isEqualTo("hello".length() + "world".length() + 2 + "ta".length());
        LentBytes.deliver(receiver, ascii("i"));
        assertThat(receiver.events).containsExactly("string hello", "string world", "string tai");
    }
}
