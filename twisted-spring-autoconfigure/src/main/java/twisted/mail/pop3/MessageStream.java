package twisted.mail.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A message on its way out for {@code RETR} or {@code TOP}: read in bounded chunks, byte-stuffed
 * (a line starting with {@code .} gets another), cut after the header and {@code k} body lines for
 * {@code TOP}, and ended with {@code CRLF.CRLF}. It holds one chunk at a time; the caller decides
 * when to ask for the next (when the transport is writable).
 */
final class MessageStream {

    private static final byte[] END = { '.', '\r', '\n' };

    private static final byte[] CRLF_END = { '\r', '\n', '.', '\r', '\n' };

    private final InputStream in;

    /** Body lines still to send for TOP, or -1 for the whole message. */
    private final int bodyLines;

    private final byte[] buffer;

    private boolean atLineStart = true;

    private boolean inBody;

    private int lineLength;

    private int bodySent;

    private int last = '\n';

    private boolean wroteAny;

    private boolean done;

    MessageStream(InputStream in, int bodyLines, int chunkSize) {
        this.in = in;
        this.bodyLines = bodyLines;
        this.buffer = new byte[chunkSize];
    }

    boolean isDone() {
        return this.done;
    }

    /**
     * The next piece to write: at most twice the chunk size (every byte stuffed) plus the end
     * marker. The last piece ends with the terminating {@code .CRLF}.
     */
    byte[] next() throws IOException {
        if (this.done) {
            return new byte[0];
        }
        int n = this.cut() ? -1 : this.in.read(this.buffer);
        if (n < 0) {
            return finish(new byte[0], 0);
        }
        byte[] out = new byte[2 * n];
        int o = 0;
        for (int i = 0; i < n; i++) {
            byte b = this.buffer[i];
            if (this.atLineStart && b == '.') {
                out[o++] = '.';
            }
            out[o++] = b;
            this.wroteAny = true;
            this.last = b;
            if (b == '\n') {
                this.atLineStart = true;
                if (!this.inBody) {
                    this.inBody = this.lineLength == 0;
                }
                else {
                    this.bodySent++;
                }
                this.lineLength = 0;
                if (cut()) {
                    return finish(out, o);
                }
            }
            else {
                this.atLineStart = false;
                if (b != '\r') {
                    this.lineLength++;
                }
            }
        }
        return Arrays.copyOf(out, o);
    }

    /** Whether TOP has sent all it should. */
    private boolean cut() {
        return this.bodyLines >= 0 && this.inBody && this.bodySent >= this.bodyLines;
    }

    private byte[] finish(byte[] out, int length) {
        this.done = true;
        close();
        byte[] end = (this.wroteAny && this.last != '\n') ? CRLF_END : END;
        byte[] piece = Arrays.copyOf(out, length + end.length);
        System.arraycopy(end, 0, piece, length, end.length);
        return piece;
    }

    void close() {
        try {
            this.in.close();
        }
        catch (IOException ex) {
            // nothing more to read from it either way
        }
    }
}
