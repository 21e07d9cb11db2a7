package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import twisted.protocols.basic.LineReceiver;
import twisted.testing.StringTransport;

/**
 * Test host of an {@link IMAPFraming}: a {@link LineReceiver} wired as the framing's javadoc
 * says a server is, recording every event as a line of text. It plays the server's part in the
 * mode switches: after a command named {@code IDLE} it expects {@code DONE}, after one named
 * {@code AUTHENTICATE} one response line.
 */
final class FramingHost extends LineReceiver implements IMAPFraming.Host {

    final IMAPFraming framing;

    final List<String> events = new ArrayList<>();

    final List<RawCommand> commands = new ArrayList<>();

    FramingHost(IMAPFraming.Limits limits) {
        this.framing = new IMAPFraming(limits, this);
        setMaxLength(limits.maxLineLength());
        makeConnection(new StringTransport());
    }

    /** Feeds {@code bytes} cut at {@code cuts} (ascending positions), each chunk as its own {@code dataReceived}. */
    static FramingHost feed(IMAPFraming.Limits limits, byte[] bytes, int... cuts) {
        FramingHost host = new FramingHost(limits);
        int from = 0;
        for (int cut : cuts) {
            host.dataReceived(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        host.dataReceived(Arrays.copyOfRange(bytes, from, bytes.length));
        return host;
    }

    /** The events of the stream fed whole; asserts (by returning them for comparison) nothing itself. */
    static List<String> events(IMAPFraming.Limits limits, byte[] bytes, int... cuts) {
        return feed(limits, bytes, cuts).events;
    }

    static List<String> bytewise(IMAPFraming.Limits limits, byte[] bytes) {
        FramingHost host = new FramingHost(limits);
        for (byte b : bytes) {
            host.dataReceived(new byte[] {b});
        }
        return host.events;
    }

    @Override
    public void lineReceived(byte[] line) {
        this.framing.lineReceived(line);
    }

    @Override
    public void rawDataReceived(byte[] data) {
        this.framing.rawDataReceived(data);
    }

    @Override
    public void lineLengthExceeded(byte[] line) {
        this.framing.lineLengthExceeded(line);
    }

    @Override
    public void continuationRequested() {
        this.events.add("+");
    }

    @Override
    public void commandReceived(RawCommand command) {
        this.commands.add(command);
        this.events.add("command " + show(command));
        String text = new String(command.lines().get(0), StandardCharsets.ISO_8859_1);
        if (text.endsWith(" IDLE")) {
            this.framing.expectDone();
        }
        else if (text.contains(" AUTHENTICATE ")) {
            this.framing.expectAuthenticateResponse();
        }
    }

    @Override
    public void commandRejected(CommandTooLargeException rejection) {
        this.events.add("rejected " + rejection.tag() + " " + rejection.limit());
    }

    @Override
    public void doneReceived(boolean done) {
        this.events.add("done " + done);
    }

    @Override
    public void authenticateResponse(byte[] line) {
        this.events.add("response " + new String(line, StandardCharsets.ISO_8859_1));
    }

    /** The lines and literals of a command, literals in braces: {@code A1 LOGIN {alice} {secret}}. */
    static String show(RawCommand command) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < command.lines().size(); i++) {
            out.append(new String(command.lines().get(i), StandardCharsets.ISO_8859_1));
            if (i < command.literals().size()) {
                out.append('{').append(new String(command.literals().get(i), StandardCharsets.ISO_8859_1)).append('}');
            }
        }
        return out.toString();
    }
}
