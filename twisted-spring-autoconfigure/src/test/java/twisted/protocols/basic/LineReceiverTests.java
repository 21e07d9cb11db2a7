package twisted.protocols.basic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.error.ConnectionDoneException;
import twisted.testing.StringTransport;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.Chunkings.ascii;
import static twisted.protocols.basic.Chunkings.feed;
import static twisted.protocols.basic.Chunkings.sameForEveryChunking;

class LineReceiverTests {

    private final StringTransport transport = new StringTransport();

    /** Records every delivery as text; the hooks let a test act on what arrives. */
    static class Recorder extends LineReceiver implements Chunkings.Recording {

        final List<String> events = new ArrayList<>();

        BiConsumer<Recorder, String> onLine = (receiver, line) -> {
        };

        BiConsumer<Recorder, byte[]> onRaw = (receiver, data) -> {
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
        public void rawDataReceived(byte[] data) {
            this.events.add("raw " + ascii(data));
            this.onRaw.accept(this, data);
        }

        @Override
        public void lineLengthExceeded(byte[] line) {
            this.events.add("too long " + ascii(line));
            if (this.closeWhenTooLong) {
                super.lineLengthExceeded(line);
            }
        }
    }

    /** A request line, headers, then a body of Content-Length raw bytes, then lines again. */
    static class HttpStyle extends LineReceiver implements Chunkings.Recording {

        final List<String> events = new ArrayList<>();

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        private int remaining;

        @Override
        public List<String> events() {
            return this.events;
        }

        @Override
        public void lineReceived(String line) {
            this.events.add("line " + line);
            if (line.startsWith("Content-Length: ")) {
                this.remaining = Integer.parseInt(line.substring("Content-Length: ".length()));
            }
            else if (line.isEmpty() && this.remaining > 0) {
                setRawMode();
            }
        }

        @Override
        public void rawDataReceived(byte[] data) {
            int used = Math.min(this.remaining, data.length);
            this.body.write(data, 0, used);
            this.remaining -= used;
            if (this.remaining == 0) {
                this.events.add("body " + this.body.toString(StandardCharsets.ISO_8859_1));
                this.body.reset();
                setLineMode(Arrays.copyOfRange(data, used, data.length));
            }
        }
    }

    private <R extends LineReceiver> R connected(R receiver) {
        receiver.makeConnection(this.transport);
        return receiver;
    }

    @Test
    void defaultsAreTwistedOnes() {
        Recorder receiver = new Recorder();
        assertThat(receiver.getDelimiter()).isEqualTo(ascii("\r\n"));
        assertThat(receiver.getMaxLength()).isEqualTo(16384);
        assertThat(receiver.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(receiver.isLineMode()).isTrue();
        assertThat(receiver.isPaused()).isFalse();
    }

    @Test
    void linesArriveWithoutTheirDelimiterHoweverTheBytesAreSplit() {
        byte[] data = "first\r\n\r\nh\u00e9llo w\u00f6rld\r\npartial".getBytes(StandardCharsets.UTF_8);
        List<String> events = sameForEveryChunking(data, chunks -> feed(Recorder::new, chunks));
        assertThat(events).containsExactly("line first", "line ", "line h\u00e9llo w\u00f6rld");
    }

    @Test
    void lineIsDecodedWithTheConfiguredCharset() {
        Recorder receiver = connected(new Recorder());
        receiver.setCharset(StandardCharsets.ISO_8859_1);
        receiver.dataReceived(new byte[] {(byte) 0xE9, '\r', '\n'});
        assertThat(receiver.events).containsExactly("line \u00e9");
    }

    @Test
    void malformedUtf8IsDecodedAsReplacementCharacter() {
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(new byte[] {(byte) 0xFF, '\r', '\n'});
        assertThat(receiver.events).containsExactly("line \uFFFD");
    }

    @Test
    void overridingTheBytesVariantGetsTheLineUndecoded() {
        List<byte[]> lines = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            public void lineReceived(byte[] line) {
                lines.add(line);
            }
        });
        receiver.dataReceived(new byte[] {(byte) 0xFF, 0, '\r', '\n'});
        assertThat(lines).containsExactly(new byte[] {(byte) 0xFF, 0});
    }

    @Test
    void receiverOverridingNeitherLineMethodFailsWithAClearMessage() {
        LineReceiver receiver = connected(new LineReceiver() {
        });
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> receiver.dataReceived(ascii("a\r\n")))
                .withMessageContaining("must override lineReceived(byte[]) or lineReceived(String)");
    }

    @Test
    void sendLineWritesTheLineAndTheDelimiter() {
        Recorder receiver = connected(new Recorder());
        receiver.sendLine("h\u00e9");
        receiver.sendLine(ascii("bytes"));
        assertThat(this.transport.value()).isEqualTo("h\u00e9\r\nbytes\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sendLineUsesTheConfiguredDelimiterAndCharset() {
        Recorder receiver = connected(new Recorder());
        receiver.setDelimiter(ascii("\n"));
        receiver.setCharset(StandardCharsets.ISO_8859_1);
        receiver.sendLine("\u00e9");
        assertThat(this.transport.value()).isEqualTo(new byte[] {(byte) 0xE9, '\n'});
    }

    @Test
    void customDelimiterFramesLinesHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("one<END>two<EN<END><END>rest", chunks -> feed(() -> {
            Recorder receiver = new Recorder();
            receiver.setDelimiter(ascii("<END>"));
            return receiver;
        }, chunks));
        assertThat(events).containsExactly("line one", "line two<EN", "line ");
    }

    @Test
    void newlineDelimiterLeavesCarriageReturnsInTheLine() {
        Recorder receiver = connected(new Recorder());
        receiver.setDelimiter(ascii("\n"));
        receiver.dataReceived(ascii("a\nb\r\n"));
        assertThat(receiver.events).containsExactly("line a", "line b\r");
    }

    @Test
    void bufferShorterThanMaximumPlusDelimiterWithoutDelimiterJustWaits() {
        Recorder receiver = connected(new Recorder(5));
        receiver.dataReceived(ascii("abcdef"));
        assertThat(receiver.events).isEmpty();
        assertThat(this.transport.isDisconnecting()).isFalse();
        assertThat(ascii(receiver.clearLineBuffer())).isEqualTo("abcdef");
    }

    @Test
    void bufferOfMaximumPlusDelimiterLengthWithoutDelimiterIsPassedWholeToLineLengthExceeded() {
        Recorder receiver = connected(new Recorder(5));
        receiver.dataReceived(ascii("abcdef\r"));
        assertThat(receiver.events).containsExactly("too long abcdef\r");
        assertThat(this.transport.isDisconnecting()).isTrue();
        assertThat(receiver.clearLineBuffer()).isEmpty();
    }

    @Test
    void oneByteDelimiterLowersTheWaitingThresholdByOne() {
        Recorder receiver = connected(new Recorder(5));
        receiver.setDelimiter(ascii("\n"));
        receiver.dataReceived(ascii("abcde"));
        assertThat(receiver.events).isEmpty();
        receiver.dataReceived(ascii("f"));
        assertThat(receiver.events).containsExactly("too long abcdef");
    }

    @Test
    void lineOfExactlyMaximumLengthIsAcceptedHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("abcde\r\n", chunks -> feed(() -> new Recorder(5), chunks));
        assertThat(events).containsExactly("line abcde");
    }

    @Test
    void completeLineLongerThanMaximumIsPassedWithItsDelimiterAndTheRestOfTheBuffer() {
        Recorder receiver = connected(new Recorder(5));
        receiver.dataReceived(ascii("abcdef\r\nrest"));
        assertThat(receiver.events).containsExactly("too long abcdef\r\nrest");
        assertThat(this.transport.isDisconnecting()).isTrue();
        assertThat(receiver.clearLineBuffer()).isEmpty();
    }

    @Test
    void linesBeforeTheLongLineAreDeliveredAndTheLinesAfterItGoToLineLengthExceeded() {
        Recorder receiver = connected(new Recorder(5));
        receiver.dataReceived(ascii("ok\r\nabcdef\r\nnext\r\n"));
        assertThat(receiver.events).containsExactly("line ok", "too long abcdef\r\nnext\r\n");
    }

    @Test
    void longLineClosesTheConnectionAfterTheSameLinesHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("ok\r\nabcdefgh\r\nnext\r\n", chunks -> feed(() -> new Recorder(5), chunks)
                .stream().map(event -> event.startsWith("too long ") ? "too long" : event).toList());
        assertThat(events).containsExactly("line ok", "too long", "closed");
    }

    @Test
    void lineLengthExceededThatKeepsTheConnectionGoesOnWithAnEmptyBuffer() {
        Recorder receiver = connected(new Recorder(5));
        receiver.closeWhenTooLong = false;
        receiver.dataReceived(ascii("abcdef\r\nrest"));
        receiver.dataReceived(ascii("x\r\n"));
        assertThat(receiver.events).containsExactly("too long abcdef\r\nrest", "line x");
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void headerThenRawBodyThenMoreLinesInOneChunkHoweverTheBytesAreSplit() {
        String request = "POST /\r\nContent-Length: 7\r\n\r\nab\r\ncd.NEXT\r\nContent-Length: 2\r\n\r\nxyLAST\r\n";
        List<String> events = sameForEveryChunking(request, chunks -> feed(HttpStyle::new, chunks));
        assertThat(events).containsExactly("line POST /", "line Content-Length: 7", "line ", "body ab\r\ncd.",
                "line NEXT", "line Content-Length: 2", "line ", "body xy", "line LAST");
    }

    @Test
    void setRawModeFromLineReceivedSendsTheRestOfTheSameChunkToRawDataReceived() {
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> r.setRawMode();
        receiver.dataReceived(ascii("GO\r\nraw\r\nbytes"));
        assertThat(receiver.events).containsExactly("line GO", "raw raw\r\nbytes");
        assertThat(receiver.isLineMode()).isFalse();
    }

    @Test
    void rawModeDeliversEachChunkAsItArrives() {
        Recorder receiver = connected(new Recorder());
        receiver.setRawMode();
        receiver.dataReceived(ascii("one\r\n"));
        receiver.dataReceived(ascii("two"));
        assertThat(receiver.events).containsExactly("raw one\r\n", "raw two");
    }

    @Test
    void setLineModeWithExtraParsesTheExtraBytesAsLinesAtOnce() {
        Recorder receiver = connected(new Recorder());
        receiver.setRawMode();
        receiver.setLineMode(ascii("a\r\nb\r\nc"));
        assertThat(receiver.events).containsExactly("line a", "line b");
        assertThat(ascii(receiver.clearLineBuffer())).isEqualTo("c");
    }

    @Test
    void setLineModeFromRawDataReceivedParsesTheExtraBeforeBytesQueuedMeanwhile() {
        Recorder receiver = connected(new Recorder());
        receiver.setRawMode();
        receiver.onRaw = (r, data) -> {
            r.dataReceived(ascii("queued\r\n"));
            r.setLineMode(Arrays.copyOfRange(data, 2, data.length));
        };
        receiver.dataReceived(ascii("..extra\r\n"));
        assertThat(receiver.events).containsExactly("raw ..extra\r\n", "line extra", "line queued");
    }

    @Test
    void setRawModeOutsideACallbackDeliversWhatIsBufferedAtOnce() {
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(ascii("partial"));
        receiver.setRawMode();
        assertThat(receiver.events).containsExactly("raw partial");
    }

    @Test
    void rawModeWithoutRawDataReceivedFailsWithAClearMessage() {
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            public void lineReceived(String line) {
                setRawMode();
            }
        });
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> receiver.dataReceived(ascii("RAW\r\nbytes")))
                .withMessageContaining("does not override rawDataReceived");
    }

    @Test
    void clearLineBufferReturnsAndEmptiesAPartialLine() {
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(ascii("abc"));
        assertThat(ascii(receiver.clearLineBuffer())).isEqualTo("abc");
        assertThat(receiver.clearLineBuffer()).isEmpty();
        receiver.dataReceived(ascii("d\r\n"));
        assertThat(receiver.events).containsExactly("line d");
    }

    @Test
    void clearLineBufferFromLineReceivedTakesTheRestOfTheChunk() {
        List<String> cleared = new ArrayList<>();
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> cleared.add(ascii(r.clearLineBuffer()));
        receiver.dataReceived(ascii("first\r\nsecond\r\nthi"));
        assertThat(receiver.events).containsExactly("line first");
        assertThat(cleared).containsExactly("second\r\nthi");
    }

    @Test
    void pausedReceiverDeliversNothingUntilResumed() {
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> {
            if (line.equals("a")) {
                r.pauseProducing();
            }
        };
        receiver.dataReceived(ascii("a\r\nb\r\nc"));
        receiver.dataReceived(ascii("\r\nd\r\n"));
        assertThat(receiver.events).containsExactly("line a");
        assertThat(receiver.isPaused()).isTrue();
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.PAUSED);

        receiver.resumeProducing();
        assertThat(receiver.events).containsExactly("line a", "line b", "line c", "line d");
        assertThat(receiver.isPaused()).isFalse();
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void stopProducingStopsDeliveryAndTheTransport() {
        Recorder receiver = connected(new Recorder());
        receiver.stopProducing();
        receiver.dataReceived(ascii("a\r\n"));
        assertThat(receiver.events).isEmpty();
        assertThat(receiver.isPaused()).isTrue();
        assertThat(this.transport.getProducerState()).isEqualTo(StringTransport.STOPPED);
    }

    @Test
    void lineThatClosesTheConnectionIsTheLastOneDeliveredHoweverTheBytesAreSplit() {
        List<String> events = sameForEveryChunking("a\r\nQUIT\r\nb\r\nc\r\n", chunks -> feed(() -> {
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
        // Twisted 22.4 delivers one more line per chunk after loseConnection. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder());
        receiver.dataReceived(ascii("a\r\npart"));
        this.transport.loseConnection();
        receiver.dataReceived(ascii("ial\r\nb\r\n"));
        receiver.dataReceived(ascii("c\r\n"));
        receiver.resumeProducing();
        assertThat(receiver.events).containsExactly("line a");
    }

    @Test
    void nothingIsDeliveredInRawModeAfterAbortConnection() {
        Recorder receiver = connected(new Recorder());
        receiver.setRawMode();
        receiver.onRaw = (r, data) -> r.getTransport().abortConnection();
        receiver.dataReceived(ascii("one"));
        receiver.dataReceived(ascii("two"));
        assertThat(receiver.events).containsExactly("raw one");
    }

    @Test
    void closingThroughStringTransportWithDisconnectionEndsTheConnectionOnce() {
        List<Failure> reasons = new ArrayList<>();
        Recorder receiver = new Recorder() {
            @Override
            public void connectionLost(Failure reason) {
                reasons.add(reason);
            }
        };
        receiver.onLine = (r, line) -> r.getTransport().loseConnection();
        StringTransportWithDisconnection closing = new StringTransportWithDisconnection();
        closing.setProtocol(receiver);
        receiver.makeConnection(closing);
        receiver.dataReceived(ascii("bye\r\nagain\r\n"));
        assertThat(receiver.events).containsExactly("line bye");
        assertThat(reasons).singleElement().satisfies(reason -> assertThat(reason.value()).isInstanceOf(ConnectionDoneException.class));
        assertThat(receiver.isConnected()).isFalse();
    }

    @Test
    void dataReceivedFromLineReceivedIsQueuedBehindTheBufferInOrder() {
        // Twisted 22.4 delivers re-entrant data out of order or twice. (TWISTED-API.md section 4)
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> {
            if (line.equals("a")) {
                r.dataReceived(ascii("c\r\n"));
            }
            if (line.equals("c")) {
                r.dataReceived(ascii("d\r\n"));
            }
        };
        receiver.dataReceived(ascii("a\r\nb\r\n"));
        assertThat(receiver.events).containsExactly("line a", "line b", "line c", "line d");
    }

    @Test
    void dataReceivedFromLineReceivedCompletesTheBufferedPartialLine() {
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> {
            if (line.equals("a")) {
                r.dataReceived(ascii("tial\r\n"));
            }
        };
        receiver.dataReceived(ascii("a\r\npar"));
        assertThat(receiver.events).containsExactly("line a", "line partial");
    }

    @Test
    void longLineArrivingOneByteAtATimeIsDelivered() {
        Recorder receiver = connected(new Recorder(300_000));
        for (int i = 0; i < 200_000; i++) {
            receiver.dataReceived(new byte[] {'x'});
        }
        receiver.dataReceived(ascii("\r\n"));
        assertThat(receiver.events).singleElement().asString().hasSize("line ".length() + 200_000);
    }

    @Test
    void negativeMaximumIsRefused() {
        Recorder receiver = new Recorder();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> receiver.setMaxLength(-1))
                .withMessage("maximum line length (-1) must not be negative");
    }

    @Test
    void emptyDelimiterIsRefused() {
        Recorder receiver = new Recorder();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> receiver.setDelimiter(new byte[0]))
                .withMessage("delimiter must not be empty");
    }

    @Test
    void delimiterIsCopiedInAndOut() {
        Recorder receiver = connected(new Recorder());
        byte[] delimiter = ascii("\n");
        receiver.setDelimiter(delimiter);
        delimiter[0] = 'x';
        receiver.getDelimiter()[0] = 'y';
        receiver.dataReceived(ascii("a\n"));
        assertThat(receiver.events).containsExactly("line a");
    }

    // ------------------------------------------------------------------ lent chunks (issue 9)

    @Test
    void wholeLinesAreCopiedOnceStraightOutOfALentChunkAndOnlyTheTailIsKept() {
        Recorder receiver = connected(new Recorder());
        LentBytes first = LentBytes.deliver(receiver, ascii("one\r\ntwo\r\nthr"));
        // Each line's bytes once (into the array lineReceived gets), the tail once, delimiters never.
        assertThat(first.copied()).isEqualTo("one".length() + "two".length() + "thr".length());
        // The lent bytes are overwritten by now: the tail must be the receiver's own copy.
        LentBytes second = LentBytes.deliver(receiver, ascii("ee\r\n"));
        assertThat(second.copied()).isEqualTo("ee\r\n".length());
        assertThat(receiver.events).containsExactly("line one", "line two", "line three");
    }

    @Test
    void lineFromAFreshChunkIsANewArrayHoldingOnlyTheLine() {
        List<byte[]> lines = new ArrayList<>();
        LineReceiver receiver = connected(new LineReceiver() {
            @Override
            public void lineReceived(byte[] line) {
                lines.add(line);
            }
        });
        byte[] chunk = ascii("abc\r\nde\r\n");
        receiver.dataReceived(chunk);
        chunk[0] = 'x';
        assertThat(lines).extracting(Chunkings::ascii).containsExactly("abc", "de");
        assertThat(lines.get(0)).isNotSameAs(chunk).hasSize(3);
    }

    @Test
    void manyLinesInOneLentChunkAreAllDelivered() {
        StringBuilder data = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.append("line").append(i).append("\r\n");
            expected.add("line line" + i);
        }
        Recorder lent = connected(new Recorder());
        LentBytes bytes = LentBytes.deliver(lent, ascii(data.toString()));
        assertThat(lent.events).containsExactlyElementsOf(expected);
        assertThat(bytes.copied()).isEqualTo(data.length() - 2 * 1000);
    }

    @Test
    void lentSingleBytesMakeTheSameLinesAsOneChunk() {
        Recorder receiver = connected(new Recorder());
        for (byte b : ascii("ab\r\n\r\ncd\r")) {
            LentBytes.deliver(receiver, new byte[] {b});
        }
        LentBytes.deliver(receiver, ascii("\n"));
        assertThat(receiver.events).containsExactly("line ab", "line ", "line cd");
    }

    @Test
    void restOfALentChunkIsKeptWhenLineReceivedThrows() {
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> {
            if (line.equals("boom")) {
                throw new IllegalStateException("boom");
            }
        };
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> LentBytes.deliver(receiver, ascii("boom\r\nafter\r\npart")));
        LentBytes.deliver(receiver, ascii("ial\r\n"));
        assertThat(receiver.events).containsExactly("line boom", "line after", "line partial");
    }

    @Test
    void restOfALentChunkIsKeptWhilePausedAndDeliveredOnResume() {
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> {
            if (line.equals("a")) {
                r.pauseProducing();
            }
        };
        LentBytes.deliver(receiver, ascii("a\r\nb\r\nc"));
        assertThat(receiver.events).containsExactly("line a");
        receiver.resumeProducing();
        LentBytes.deliver(receiver, ascii("\r\n"));
        assertThat(receiver.events).containsExactly("line a", "line b", "line c");
    }

    @Test
    void rawModeSwitchInTheMiddleOfALentChunkGetsTheRestAsRawBytes() {
        Recorder receiver = connected(new Recorder());
        receiver.onLine = (r, line) -> r.setRawMode();
        receiver.onRaw = (r, data) -> r.setLineMode(ascii("again\r\n"));
        LentBytes.deliver(receiver, ascii("go\r\nraw bytes"));
        assertThat(receiver.events).containsExactly("line go", "raw raw bytes", "line again");
    }

    @Test
    void subclassThatOverridesDataReceivedOfArraysStillSeesLentBytes() {
        List<String> seen = new ArrayList<>();
        Recorder receiver = connected(new Recorder() {
            @Override
            public void dataReceived(byte[] data) {
                seen.add(ascii(data));
                super.dataReceived(data);
            }
        });
        LentBytes.deliver(receiver, ascii("a\r\nb"));
        LentBytes.deliver(receiver, ascii("\r\n"));
        assertThat(seen).containsExactly("a\r\nb", "\r\n");
        assertThat(receiver.events).containsExactly("line a", "line b");
    }
}
