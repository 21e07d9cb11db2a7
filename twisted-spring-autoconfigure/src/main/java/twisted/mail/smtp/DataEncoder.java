package twisted.mail.smtp;

import java.util.Arrays;

/**
 * Turns a message's bytes into what {@code DATA} carries (RFC 5321 sections 2.3.8 and 4.5.2): every
 * line ends with CR LF (a bare CR, a bare LF are each made a CR LF), a line starting with {@code .}
 * gets another, a message not ending with a line end gets one, and {@code . CR LF} ends it. So the
 * bytes this client sends can hold no {@code CR LF . CR LF} before the end and no bare CR or LF at
 * all: nothing a server could read as an early end (SMTP smuggling). Works on any cut of the input:
 * the state between chunks is kept here.
 */
final class DataEncoder {

    private static final byte[] END = { '.', '\r', '\n' };

    private static final byte[] CRLF_END = { '\r', '\n', '.', '\r', '\n' };

    private boolean lineStart = true;

    private boolean pendingCr;

    private long measured;

    private boolean eightBit;

    /**
     * Encodes the next chunk.
     *
     * @return the bytes to send; at most {@code 3 * length + 2} of them
     */
    byte[] encode(byte[] data, int offset, int length) {
        byte[] out = new byte[3 * length + 2];
        int o = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (this.pendingCr) {
                this.pendingCr = false;
                out[o++] = '\r';
                out[o++] = '\n';
                this.lineStart = true;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\r') {
                this.pendingCr = true;
            }
            else if (b == '\n') {
                out[o++] = '\r';
                out[o++] = '\n';
                this.lineStart = true;
            }
            else {
                if (this.lineStart && b == '.') {
                    out[o++] = '.';
                }
                out[o++] = b;
                this.lineStart = false;
            }
        }
        return Arrays.copyOf(out, o);
    }

    /**
     * The end: a pending CR as a line end, a line end if the message does not end with one, then
     * {@code . CR LF}.
     *
     * @return the last bytes to send
     */
    byte[] finish() {
        boolean needLineEnd = this.pendingCr || !this.lineStart;
        this.pendingCr = false;
        this.lineStart = true;
        return needLineEnd ? CRLF_END.clone() : END.clone();
    }

    /** Counts the size the encoding has without stuffing and end marker, and notes 8-bit bytes. */
    void measure(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b < 0) {
                this.eightBit = true;
            }
            if (this.pendingCr) {
                this.pendingCr = false;
                this.measured += 2;
                this.lineStart = true;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\r') {
                this.pendingCr = true;
            }
            else if (b == '\n') {
                this.measured += 2;
                this.lineStart = true;
            }
            else {
                this.measured++;
                this.lineStart = false;
            }
        }
    }

    /** The size measured so far, with the final line end the encoding adds. */
    long measuredSize() {
        return this.measured + ((this.pendingCr || !this.lineStart) ? 2 : 0);
    }

    boolean sawEightBit() {
        return this.eightBit;
    }
}
