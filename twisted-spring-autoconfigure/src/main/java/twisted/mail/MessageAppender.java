package twisted.mail;

import twisted.defer.Deferred;

/**
 * One message being added to a folder by {@code APPEND}: its bytes as the client sends them (the
 * literal, CR LF line endings), in chunks. Like {@link MessageWriter}, it does its blocking and
 * durable work off the reactor thread.
 *
 * @since 0.1.0
 */
public interface MessageAppender {

    /**
     * The next bytes of the message.
     *
     * @param chunk the bytes, owned by the appender from now on
     */
    void write(byte[] chunk);

    /**
     * The message is complete. Fires once it is stored durably, with its UID.
     *
     * @return fires with the folder's UID validity and the message's UID ({@code APPENDUID})
     */
    Deferred<CopyResult> finish();

    /** The message will not complete: drop what was written, leaving nothing behind. */
    void abort();
}
