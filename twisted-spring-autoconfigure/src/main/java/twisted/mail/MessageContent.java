package twisted.mail;

import java.io.IOException;
import java.io.InputStream;

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
}
