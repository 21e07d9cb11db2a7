package twisted.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import twisted.defer.Deferred;

/**
 * A user's mailbox as POP3 sees it (RFC 1939): a numbered, fixed list of messages for the length
 * of a session, deletions marked during the session and applied only by {@link #sync()}, which the
 * server calls in the UPDATE state after {@code QUIT}. Twisted: {@code twisted.mail.pop3.IMailbox}
 * (whose Maildir implementation deletes at once; this contract does not).
 *
 * <p>Methods other than {@link #sync()} are cheap and may run on the reactor thread (a store reads
 * its listing when the mailbox is opened); message contents are read through a stream the server
 * reads off the reactor thread or in bounded chunks.
 *
 * @since 0.1.0
 */
public interface Mailbox {

    /**
     * The messages, in order, for this session: index {@code i} is POP3 message number
     * {@code i + 1}. Deleted messages stay in the list (their entries keep their numbers).
     *
     * @return each message's size in bytes (as sent: CR LF line endings)
     */
    List<Long> listMessages();

    /**
     * A message's unique id, stable across sessions ({@code UIDL}).
     *
     * @param index from 0
     * @return the id: printable ASCII, at most 70 characters
     */
    String getUidl(int index);

    /**
     * Opens a message's content (headers and body, CR LF line endings).
     *
     * @param index from 0
     * @return a stream the caller closes
     * @throws IOException if it cannot be read
     */
    InputStream getMessage(int index) throws IOException;

    /**
     * Opens a message's content without blocking the reactor thread: what the POP3 server calls.
     * The default wraps {@link #getMessage}, for stores whose reads are cheap (local files); a
     * store on a network (a database) reads the message first and fires when it has it.
     *
     * @param index from 0
     * @return fires on the reactor thread with a stream the caller closes; fails if it cannot be read
     * @since 0.1.0
     */
    default Deferred<InputStream> openMessage(int index) {
        try {
            return Deferred.succeed(getMessage(index));
        }
        catch (IOException | RuntimeException ex) {
            return Deferred.fail(ex);
        }
    }

    /**
     * Marks a message deleted for this session.
     *
     * @param index from 0
     */
    void deleteMessage(int index);

    /**
     * Whether a message is marked deleted.
     *
     * @param index from 0
     * @return {@code true} once {@link #deleteMessage} marked it (and no {@link #undeleteMessages} since)
     */
    boolean isDeleted(int index);

    /** Unmarks every message marked deleted ({@code RSET}). */
    void undeleteMessages();

    /**
     * Applies the deletions marked in this session (the UPDATE state, after {@code QUIT}). A
     * session that ends any other way never calls it, so it deletes nothing.
     *
     * @return fires once the deletions are done
     */
    Deferred<Void> sync();
}
