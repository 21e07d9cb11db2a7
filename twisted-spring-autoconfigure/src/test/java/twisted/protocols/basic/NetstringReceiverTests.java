package twisted.protocols.basic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.Chunkings.ascii;
import static twisted.protocols.basic.Chunkings.feed;
import static twisted.protocols.basic.Chunkings.sameForEveryChunking;

class NetstringReceiverTests {

    private final StringTransport transport = new StringTransport();

    /** Records every delivery and parse error as text; {@code onString} lets a test act on a string. */
    static class Recorder extends NetstringReceiver implements Chunkings.Recording {

        final List<String> events = new ArrayList<>();

        BiConsumer<Recorder, String> onString = (receiver, string) -> {
        };

        boolean closeOnError = true;

        Recorder() {
        }

        Recorder(int maxLength) {
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
        public void handleParseError(NetstringParseException error) {
            this.events.add("error " + error.getMessage());
            if (this.closeOnError) {
                super.handleParseError(error);
            }
        }
    }

    private Recorder connected(Recorder receiver) {
        receiver.makeConnection(this.transport);
        return receiver;
    }

    static Stream<Arguments> malformedNetstrings() {
        return Stream.of(
                Arguments.of("3\n", "netstring length is not followed by ':': got byte 0x0a"),
                Arguments.of("x:", "netstring does not start with a length: got 'x'"),
                Arguments.of(" 3:abc,", "netstring does not start with a length: got byte 0x20"),
                Arguments.of("-1:a,", "netstring does not start with a length: got '-'"),
                Arguments.of(":abc,", "netstring does not start with a length: got ':'"),
                Arguments.of("01:a,", "netstring length has a leading zero"),
                Arguments.of("00:,", "netstring length has a leading zero"),
                Arguments.of("100000:", "netstring length (at least 100000) exceeds the maximum (99999)"),
                Arguments.of("3:abcd,", "netstring of length 3 is not followed by ',': got 'd'"),
                Arguments.of("0:;", "netstring of length 0 is not followed by ',': got ';'"));
    }

    @Test
    void defaultMaximumIsTwistedOne() {
        assertThat(new Recorder().getMaxLength()).isEqualTo(99999);
    }

    @Test
    void stringsArriveWholeHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("5:hello,0:,12:hello, world,3:ab", chunks -> feed(Recorder::new, chunks));
        assertThat(events).containsExactly("string hello", "string ", "string hello, world");
    }

    @Test
    void sendStringWritesLengthColonPayloadComma() {
        Recorder receiver = connected(new Recorder());
        receiver.sendString(ascii("hello"));
        receiver.sendString(new byte[0]);
        assertThat(this.transport.valueAsString()).isEqualTo("5:hello,0:,");
    }

    @ParameterizedTest
    @MethodSource("malformedNetstrings")
    void malformedNetstringIsOneErrorAndOneCloseAfterTheGoodOnesHoweverTheBytesAreSplit(String malformed, String message) {
        // Twisted 22.4 takes "3\n" for an unfinished length. (TWISTED-API.md section 4)
        List<String> events = sameForEveryChunking("2:ok," + malformed + "1:z,", chunks -> feed(Recorder::new, chunks));
        assertThat(events).containsExactly("string ok", "error " + message, "closed");
    }

    @Test
    void errorIsReportedOnceAndNothingIsDeliveredAfterItEvenWithoutClosing() {
        // Twisted 22.4 reports the parse error again with each later chunk. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder());
        receiver.closeOnError = false;
        receiver.dataReceived(ascii("x"));
        receiver.dataReceived(ascii("y"));
        receiver.dataReceived(ascii("1:a,"));
        assertThat(receiver.events).containsExactly("error netstring does not start with a length: got 'x'");
        assertThat(receiver.isBrokenPeer()).isTrue();
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void lengthOfExactlyTheMaximumIsAccepted() {
        List<String> events = sameForEveryChunking("5:abcde,6:abcdef,", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(events).containsExactly("string abcde", "error netstring length (at least 6) exceeds the maximum (5)",
                "closed");
    }

    @Test
    void lengthIsRefusedAsSoonAsItsDigitsExceedTheMaximum() {
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(ascii("99999999999999999999999999999"));
        assertThat(receiver.events).containsExactly("error netstring length (at least 999999) exceeds the maximum (99999)");
    }

    @Test
    void lengthJustAboveTheLargestIntIsRefused() {
        Recorder receiver = connected(new Recorder(Integer.MAX_VALUE));
        receiver.dataReceived(ascii("2147483648:"));
        assertThat(receiver.events)
                .containsExactly("error netstring length (at least 2147483648) exceeds the maximum (2147483647)");
    }

    @Test
    void zeroMaximumAcceptsOnlyEmptyNetstrings() {
        // Twisted 22.4 raises out of dataReceived when MAX_LENGTH is 0. (TWISTED-API.md section 4)
        List<String> events = sameForEveryChunking("0:,0:,1:a,", chunks -> feed(() -> new Recorder(0), chunks));
        assertThat(events).containsExactly("string ", "string ", "error netstring length (at least 1) exceeds the maximum (0)",
                "closed");
    }

    @Test
    void negativeMaximumIsRefused() {
        Recorder receiver = new Recorder();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> receiver.setMaxLength(-1))
                .withMessage("maximum netstring length (-1) must not be negative");
    }

    @Test
    void stringThatClosesTheConnectionIsTheLastOneDeliveredHoweverTheBytesAreSplit() {
        // Twisted 22.4 delivers the rest of the chunk after loseConnection. (TWISTED-API.md section 4)
        List<String> events = sameForEveryChunking("1:a,4:QUIT,1:b,", chunks -> feed(() -> {
            Recorder receiver = new Recorder();
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
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(ascii("1:a,1:"));
        this.transport.loseConnection();
        receiver.dataReceived(ascii("b,1:c,"));
        assertThat(receiver.events).containsExactly("string a");
    }

    @Test
    void dataReceivedFromStringReceivedIsQueuedBehindTheBufferInOrder() {
        // Twisted 22.4 delivers re-entrant data out of order or twice. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder());
        receiver.onString = (r, string) -> {
            if (string.equals("a")) {
                r.dataReceived(ascii("1:c,"));
            }
        };
        receiver.dataReceived(ascii("1:a,1:b,"));
        assertThat(receiver.events).containsExactly("string a", "string b", "string c");
    }

    @Test
    void payloadsAreCopiedOnceStraightOutOfALentChunk() {
        Recorder receiver = connected(new Recorder());
        LentBytes lent = LentBytes.deliver(receiver, ascii("5:hello,3:abc,2:x"));
        // Payloads once, and the tail after the parsed length ("x") once.
        assertThat(lent.copied()).isEqualTo("hello".length() + "abc".length() + "x".length());
        LentBytes.deliver(receiver, ascii("y,"));
        assertThat(receiver.events).containsExactly("string hello", "string abc", "string xy");
    }
}
