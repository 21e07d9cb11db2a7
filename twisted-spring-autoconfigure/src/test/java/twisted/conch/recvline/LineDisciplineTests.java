package twisted.conch.recvline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import twisted.internet.Protocol;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.wire.Echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.conch.recvline.Shell.BACKSPACE;
import static twisted.conch.recvline.Shell.BELL;
import static twisted.conch.recvline.Shell.CTRL_A;
import static twisted.conch.recvline.Shell.CTRL_C;
import static twisted.conch.recvline.Shell.CTRL_D;
import static twisted.conch.recvline.Shell.CTRL_E;
import static twisted.conch.recvline.Shell.CTRL_K;
import static twisted.conch.recvline.Shell.CTRL_L;
import static twisted.conch.recvline.Shell.CTRL_U;
import static twisted.conch.recvline.Shell.CTRL_W;
import static twisted.conch.recvline.Shell.DELETE;
import static twisted.conch.recvline.Shell.DOWN;
import static twisted.conch.recvline.Shell.ERASE_BELOW;
import static twisted.conch.recvline.Shell.ESC;
import static twisted.conch.recvline.Shell.LEFT;
import static twisted.conch.recvline.Shell.RIGHT;
import static twisted.conch.recvline.Shell.UP;
import static twisted.conch.recvline.Shell.everyChunking;

class LineDisciplineTests {

    // --- typing and Enter ---

    @Test
    void typedCharactersAreEchoedAndEnterDeliversTheLineWithCrlf() {
        Shell.Run run = everyChunking("hello\r");
        assertThat(run.wire()).isEqualTo("> hello\r\n> ");
        assertThat(run.events()).containsExactly("made", "hello\r\n");
    }

    @Test
    void crLfAndCrlfFromTheTerminalEachEndOneLine() {
        Shell.Run run = everyChunking("a\rb\nc\r\nd\r\r\n");
        assertThat(run.events()).containsExactly("made", "a\r\n", "b\r\n", "c\r\n", "d\r\n", "\r\n");
        assertThat(run.wire()).isEqualTo("> a\r\n> b\r\n> c\r\n> d\r\n> \r\n> ");
    }

    @Test
    void promptIsShownAfterTheGreetingOfTheWrappedProtocol() {
        Protocol greeter = new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.write("Welcome\n".getBytes(StandardCharsets.UTF_8));
            }
        };
        Shell shell = new Shell(greeter, LineDisciplineOptions.defaults().withPrompt("> ")).connect();
        assertThat(shell.wire()).isEqualTo("Welcome\r\n> ");
    }

    // --- editing keys ---

    @Test
    void backspaceAsDelAndAsCtrlHErasesTheCharacterBeforeTheCursor() {
        Shell.Run run = everyChunking("abc" + BACKSPACE + "\b" + "d\r");
        assertThat(run.events()).containsExactly("made", "ad\r\n");
        assertThat(run.wire()).isEqualTo("> abc" + ESC + "[1D" + ERASE_BELOW + ESC + "[1D" + ERASE_BELOW + "d\r\n> ");
    }

    @Test
    void backspaceAtTheStartOfTheLineRingsTheBell() {
        assertThat(everyChunking(BACKSPACE + "x\r").wire()).isEqualTo("> " + BELL + "x\r\n> ");
    }

    @Test
    void deleteErasesTheCharacterUnderTheCursorAndRedrawsTheRest() {
        Shell.Run run = everyChunking("abc" + LEFT + LEFT + DELETE + "\r");
        assertThat(run.events()).containsExactly("made", "ac\r\n");
        assertThat(run.wire()).isEqualTo("> abc" + ESC + "[1D" + ESC + "[1D" + "c" + ERASE_BELOW + ESC + "[1D"
                + ESC + "[1C" + "\r\n> ");
    }

    @Test
    void deleteAtTheEndOfTheLineRingsTheBell() {
        assertThat(everyChunking("a" + DELETE).wire()).isEqualTo("> a" + BELL);
    }

    @Test
    void characterTypedInTheMiddleIsInsertedAndTheRestRedrawn() {
        Shell.Run run = everyChunking("ac" + LEFT + "b\r");
        assertThat(run.events()).containsExactly("made", "abc\r\n");
        assertThat(run.wire()).isEqualTo("> ac" + ESC + "[1D" + "bc" + ERASE_BELOW + ESC + "[1D" + ESC + "[1C\r\n> ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u001b[H", "\u001bOH", "\u001b[1~", "\u001b[7~", "\u0001" })
    void everyHomeKeyMovesToTheStartOfTheLine(String home) {
        Shell.Run run = everyChunking("ab" + home + "x\r");
        assertThat(run.events()).containsExactly("made", "xab\r\n");
        assertThat(run.wire()).isEqualTo("> ab" + ESC + "[2D" + "xab" + ERASE_BELOW + ESC + "[2D" + ESC + "[2C\r\n> ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u001b[F", "\u001bOF", "\u001b[4~", "\u001b[8~", "\u0005" })
    void everyEndKeyMovesToTheEndOfTheLine(String end) {
        Shell.Run run = everyChunking("ab" + CTRL_A + end + "y\r");
        assertThat(run.events()).containsExactly("made", "aby\r\n");
        assertThat(run.wire()).isEqualTo("> ab" + ESC + "[2D" + ESC + "[2C" + "y\r\n> ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u001b[D|\u001b[C", "\u001bOD|\u001bOC", "\u0002|\u0006" })
    void leftAndRightMoveTheCursorByOneCharacter(String keys) {
        String left = keys.split("\\|")[0];
        String right = keys.split("\\|")[1];
        Shell.Run run = everyChunking("abc" + left + left + right + "x\r");
        assertThat(run.events()).containsExactly("made", "abxc\r\n");
    }

    @Test
    void cursorKeysBeyondTheEndsOfTheLineDoNothing() {
        assertThat(everyChunking(LEFT + CTRL_A + "a" + RIGHT + CTRL_E).wire()).isEqualTo("> a");
    }

    @Test
    void ctrlUErasesFromTheStartOfTheLineToTheCursor() {
        Shell.Run run = everyChunking("one two" + LEFT + LEFT + LEFT + CTRL_U + "\r");
        assertThat(run.events()).containsExactly("made", "two\r\n");
        assertThat(run.wire()).isEqualTo("> one two" + ESC + "[1D" + ESC + "[1D" + ESC + "[1D" + ESC + "[4D" + "two"
                + ERASE_BELOW + ESC + "[3D" + ESC + "[3C\r\n> ");
    }

    @Test
    void ctrlKErasesFromTheCursorToTheEndOfTheLine() {
        Shell.Run run = everyChunking("one two" + CTRL_A + RIGHT + RIGHT + RIGHT + CTRL_K + "\r");
        assertThat(run.events()).containsExactly("made", "one\r\n");
    }

    @Test
    void ctrlWErasesTheWordBeforeTheCursorWithTheBlanksAfterIt() {
        Shell.Run run = everyChunking("one two  " + CTRL_W + "\r" + "one two" + CTRL_W + CTRL_W + "x\r");
        assertThat(run.events()).containsExactly("made", "one \r\n", "x\r\n");
        assertThat(run.wire()).startsWith("> one two  " + ESC + "[5D" + ERASE_BELOW + "\r\n> ");
    }

    @Test
    void ctrlLClearsTheScreenAndRedrawsThePromptAndLineWithTheCursorInPlace() {
        Shell.Run run = everyChunking("ab" + LEFT + CTRL_L);
        assertThat(run.wire()).isEqualTo("> ab" + ESC + "[1D" + ESC + "[H" + ESC + "[2J" + "> ab" + ESC + "[1D");
    }

    // --- history ---

    @Test
    void upRecallsEarlierLinesAndRedrawsThem() {
        Shell.Run run = everyChunking("one\rtwo\r" + UP + UP + "\r");
        assertThat(run.events()).containsExactly("made", "one\r\n", "two\r\n", "one\r\n");
        assertThat(run.wire()).isEqualTo("> one\r\n> two\r\n> " + "two" + ERASE_BELOW + ESC + "[3D" + "one" + ERASE_BELOW
                + "\r\n> ");
    }

    @Test
    void downGoesBackToTheLineBeingTypedBeforeUp() {
        Shell.Run run = everyChunking("one\rtwo\rdr" + UP + UP + DOWN + DOWN + "!\r");
        assertThat(run.events()).containsExactly("made", "one\r\n", "two\r\n", "dr!\r\n");
    }

    @Test
    void historyEndsRingTheBell() {
        Shell shell = Shell.prompted().connect().type("one\r");
        shell.transport.clear();
        shell.type(DOWN + UP + UP);
        assertThat(shell.wire()).isEqualTo(BELL + "one" + ERASE_BELOW + BELL);
    }

    @Test
    void historyKeepsNeitherEmptyLinesNorRepeatsOfThePreviousLine() {
        Shell.Run run = everyChunking("a\ra\r\rb\r" + UP + UP + UP + "\r");
        assertThat(run.events()).containsExactly("made", "a\r\n", "a\r\n", "\r\n", "b\r\n", "a\r\n");
        assertThat(run.wire()).contains(BELL);
    }

    @Test
    void historyKeepsOnlyTheNewestLines() {
        Shell.Run run = everyChunking(() -> new Shell(new Shell.Recorder(),
                LineDisciplineOptions.defaults().withHistorySize(2)), "a\rb\rc\r" + UP + UP + UP + "\r");
        assertThat(run.events()).containsExactly("made", "a\r\n", "b\r\n", "c\r\n", "b\r\n");
        assertThat(run.wire()).isEqualTo("a\r\nb\r\nc\r\n" + "c" + ERASE_BELOW + "\r" + "b" + ERASE_BELOW + BELL + "\r\n");
    }

    @Test
    void noHistoryWhenItsSizeIsZero() {
        Shell.Run run = everyChunking(() -> new Shell(new Shell.Recorder(),
                LineDisciplineOptions.defaults().withHistorySize(0)), "a\r" + UP + "\r");
        assertThat(run.events()).containsExactly("made", "a\r\n", "\r\n");
        assertThat(run.wire()).isEqualTo("a\r\n" + BELL + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = { "\u001bOA|\u001bOB", "\u0010|\u000e" })
    void applicationModeArrowsAndCtrlPAndCtrlNWalkTheHistoryToo(String keys) {
        String up = keys.split("\\|")[0];
        String down = keys.split("\\|")[1];
        Shell.Run run = everyChunking("one\rtwo\r" + up + up + down + "\r");
        assertThat(run.events()).containsExactly("made", "one\r\n", "two\r\n", "two\r\n");
    }

    @Test
    void anEditedRecalledLineIsEnteredAsANewLine() {
        Shell.Run run = everyChunking("one\r" + UP + "!\r" + UP + UP + "\r");
        assertThat(run.events()).containsExactly("made", "one\r\n", "one!\r\n", "one\r\n");
    }

    // --- Ctrl-C and Ctrl-D ---

    @Test
    void ctrlCDropsTheLineShowsCaretCAndTellsAnInterruptibleProtocol() {
        Shell.Run run = everyChunking("abc" + LEFT + CTRL_C + "d\r");
        assertThat(run.events()).containsExactly("made", "interrupted", "d\r\n");
        assertThat(run.wire()).isEqualTo("> abc" + ESC + "[1D" + ESC + "[1C" + "^C\r\n> d\r\n> ");
    }

    @Test
    void ctrlCGoesUnnoticedByAProtocolThatIsNotInterruptible() {
        Shell.Run run = everyChunking(() -> new Shell(new Echo(), LineDisciplineOptions.defaults().withPrompt("> ")),
                "ab" + CTRL_C + "c\r");
        assertThat(run.wire()).isEqualTo("> ab^C\r\n> c\r\nc\r\n> ");
    }

    @Test
    void ctrlDOnAnEmptyLineClosesTheChannelAndTheWrappedProtocolIsToldWhenItCloses() {
        Shell.Run run = everyChunking("abc\r" + CTRL_D + "ignored\r");
        assertThat(run.wire()).isEqualTo("> abc\r\n> \r\n");
        assertThat(run.events()).containsExactly("made", "abc\r\n", "lost ConnectionDoneException");
        assertThat(run.closing()).isTrue();
    }

    @Test
    void ctrlDOnALineDeletesTheCharacterUnderTheCursorOrRingsAtTheEnd() {
        Shell.Run run = everyChunking("abc" + LEFT + LEFT + CTRL_D + CTRL_E + CTRL_D + "\r");
        assertThat(run.events()).containsExactly("made", "ac\r\n");
        assertThat(run.wire()).contains(BELL);
        assertThat(run.closing()).isFalse();
    }

    // --- output of the wrapped protocol ---

    @Test
    void outputArrivingDuringAPartialLineIsWrittenAboveItAndTheLineRedrawn() {
        Shell shell = Shell.prompted().connect().type("hel");
        shell.transport.clear();
        shell.inner.getTransport().write("msg\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.wire()).isEqualTo("\r" + ERASE_BELOW + "msg\r\n> hel");
        shell.type("lo\r");
        assertThat(shell.events()).containsExactly("made", "hello\r\n");
    }

    @Test
    void outputKeepsTheCursorWhereItWasInTheLine() {
        Shell shell = Shell.prompted().connect().type("hello" + LEFT + LEFT);
        shell.transport.clear();
        shell.inner.getTransport().write("msg\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.wire()).isEqualTo("\r" + ERASE_BELOW + "msg\r\n> hello" + ESC + "[2D");
        shell.type("X\r");
        assertThat(shell.events()).containsExactly("made", "helXlo\r\n");
    }

    @Test
    void outputWithNothingOnTheRowIsWrittenAsItIs() {
        Shell shell = new Shell(new Shell.Recorder(), LineDisciplineOptions.defaults()).connect();
        shell.inner.getTransport().write("a\nb\r\nc\r".getBytes(StandardCharsets.UTF_8));
        shell.inner.getTransport().write("\nd\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.wire()).isEqualTo("a\r\nb\r\nc\r\nd\r\n");
    }

    @Test
    void outputWithoutALineFeedStaysOnTheRowAndTheLineFollowsIt() {
        Protocol asker = new Shell.Recorder() {
            @Override
            public void connectionMade() {
                this.transport.write("Name: ".getBytes(StandardCharsets.UTF_8));
            }
        };
        Shell shell = new Shell(asker, LineDisciplineOptions.defaults()).connect().type("bob");
        assertThat(shell.wire()).isEqualTo("Name: bob");
        shell.transport.clear();
        shell.inner.getTransport().write("!\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.wire()).isEqualTo(ESC + "[3D" + ERASE_BELOW + "!\r\nbob");
        shell.type("\r");
        assertThat(shell.events()).containsExactly("bob\r\n");
    }

    @Test
    void anEchoProtocolAnswersBelowTheLine() {
        Shell.Run run = everyChunking(() -> new Shell(new Echo(), LineDisciplineOptions.defaults().withPrompt("> ")),
                "hi\rthere\r");
        assertThat(run.wire()).isEqualTo("> hi\r\nhi\r\n> there\r\nthere\r\n> ");
    }

    /** A protocol written for a socket: a greeting, an answer per line, and quit. */
    static final class Parrot extends LineReceiver {

        @Override
        public void connectionMade() {
            sendLine("Welcome");
        }

        @Override
        public void lineReceived(String line) {
            if (line.equals("quit")) {
                sendLine("bye");
                this.transport.loseConnection();
            }
            else {
                sendLine("you said: " + line);
            }
        }
    }

    @Test
    void aLineReceiverIsServedUnchangedAndItsLoseConnectionClosesTheChannel() {
        Shell.Run run = everyChunking(() -> new Shell(new Parrot(), LineDisciplineOptions.defaults().withPrompt("> ")),
                "hi thére\r" + "quit\r" + "ignored\r");
        assertThat(run.wire()).isEqualTo("Welcome\r\n> hi thére\r\nyou said: hi thére\r\n> quit\r\nbye\r\n");
        assertThat(run.closing()).isTrue();
    }

    @Test
    void writesOfTheWrappedProtocolAfterTheCloseAreDropped() {
        Shell shell = Shell.prompted().connect().type(CTRL_D);
        shell.transport.clear();
        shell.inner.getTransport().write("late\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.wire()).isEmpty();
    }

    @Test
    void abortConnectionOfTheWrappedProtocolDropsWhatWasNotWritten() {
        Protocol aborter = new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                this.transport.write("answer\n".getBytes(StandardCharsets.UTF_8));
                this.transport.abortConnection();
            }
        };
        Shell shell = new Shell(aborter, LineDisciplineOptions.defaults().withPrompt("> ")).connect();
        shell.transport.clear();
        shell.type("x\rmore");
        assertThat(shell.transport.isAborted()).isTrue();
        assertThat(shell.wire()).isEmpty();
    }

    // --- limits, UTF-8 and escape sequences ---

    @Test
    void charactersBeyondTheLineLengthLimitRingTheBell() {
        Shell.Run run = everyChunking(() -> new Shell(new Shell.Recorder(),
                LineDisciplineOptions.defaults().withPrompt("> ").withMaxLineLength(3)), "abcd" + LEFT + "e\r");
        assertThat(run.events()).containsExactly("made", "abc\r\n");
        assertThat(run.wire()).isEqualTo("> abc" + BELL + ESC + "[1D" + BELL + ESC + "[1C\r\n> ");
    }

    @Test
    void multiByteCharactersSplitAnywhereAreEchoedAndDeliveredWhole() {
        Shell.Run run = everyChunking("héllo €𝄞\r");
        assertThat(run.events()).containsExactly("made", "héllo €𝄞\r\n");
        assertThat(run.wire()).isEqualTo("> héllo €𝄞\r\n> ");
    }

    @Test
    void wideCharactersMoveTheCursorTwoColumns() {
        Shell.Run run = everyChunking("日本" + LEFT + BACKSPACE + "\r");
        assertThat(run.events()).containsExactly("made", "本\r\n");
        assertThat(run.wire()).isEqualTo("> 日本" + ESC + "[2D" + ESC + "[2D" + "本" + ERASE_BELOW + ESC + "[2D"
                + ESC + "[2C\r\n> ");
    }

    @Test
    void unknownAndOverlongEscapeSequencesAreSwallowed() {
        String keys = "a" + ESC + "[1;5Cb" + ESC + "[200~c" + ESC + "[201~" + ESC + "Xd" + ESC + "[" + "9".repeat(40)
                + "Ze" + ESC + "O1;2Pf" + ESC + ESC + "[D" + "g\r";
        Shell.Run run = everyChunking(keys);
        assertThat(run.events()).containsExactly("made", "abcdegf\r\n");
        assertThat(run.wire()).isEqualTo("> abcdef" + ESC + "[1D" + "gf" + ERASE_BELOW + ESC + "[1D" + ESC + "[1C\r\n> ");
    }

    @Test
    void malformedUtf8AndOtherControlCharactersAreDropped() {
        byte[] keys = { 'a', (byte) 0xff, 'b', (byte) 0xc3, '(', (byte) 0xc2, (byte) 0x85, (byte) 0xe2, (byte) 0x82,
            'c', (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xc0, (byte) 0xaf, 0, '\t', 0x07, 0x1b, '\r' };
        Shell.Run run = everyChunking(Shell::prompted, keys);
        assertThat(run.events()).containsExactly("made", "ab(c\r\n");
        assertThat(run.wire()).isEqualTo("> ab(c\r\n> ");
    }

    // --- terminal width ---

    @Test
    void aLineReachingTheMarginPutsTheCursorOnTheNextRowAndIsEditedAcrossRows() {
        Shell shell = Shell.prompted();
        shell.discipline.terminalSize(10, 24);
        shell.connect().type("abcdefgh");
        assertThat(shell.wire()).isEqualTo("> abcdefgh\r\n");
        shell.transport.clear();
        shell.type("i" + CTRL_A);
        assertThat(shell.wire()).isEqualTo("i" + ESC + "[1A" + ESC + "[1C");
        shell.transport.clear();
        shell.inner.getTransport().write("m\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.wire()).isEqualTo("\r" + ERASE_BELOW + "m\r\n> abcdefghi" + ESC + "[1A" + ESC + "[1C");
        shell.transport.clear();
        shell.type("\r");
        assertThat(shell.wire()).isEqualTo(ESC + "[1B" + ESC + "[1D" + "\r\n> ");
        assertThat(shell.events()).containsExactly("made", "abcdefghi\r\n");
    }

    @Test
    void terminalSizeZeroKeepsTheWidthAndNegativeIsRefused() {
        LineDiscipline discipline = new LineDiscipline(new Echo());
        assertThat(discipline.getTerminalWidth()).isEqualTo(80);
        discipline.terminalSize(132, 0);
        discipline.terminalSize(0, 0);
        assertThat(discipline.getTerminalWidth()).isEqualTo(132);
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> discipline.terminalSize(-1, 24))
                .withMessageContaining("-1x24");
    }

    @Test
    void aWindowChangeResizesAndReachesAWrappedProtocolThatListens() {
        List<String> sizes = new ArrayList<>();
        class Listening extends Protocol implements twisted.conch.WindowChangeListener {
            @Override
            public void windowChanged(int columns, int rows) {
                sizes.add(columns + "x" + rows);
            }
        }
        LineDiscipline discipline = new LineDiscipline(new Listening());
        discipline.terminalSize(100, 30);
        assertThat(sizes).as("the initial size is the discipline's own").isEmpty();

        discipline.windowChanged(132, 43);
        discipline.windowChanged(40, 0);

        assertThat(discipline.getTerminalWidth()).isEqualTo(40);
        assertThat(sizes).containsExactly("132x43", "40x0");
    }

    @Test
    void keysOfOneChunkAreWrittenInOneWrite() {
        List<byte[]> writes = new java.util.ArrayList<>();
        LineDiscipline counted = new LineDiscipline(new Echo(), LineDisciplineOptions.defaults().withPrompt("> "));
        counted.makeConnection(new twisted.testing.StringTransport() {
            @Override
            public void write(byte[] data) {
                writes.add(data);
                super.write(data);
            }
        });
        writes.clear();
        counted.dataReceived("abc\rdef\r".getBytes(StandardCharsets.UTF_8));
        assertThat(writes).hasSize(1);
        assertThat(new String(writes.get(0), StandardCharsets.UTF_8)).isEqualTo("abc\r\nabc\r\n> def\r\ndef\r\n> ");
    }
}
