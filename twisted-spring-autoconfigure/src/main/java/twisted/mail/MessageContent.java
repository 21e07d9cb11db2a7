package twisted.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A stored message's bytes: headers and body with CR LF line endings, as received.
 *
 * @since 0.1.0
 */
public interface MessageContent {

    /**
     * The size in bytes.
     *
     * @return the size
     */
    long size();

    /**
     * Opens the bytes. Blocks on the store: call it off the reactor thread.
     *
     * @return a stream the caller closes
     * @throws IOException if it cannot be read (the message was expunged meanwhile, say)
     */
    InputStream open() throws IOException;

    /**
     * A message already read into memory, for a store that reads a message's bytes before it
     * hands them out (one from a database, say): its {@link #open()} never blocks and reads the
     * bytes from the start each time.
     *
     * @param bytes the message; not copied, so do not change them afterwards
     * @return the content
     * @since 0.1.0
     */
    static MessageContent of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
