package twisted.protocols.basic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.Chunkings.ascii;
import static twisted.protocols.basic.Chunkings.feed;
import static twisted.protocols.basic.Chunkings.sameForEveryChunking;

class LineOnlyReceiverTests {

    private final StringTransport transport = new StringTransport();

    /** Records every delivery as text; {@code onLine} lets a test act on a line. */
    static class Recorder extends LineOnlyReceiver implements Chunkings.Recording {

        final List<String> events = new ArrayList<>();

        BiConsumer<Recorder, String> onLine = (receiver, line) -> {
        };

        boolean closeWhenTooLong = true;

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
        public void lineReceived(String line) {
            this.events.add("line " + line);
            this.onLine.accept(this, line);
        }

        @Override
        public void lineLengthExceeded(byte[] lineStart) {
            this.events.add("too long " + ascii(lineStart));
            if (this.closeWhenTooLong) {
                super.lineLengthExceeded(lineStart);
            }
        }
    }

    private Recorder connected(Recorder receiver) {
        receiver.makeConnection(this.transport);
        return receiver;
    }

    private static Supplier<Recorder> keepingConnection(int maxLength) {
        return () -> {
            Recorder receiver = new Recorder(maxLength);
            receiver.closeWhenTooLong = false;
            return receiver;
        };
    }

    @Test
    void defaultsAreTwistedOnes() {
        Recorder receiver = new Recorder();
        assertThat(receiver.getDelimiter()).isEqualTo(ascii("\r\n"));
        assertThat(receiver.getMaxLength()).isEqualTo(16384);
        assertThat(receiver.getCharset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void linesArriveWithoutTheirDelimiterHoweverTheBytesAreSplit() {
        byte[] data = "first\r\n\r\nh\u00e9llo\r\npartial".getBytes(StandardCharsets.UTF_8);
        List<String> events = sameForEveryChunking(data, chunks -> feed(Recorder::new, chunks));
        assertThat(events).containsExactly("line first", "line ", "line h\u00e9llo");
    }

    @Test
    void lineOfExactlyMaximumLengthIsAcceptedWhenCarriageReturnAndLineFeedArriveApart() {
        // Twisted 22.4 rejects this line, and accepts the same bytes in one chunk. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder(5));
        receiver.dataReceived(ascii("abcde\r"));
        receiver.dataReceived(ascii("\n"));
        assertThat(receiver.events).containsExactly("line abcde");
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void lineOfExactlyMaximumLengthIsAcceptedHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("abcde\r\nfghij\r\n", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(events).containsExactly("line abcde", "line fghij");
    }

    @Test
    void longLineIsReportedOnceWithItsFirstMaximumPlusOneBytesHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("ok\r\nabcdefgh\r\nnext\r\n", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(events).containsExactly("line ok", "too long abcdef", "closed");
    }

    @Test
    void lineOneByteTooLongIsReportedHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("abcdef\r\n", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(events).containsExactly("too long abcdef", "closed");
    }

    @Test
    void unfinishedLineIsReportedAtMaximumPlusOneBytesAsInTwistedHoweverTheBytesAreSplit() {
        // Twisted reports a partial line once it holds MAX_LENGTH + 1 bytes; waiting for
        // MAX_LENGTH + len(delimiter) bytes, as LineReceiver does, would let one more byte in.
        List<String> events = sameForEveryChunking("abcdef", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(events).containsExactly("too long abcdef", "closed");
    }

    @Test
    void unfinishedLineWhoseNextByteMayStartTheDelimiterWaitsForTheByteAfter() {
        List<String> mayBeFive = sameForEveryChunking("abcde\r", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(mayBeFive).as("may still be a line of exactly five bytes").isEmpty();
        List<String> six = sameForEveryChunking("abcde\rx", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(six).containsExactly("too long abcde\r", "closed");
        List<String> longDelimiter = sameForEveryChunking("abcd<EN", chunks -> feed(() -> {
            Recorder receiver = new Recorder(3);
            receiver.setDelimiter(ascii("<END>"));
            return receiver;
        }, chunks));
        assertThat(longDelimiter).as("'<EN' may begin the delimiter, but 'abcd' is too long already")
                .containsExactly("too long abcd", "closed");
    }

    @Test
    void linesAfterALongLineAreDeliveredWhenTheConnectionIsKept() {
        // Twisted 22.4 loses the lines after a long one when the handler keeps the connection.
        // (TWISTED-API.md section 4)
        List<String> events = sameForEveryChunking("ok\r\nabcdefghijkl\r\nnext\r\nabcdefg\r\n\r\nlast\r\n",
                chunks -> feed(keepingConnection(5), chunks));
        assertThat(events).containsExactly("line ok", "too long abcdef", "line next", "too long abcdef", "line ",
                "line last");
    }

    @Test
    void partialLongLineIsReportedOnlyOnceAcrossChunks() {
        // Twisted 22.4 reports the partial long line again with each chunk. (TWISTED-API.md section 4)
        Recorder receiver = connected(keepingConnection(5).get());
        receiver.dataReceived(ascii("abcdefgh"));
        receiver.dataReceived(ascii("ijklmnop"));
        receiver.dataReceived(ascii("qrstuvwx\r"));
        receiver.dataReceived(ascii("\nnext\r\n"));
        assertThat(receiver.events).containsExactly("too long abcdef", "line next");
    }

    @Test
    void longDelimiterSplitWhileSkippingALongLineIsStillFound() {
        List<String> events = sameForEveryChunking("abcdefgh<END>next<END>", chunks -> feed(() -> {
            Recorder receiver = keepingConnection(4).get();
            receiver.setDelimiter(ascii("<END>"));
            return receiver;
        }, chunks));
        assertThat(events).containsExactly("too long abcde", "line next");
    }

    @Test
    void sendLineWritesTheLineAndTheDelimiter() {
        Recorder receiver = connected(new Recorder());
        receiver.sendLine("h\u00e9");
        receiver.sendLine(ascii("bytes"));
        assertThat(this.transport.value()).isEqualTo("h\u00e9\r\nbytes\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lineIsDecodedWithTheConfiguredCharset() {
        Recorder receiver = connected(new Recorder());
        receiver.setCharset(StandardCharsets.ISO_8859_1);
        receiver.setDelimiter(ascii("\n"));
        receiver.dataReceived(new byte[] {(byte) 0xE9, '\n'});
        receiver.sendLine("\u00e9");
        assertThat(receiver.events).containsExactly("line \u00e9");
        assertThat(this.transport.value()).isEqualTo(new byte[] {(byte) 0xE9, '\n'});
    }

    @Test
    void overridingTheBytesVariantGetsTheLineUndecoded() {
        List<byte[]> lines = new ArrayList<>();
        LineOnlyReceiver receiver = new LineOnlyReceiver() {
            @Override
            public void lineReceived(byte[] line) {
                lines.add(line);
            }
        };
        receiver.makeConnection(this.transport);
        receiver.dataReceived(new byte[] {(byte) 0xFF, '\r', '\n'});
        assertThat(lines).containsExactly(new byte[] {(byte) 0xFF});
    }

    @Test
    void receiverOverridingNeitherLineMethodFailsWithAClearMessage() {
        LineOnlyReceiver receiver = new LineOnlyReceiver() {
        };
        receiver.makeConnection(this.transport);
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> receiver.dataReceived(ascii("a\r\n")))
                .withMessageContaining("must override lineReceived(byte[]) or lineReceived(String)");
    }

    @Test
    void lineThatClosesTheConnectionIsTheLastOneDeliveredHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("a\r\nQUIT\r\nb\r\n", chunks -> feed(() -> {
            Recorder receiver = new Recorder();
            receiver.onLine = (r, line) -> {
                if (line.equals("QUIT")) {
                    r.getTransport().loseConnection();
                }
            };
            return receiver;
        }, chunks));
        assertThat(events).containsExactly("line a", "line QUIT", "closed");
    }

    @Test
    void nothingIsDeliveredFromChunksArrivingAfterLoseConnection() {
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(ascii("a\r\npart"));
        this.transport.loseConnection();
        receiver.dataReceived(ascii("ial\r\nb\r\n"));
        assertThat(receiver.events).containsExactly("line a");
    }

    @Test
    void dataReceivedFromLineReceivedIsQueuedBehindTheBufferInOrder() {
        // Twisted 22.4 delivers re-entrant data out of order or twice. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> {
            if (line.equals("a")) {
                r.dataReceived(ascii("c\r\n"));
            }
        };
        receiver.dataReceived(ascii("a\r\nb\r\n"));
        assertThat(receiver.events).containsExactly("line a", "line b", "line c");
    }

    @Test
    void negativeMaximumAndEmptyDelimiterAreRefused() {
        Recorder receiver = new Recorder();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> receiver.setMaxLength(-1))
                .withMessage("maximum line length (-1) must not be negative");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> receiver.setDelimiter(new byte[0]))
                .withMessage("delimiter must not be empty");
    }

    @Test
    void zeroMaximumAcceptsOnlyEmptyLines() {
        List<String> events = sameForEveryChunking("\r\nx\r\n\r\n", chunks -> feed(keepingConnection(0), chunks));
        assertThat(events).containsExactly("line ", "too long x", "line ");
    }

    @Test
    void linesAreCopiedOnceStraightOutOfALentChunk() {
        Recorder receiver = connected(new Recorder());
        LentBytes lent = LentBytes.deliver(receiver, ascii("one\r\ntwo\r\nth"));
        assertThat(lent.copied()).isEqualTo("one".length() + "two".length() + "th".length());
        LentBytes.deliver(receiver, ascii("ree\r\n"));
        assertThat(receiver.events).containsExactly("line one", "line two", "line three");
    }
}
