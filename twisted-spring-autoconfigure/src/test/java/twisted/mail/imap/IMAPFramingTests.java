package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.mail.imap.IMAPFraming.Limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IMAPFramingTests {

    private static final Limits DEFAULTS = Limits.defaults();

    /** Small limits: 64 bytes of text, 10-byte literals, 100-byte commands, 3 literals. */
    private static final Limits SMALL = new Limits(64, 10, 100, 3);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The events of the stream fed whole, and checks they are the same fed one byte at a time and
     * split in two at every position.
     */
    private static List<String> everyCut(Limits limits, String stream) {
        byte[] data = bytes(stream);
        List<String> whole = FramingHost.events(limits, data);
        assertThat(FramingHost.bytewise(limits, data)).as("byte by byte").isEqualTo(whole);
        for (int cut = 0; cut <= data.length; cut++) {
            assertThat(FramingHost.events(limits, data, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
        for (int cut = 0; cut + 3 <= data.length; cut += 3) {
            assertThat(FramingHost.events(limits, data, cut, cut + 1, cut + 3)).as("cut at %d, +1, +3", cut)
                    .isEqualTo(whole);
        }
        return whole;
    }

    @Test
    void aLineWithoutLiteralIsOneCommand() {
        FramingHost host = FramingHost.feed(DEFAULTS, bytes("a1 NOOP\r\n"));
        assertThat(host.events).containsExactly("command a1 NOOP");
        assertThat(host.commands.get(0).lines()).hasSize(1);
        assertThat(host.commands.get(0).literals()).isEmpty();
        assertThat(host.commands.get(0).tag()).isEqualTo("a1");
    }

    @Test
    void synchronisingLiteralsAskForAContinuationEachAndAreCutOutOfTheLines() {
        FramingHost host = FramingHost.feed(DEFAULTS, bytes("A1 LOGIN {5}\r\nalice {6}\r\nsecret\r\n"));
        assertThat(host.events).containsExactly("+", "+", "command A1 LOGIN {alice} {secret}");
        RawCommand command = host.commands.get(0);
        assertThat(command.lines()).extracting(line -> new String(line, StandardCharsets.US_ASCII))
                .containsExactly("A1 LOGIN ", " ", "");
        assertThat(command.literals()).extracting(literal -> new String(literal, StandardCharsets.US_ASCII))
                .containsExactly("alice", "secret");
    }

    @Test
    void nonSynchronisingLiteralsAskForNoContinuation() {
        assertThat(FramingHost.events(DEFAULTS, bytes("A1 LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n")))
                .containsExactly("command A1 LOGIN {alice} {secret}");
    }

    @Test
    void aLiteralIsTakenRawWhateverItHolds() {
        String message = "From: a\r\n{3}\r\n\r\nA2 NOOP\r\n\u0000\u00ff";
        assertThat(everyCut(DEFAULTS, "A1 APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\nA3 NOOP\r\n"))
                .containsExactly("command A1 APPEND INBOX {" + message + "}", "command A3 NOOP");
    }

    @Test
    void aLiteralLargerThanItsFirstAllocationArrivesWhole() {
        byte[] message = new byte[200_000];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i * 31 + i / 251);
        }
        byte[] stream = concat(bytes("A1 APPEND INBOX {200000}\r\n"), message, bytes("\r\nA2 NOOP\r\n"));
        for (int chunk : new int[] {stream.length, 65_536, 7_777, 1}) {
            FramingHost host = new FramingHost(DEFAULTS);
            for (int i = 0; i < stream.length; i += chunk) {
                host.dataReceived(java.util.Arrays.copyOfRange(stream, i, Math.min(stream.length, i + chunk)));
            }
            assertThat(host.events).as("chunks of %d", chunk).hasSize(3).startsWith("+").endsWith("command A2 NOOP");
            assertThat(host.commands.get(0).literals().get(0)).as("chunks of %d", chunk).isEqualTo(message);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void emptyLiteralsAreLiteralsToo() {
        assertThat(everyCut(DEFAULTS, "A1 LOGIN {0}\r\n {0+}\r\n\r\n"))
                .containsExactly("+", "command A1 LOGIN {} {}");
    }

    @Test
    void aConversationGivesTheSameCommandsAndContinuationsHoweverItIsCut() {
        String stream = "A1 CAPABILITY\r\n"
                + "A2 LOGIN {5}\r\nalice {6+}\r\nsecret\r\n"
                + "A3 SELECT \"INBOX\"\r\n"
                + "A4 APPEND Drafts (\\Seen) {14}\r\nHi\r\n{2}\r\nthere\r\n"
                + "A5 IDLE\r\ndone\r\n"
                + "A6 IDLE\r\nNOPE\r\n"
                + "A7 AUTHENTICATE PLAIN\r\nAGFsaWNlAHNlY3JldA==\r\n"
                + "A8 SEARCH CHARSET UTF-8 SUBJECT {3}\r\n\u00e9t\u00e9 BODY {2+}\r\n\r\n\r\n"
                + "\r\n"
                + "A9 LOGOUT\r\n";
        assertThat(everyCut(DEFAULTS, stream)).containsExactly(
                "command A1 CAPABILITY",
                "+", "command A2 LOGIN {alice} {secret}",
                "command A3 SELECT \"INBOX\"",
                "+", "command A4 APPEND Drafts (\\Seen) {Hi\r\n{2}\r\nthere}",
                "command A5 IDLE", "done true",
                "command A6 IDLE", "done false",
                "command A7 AUTHENTICATE PLAIN", "response AGFsaWNlAHNlY3JldA==",
                "+", "command A8 SEARCH CHARSET UTF-8 SUBJECT {\u00e9t\u00e9} BODY {\r\n}",
                "command ",
                "command A9 LOGOUT");
    }

    @Test
    void aLineTooLongIsRejectedWithItsTagAndTheNextCommandIsRead() {
        String longLine = "A1 SEARCH SUBJECT " + "x".repeat(100) + "\r\nA2 NOOP\r\n";
        assertThat(everyCut(SMALL, longLine)).containsExactly("rejected A1 LINE_LENGTH", "command A2 NOOP");
    }

    @Test
    void theTagOfALineTooLongIsReadFromItsFirstMaxLineLengthBytesOnly() {
        // found by IMAPCommandFuzzTests: the receiver hands over more or less of the line depending on the cuts
        assertThat(everyCut(SMALL, "T".repeat(70) + " NOOP\r\nA2 NOOP\r\n")).containsExactly("rejected null LINE_LENGTH",
                "command A2 NOOP");
        assertThat(everyCut(SMALL, "T".repeat(70) + "\nA1 NOOP\r\nA2 NOOP\r\n"))
                .containsExactly("rejected null LINE_LENGTH", "command A2 NOOP");
    }

    @Test
    void aLineTooLongThatEndsInANonSynchronisingLiteralHasTheLiteralDroppedToo() {
        String stream = "A1 APPEND " + "x".repeat(100) + " {11+}\r\nA9 LOGOUT\r\n\r\nA2 NOOP\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("rejected A1 LINE_LENGTH", "command A2 NOOP");
    }

    @Test
    void aLineTooLongThatEndsInASynchronisingLiteralEndsTheCommand() {
        String stream = "A1 APPEND " + "x".repeat(100) + " {12}\r\nA2 NOOP\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("rejected A1 LINE_LENGTH", "command A2 NOOP");
    }

    @Test
    void textOverTheLimitAcrossLinesIsRejected() {
        String stream = "A1 X " + "a".repeat(40) + " {1+}\r\nb" + "c".repeat(40) + "\r\nA2 NOOP\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("rejected A1 LINE_LENGTH", "command A2 NOOP");
    }

    @Test
    void aSynchronisingLiteralTooLargeIsRejectedInsteadOfTheContinuation() {
        // the client never sends the literal: the next line is the next command
        assertThat(everyCut(SMALL, "A1 APPEND INBOX {11}\r\nA2 NOOP\r\n"))
                .containsExactly("rejected A1 LITERAL_SIZE", "command A2 NOOP");
    }

    @Test
    void aNonSynchronisingLiteralTooLargeIsReadAndDroppedWithTheRestOfItsCommand() {
        String stream = "A1 APPEND INBOX {11+}\r\nA2 NOOP\r\nxx {3+}\r\nabc more\r\nA3 NOOP\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("rejected A1 LITERAL_SIZE", "command A3 NOOP");
    }

    @Test
    void aRefusedCommandsLaterSynchronisingLiteralEndsItWithoutAContinuation() {
        String stream = "A1 APPEND INBOX {11+}\r\nA2 NOOP\r\nxx {3}\r\nA3 NOOP\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("rejected A1 LITERAL_SIZE", "command A3 NOOP");
    }

    @Test
    void literalsAreCountedPerCommand() {
        String stream = "A1 X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd\r\nA2 X {1+}\r\na {1+}\r\nb {1+}\r\nc\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("rejected A1 LITERAL_COUNT", "command A2 X {a} {b} {c}");
    }

    @Test
    void theCommandSizeCountsTextAndLiterals() {
        Limits limits = new Limits(64, 40, 100, 10);
        String literal = "y".repeat(40);
        String stream = "A1 X {40+}\r\n" + literal + " {40+}\r\n" + literal + " {40+}\r\n" + literal + "\r\nA2 NOOP\r\n";
        assertThat(everyCut(limits, stream)).containsExactly("rejected A1 COMMAND_SIZE", "command A2 NOOP");
    }

    @Test
    void aRejectionWithoutAReadableTagHasNoTag() {
        assertThat(FramingHost.events(SMALL, bytes("{11}\r\n* NOOP {11+}\r\n" + "z".repeat(11) + "\r\n")))
                .containsExactly("rejected null LITERAL_SIZE", "rejected null LITERAL_SIZE");
    }

    @Test
    void aHugeLiteralSizeIsOverTheLimitNotAnOverflow() {
        assertThat(FramingHost.events(DEFAULTS, bytes("A1 APPEND INBOX {99999999999999999999999}\r\nA2 NOOP\r\n")))
                .containsExactly("rejected A1 LITERAL_SIZE", "command A2 NOOP");
    }

    @Test
    void braceTextThatIsNotALiteralAnnouncementStaysInTheLine() {
        assertThat(everyCut(DEFAULTS, "A1 X {}\r\nA2 X {+}\r\nA3 X {1a}\r\nA4 X 5}\r\n")).containsExactly(
                "command A1 X {}", "command A2 X {+}", "command A3 X {1a}", "command A4 X 5}");
    }

    @Test
    void aDoneOrResponseLineTooLongIsRejectedWithoutATag() {
        String stream = "A1 IDLE\r\n" + "D".repeat(100) + "\r\nA2 AUTHENTICATE PLAIN\r\n" + "Q".repeat(100)
                + "\r\nA3 NOOP\r\n";
        assertThat(everyCut(SMALL, stream)).containsExactly("command A1 IDLE", "rejected null LINE_LENGTH",
                "command A2 AUTHENTICATE PLAIN", "rejected null LINE_LENGTH", "command A3 NOOP");
    }

    @Test
    void modesCanOnlyBeSetBetweenCommands() {
        FramingHost host = FramingHost.feed(DEFAULTS, bytes("A1 LOGIN {5}\r\n"));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(host.framing::expectDone);
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(host.framing::expectAuthenticateResponse);
    }

    @Test
    void limitsAreChecked() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Limits(10, 10, 100, 1))
                .withMessageContaining("maxLineLength (10)");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Limits(100, 10, 50, 1))
                .withMessageContaining("maxCommandSize (50)");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new Limits(100, -1, 500, 1));
        assertThat(Limits.defaults()).isEqualTo(new Limits(8192, 32 << 20, 33 << 20, 100));
    }

    @Test
    void aRejectionNamesTheLimitAndItsValue() {
        CommandTooLargeException rejection = new CommandTooLargeException("A1", CommandTooLargeException.Limit.LITERAL_SIZE, 10);
        assertThat(rejection.reason()).isEqualTo("Literal too large (maximum 10)");
        assertThat(rejection.responseCode()).isEqualTo("[TOOBIG]");
        assertThat(rejection.maximum()).isEqualTo(10);
    }
}
