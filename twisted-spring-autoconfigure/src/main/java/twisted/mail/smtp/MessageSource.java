package twisted.mail.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A message to send, known before {@code MAIL}: its size on the wire (CR LF line ends, without
 * dot-stuffing: what {@code SIZE=} declares), whether it has 8-bit bytes ({@code BODY=8BITMIME}),
 * and how to read it. A file is scanned once for the first two (off the reactor thread) and read
 * again, in chunks, while it is sent.
 */
record MessageSource(long size, boolean eightBit, Opener opener) {

    /** Opens the message's bytes, as they are (not yet normalised). */
    interface Opener {
        InputStream open() throws IOException;
    }

    static MessageSource of(byte[] message) {
        byte[] copy = message.clone();
        DataEncoder scan = new DataEncoder();
        scan.measure(copy, 0, copy.length);
        return new MessageSource(scan.measuredSize(), scan.sawEightBit(), () -> new ByteArrayInputStream(copy));
    }

    /** Blocks: reads the whole file once. */
    static MessageSource scan(Path file) throws IOException {
        DataEncoder scan = new DataEncoder();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                scan.measure(buffer, 0, n);
            }
        }
        return new MessageSource(scan.measuredSize(), scan.sawEightBit(), () -> Files.newInputStream(file));
    }
}
