package twisted.mail;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * A folder selected by one IMAP session. The session starts from {@link #messages()} and keeps its
 * own numbering; changes by other sessions and deliveries reach it through its
 * {@link FolderListener}, so the IMAP server reports them at the moments RFC 3501 allows. The
 * session's own changes are answered through the Deferreds and are not echoed to its listener.
 * Twisted: {@code twisted.mail.interfaces.IMailboxIMAP}.
 *
 * <p>Messages are named by UID. An operation on a UID another session expunged skips it. Called on
 * the reactor thread; every Deferred fires on it.
 *
 * @since 0.1.0
 */
public interface FolderSession {

    /**
     * The folder's full name.
     *
     * @return the name
     */
    String name();

    /**
     * Whether the session may change nothing ({@code EXAMINE}).
     *
     * @return {@code true} when read-only
     */
    boolean isReadOnly();

    /**
     * The folder's UID validity.
     *
     * @return the value; it changes only when UIDs are reassigned
     */
    long uidValidity();

    /**
     * The UID the next message will get, as at selection.
     *
     * @return the value
     */
    long uidNext();

    /**
     * The messages at selection, in UID order; those this session is the first to see carry
     * {@code \Recent}.
     *
     * @return the messages
     */
    List<MessageInfo> messages();

    /**
     * The keywords in use in the folder, for the {@code FLAGS} response.
     *
     * @return the keywords
     */
    Set<String> keywords();

    /**
     * Opens a message's content.
     *
     * @param uid the message
     * @return fires with its content; fails with {@link FolderException.Reason#NONEXISTENT} once
     *         it is expunged
     */
    Deferred<MessageContent> content(long uid);

    /**
     * Changes messages' flags ({@code STORE}, and {@code \Seen} set by a {@code FETCH}).
     *
     * @param uids the messages
     * @param change what to add, remove or replace
     * @return fires with the messages changed, their flags as now; fails with
     *         {@link FolderException.Reason#CANNOT} on a read-only session
     */
    Deferred<List<MessageInfo>> store(Collection<Long> uids, FlagChange change);

    /**
     * Removes the messages flagged {@code \Deleted} ({@code EXPUNGE}, {@code CLOSE}).
     *
     * @param uids only these ({@code UID EXPUNGE}), or {@code null} for all
     * @return fires with the UIDs removed, ascending
     */
    Deferred<List<Long>> expunge(@Nullable Collection<Long> uids);

    /**
     * Copies messages to another folder ({@code COPY}); their flags go with them, with
     * {@code \Recent} set there. A copy into this session's own folder reaches this session's
     * listener too ({@link FolderListener#newMessages}): its numbering must grow by the copies.
     *
     * @param uids the messages
     * @param target the other folder's full name
     * @return fires with the UIDs given; fails with {@link FolderException.Reason#NONEXISTENT}
     *         ({@code TRYCREATE})
     */
    Deferred<CopyResult> copy(Collection<Long> uids, String target);

    /**
     * Moves messages to another folder ({@code MOVE}, RFC 6851): a copy, then the originals
     * removed from this folder as an expunge would.
     *
     * @param uids the messages
     * @param target the other folder's full name
     * @return fires with the UIDs given; the source UIDs are the ones removed
     */
    Deferred<CopyResult> move(Collection<Long> uids, String target);

    /** Ends the session: its listener hears nothing more. Closing twice does nothing. */
    void close();
}
