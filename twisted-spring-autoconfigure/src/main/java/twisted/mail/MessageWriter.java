package twisted.mail;

import twisted.defer.Deferred;

/**
 * One message being received for one recipient, line by line: what SMTP's {@code DATA} writes
 * into. Twisted: {@code twisted.mail.interfaces.IMessageSMTP} ({@code IMessage}).
 *
 * <p>Called on the reactor thread. An implementation must not block it: a store that writes to
 * disk buffers or hands the writes to a thread, and does its durable work (fsync) off the
 * reactor thread before firing {@link #eomReceived()}'s Deferred.
 *
 * @since 0.1.0
 */
public interface MessageWriter {

    /**
     * One line of the message, already dot-unstuffed, without its line ending; the store writes
     * it followed by CR LF.
     *
     * @param line the line's bytes, owned by the writer from now on
     */
    void lineReceived(byte[] line);

    /**
     * The message is complete. The Deferred fires once the message is stored durably (for
     * Maildir: written, fsynced, renamed into {@code new}, directory fsynced); only then may SMTP
     * answer {@code 250}. It fails if the message could not be stored.
     *
     * @return fires when stored
     */
    Deferred<MessageReceipt> eomReceived();

    /**
     * The message will not complete (the connection was lost, the size limit was passed, RSET):
     * drop what was written, leaving nothing behind.
     */
    void connectionLost();
}
