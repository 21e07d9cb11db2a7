package twisted.conch.manhole;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What a session's snippets print to their {@code out} variable, kept until the interpreter
 * shows it after the evaluation, up to a limit past which the rest is dropped with a note.
 * Snippets may print from any thread.
 */
final class SessionOutput extends OutputStream {

    private final int limit;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private long dropped;

    private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    SessionOutput(int limit) {
        this.limit = limit;
    }

    PrintStream stream() {
        return this.stream;
    }

    @Override
    public synchronized void write(int b) {
        if (this.buffer.size() < this.limit) {
            this.buffer.write(b);
        }
        else {
            this.dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int room = Math.max(0, Math.min(length, this.limit - this.buffer.size()));
        this.buffer.write(bytes, offset, room);
        this.dropped += length - room;
    }

    /** What was printed since the last call, with a note when some was dropped. */
    synchronized String drain() {
        String text = this.buffer.toString(StandardCharsets.UTF_8);
        if (this.dropped > 0) {
            text += (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "|  (" + this.dropped
                    + " more bytes of output dropped: the limit is " + this.limit + " bytes per evaluation)\n";
        }
        this.buffer.reset();
        this.dropped = 0;
        return text;
    }
}
