package twisted.mail.smtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads the body of {@code DATA} (RFC 5321 section 4.5.2), byte by byte, so the result never
 * depends on how the bytes were split.
 *
 * <p>A line ends at CR LF and nowhere else. The message ends only at a line that is exactly
 * {@code "."}: the bytes {@code CR LF . CR LF} (the first CR LF may be the one ending
 * {@code DATA}). A bare LF or a bare CR (one not part of CR LF) never ends a line nor the message:
 * it stays inside the line, so {@code \n.\r\n}, {@code \r.\n}, {@code .\n} and {@code \r\n.\n}
 * cannot end a message early (SMTP smuggling), and the message is marked
 * {@linkplain #bareLineEnding() refused}. A line that begins with a dot loses that dot.
 *
 * <p>After the first problem (bare CR or LF, a line longer than the limit, the message larger
 * than the limit) no more lines reach the sink; the reader keeps reading to the end.
 */
final class DataReader {

    private final int maxLineLength;

    private final long maxSize;

    private final Consumer<byte[]> sink;

    private byte[] line = new byte[128];

    /** Bytes of the current line seen (may exceed what is kept in {@link #line}). */
    private int lineLength;

    private boolean pendingCR;

    private long size;

    private boolean bareLineEnding;

    private boolean lineTooLong;

    private boolean tooBig;

    private boolean done;

    DataReader(int maxLineLength, long maxSize, Consumer<byte[]> sink) {
        this.maxLineLength = maxLineLength;
        this.maxSize = maxSize;
        this.sink = sink;
    }

    /**
     * Reads bytes until the end of the message.
     *
     * @return the index just after the terminating {@code CR LF . CR LF}, or -1 when all of
     *         {@code data} was read and the message goes on
     */
    int feed(byte[] data, int offset) {
        if (this.done) {
            throw new IllegalStateException("message already ended");
        }
        for (int i = offset; i < data.length; i++) {
            byte b = data[i];
            if (this.pendingCR) {
                this.pendingCR = false;
                if (b == '\n') {
                    if (endLine()) {
                        this.done = true;
                        return i + 1;
                    }
                    continue;
                }
                this.bareLineEnding = true;
                append((byte) '\r');
            }
            if (b == '\r') {
                this.pendingCR = true;
            }
            else {
                if (b == '\n') {
                    this.bareLineEnding = true;
                }
                append(b);
            }
        }
        return -1;
    }

    private void append(byte b) {
        this.lineLength++;
        if (this.lineLength > this.maxLineLength) {
            this.lineTooLong = true;
            return;
        }
        if (this.lineLength > this.line.length) {
            this.line = Arrays.copyOf(this.line, Math.min(this.line.length * 2, this.maxLineLength));
        }
        this.line[this.lineLength - 1] = b;
    }

    /** A CR LF ended the current line; returns whether it was the final {@code "."}. */
    private boolean endLine() {
        int length = this.lineLength;
        this.lineLength = 0;
        if (length == 1 && this.line[0] == '.') {
            return true;
        }
        if (length > this.maxLineLength) {
            return false;
        }
        int start = (length > 0 && this.line[0] == '.') ? 1 : 0;
        this.size += length - start + 2;
        if (this.size > this.maxSize) {
            this.tooBig = true;
        }
        if (!failed()) {
            this.sink.accept(Arrays.copyOfRange(this.line, start, length));
        }
        return false;
    }

    /** Whether the message will be refused: no more lines reach the sink. */
    boolean failed() {
        return this.bareLineEnding || this.lineTooLong || this.tooBig;
    }

    boolean bareLineEnding() {
        return this.bareLineEnding;
    }

    boolean lineTooLong() {
        return this.lineTooLong;
    }

    boolean tooBig() {
        return this.tooBig;
    }

    /** The message's size so far: unstuffed lines with CR LF each. */
    long size() {
        return this.size;
    }
}
