package twisted.conch.recvline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.protocols.basic.Chunkings;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: a {@link LineDiscipline} in front of a protocol, on a
 * {@link StringTransportWithDisconnection}, and the keys of a terminal as the bytes it sends.
 */
final class Shell {

    static final String ESC = "\u001b";

    static final String ERASE_BELOW = ESC + "[J";

    static final String BELL = "\u0007";

    static final String UP = ESC + "[A";

    static final String DOWN = ESC + "[B";

    static final String RIGHT = ESC + "[C";

    static final String LEFT = ESC + "[D";

    static final String DELETE = ESC + "[3~";

    static final String BACKSPACE = "\u007f";

    static final String CTRL_A = "\u0001";

    static final String CTRL_C = "\u0003";

    static final String CTRL_D = "\u0004";

    static final String CTRL_E = "\u0005";

    static final String CTRL_K = "\u000b";

    static final String CTRL_L = "\u000c";

    static final String CTRL_U = "\u0015";

    static final String CTRL_W = "\u0017";

    final StringTransportWithDisconnection transport = new StringTransportWithDisconnection();

    final Protocol inner;

    final LineDiscipline discipline;

    Shell(Protocol inner, LineDisciplineOptions options) {
        this.inner = inner;
        this.discipline = new LineDiscipline(inner, options);
        this.transport.setProtocol(this.discipline);
    }

    /** A shell with the prompt {@code "> "} in front of a {@link Recorder}. */
    static Shell prompted() {
        return new Shell(new Recorder(), LineDisciplineOptions.defaults().withPrompt("> "));
    }

    Shell connect() {
        this.discipline.makeConnection(this.transport);
        return this;
    }

    /** Feeds the keys in one chunk. */
    Shell type(String keys) {
        this.discipline.dataReceived(keys.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String wire() {
        return this.transport.valueAsString();
    }

    List<String> events() {
        return ((Recorder) this.inner).events;
    }

    /** What one run shows: the bytes on the wire, the wrapped protocol's events, whether the channel is closing. */
    record Run(String wire, List<String> events, boolean closing) {
    }

    /**
     * Types {@code input} (bytes) into fresh connected shells, once per chunking (whole, split in
     * two at every index, one byte at a time), and checks that every run gives the same result.
     *
     * @return that result
     */
    static Run everyChunking(Supplier<Shell> make, byte[] input) {
        Run whole = null;
        for (List<byte[]> chunks : Chunkings.of(input)) {
            Shell shell = make.get().connect();
            for (byte[] chunk : chunks) {
                shell.discipline.dataReceived(chunk);
            }
            List<String> events = (shell.inner instanceof Recorder recorder) ? recorder.events : List.of();
            Run run = new Run(shell.wire(), List.copyOf(events), shell.transport.isDisconnecting());
            if (whole == null) {
                whole = run;
            }
            else {
                assertThat(run).as("input split as %s", chunks.stream().map(Shell::show).toList()).isEqualTo(whole);
            }
        }
        return whole;
    }

    /** {@link #everyChunking(Supplier, byte[])} for keys given as text, sent as UTF-8. */
    static Run everyChunking(Supplier<Shell> make, String keys) {
        return everyChunking(make, keys.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #everyChunking(Supplier, byte[])} with the prompt {@code "> "} and a {@link Recorder}. */
    static Run everyChunking(String keys) {
        return everyChunking(Shell::prompted, keys);
    }

    private static String show(byte[] chunk) {
        return new String(chunk, StandardCharsets.ISO_8859_1).replace(ESC, "ESC");
    }

    /** A wrapped protocol that records what it sees, and can answer. */
    static class Recorder extends Protocol implements Interruptible {

        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            this.events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            this.events.add(new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void interrupted() {
            this.events.add("interrupted");
        }

        @Override
        public void connectionLost(Failure reason) {
            this.events.add("lost " + reason.value().getClass().getSimpleName());
        }
    }
}
