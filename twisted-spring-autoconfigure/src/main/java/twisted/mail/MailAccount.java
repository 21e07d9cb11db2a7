package twisted.mail;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;

/**
 * One user's folders, as one IMAP session sees them. Folder names are full names with
 * {@link #delimiter()} between levels; {@code INBOX} (any case) is the folder mail is delivered
 * to. Operations that fail for a reason IMAP names fail with a {@link FolderException}. Twisted:
 * {@code twisted.mail.interfaces.IAccountIMAP}.
 *
 * <p>Called on the reactor thread; every Deferred fires on it.
 *
 * @since 0.1.0
 */
public interface MailAccount {

    /**
     * The hierarchy delimiter in folder names, as {@code LIST} reports it.
     *
     * @return the delimiter
     */
    char delimiter();

    /**
     * Every folder of the account, INBOX included, with its attributes ({@code \HasChildren},
     * {@code \HasNoChildren}, {@code \Noselect}, special-use attributes such as {@code \Sent}).
     * The IMAP server matches {@code LIST} patterns against this list.
     *
     * @return fires with the folders, in no particular order
     */
    Deferred<List<FolderInfo>> listFolders();

    /**
     * Creates a folder. The levels above it that are missing are created too, or, in a layout
     * with no place for an empty level (Maildir++, as Dovecot keeps it), listed as
     * {@code \Noselect} for as long as they have children (RFC 3501 6.3.3 and 6.3.8 allow both).
     *
     * @param name the full name
     * @return fires once created; fails with {@link FolderException.Reason#ALREADY_EXISTS} or
     *         {@link FolderException.Reason#CANNOT} (a name the store refuses)
     */
    Deferred<Void> create(String name);

    /**
     * Deletes a folder and its messages. INBOX cannot be deleted; a folder with children keeps
     * existing as {@code \Noselect} (RFC 3501 6.3.4).
     *
     * @param name the full name
     * @return fires once deleted; fails with {@link FolderException.Reason#NONEXISTENT},
     *         {@link FolderException.Reason#CANNOT} or {@link FolderException.Reason#IN_USE}
     */
    Deferred<Void> delete(String name);

    /**
     * Renames a folder and its children. Renaming INBOX moves its messages into a new folder and
     * leaves INBOX empty (RFC 3501 6.3.5).
     *
     * @param from the current full name
     * @param to the new full name
     * @return fires once renamed; fails with {@link FolderException.Reason#NONEXISTENT},
     *         {@link FolderException.Reason#ALREADY_EXISTS}, or {@link FolderException.Reason#IN_USE}
     *         (a store may refuse to rename a folder another session has selected)
     */
    Deferred<Void> rename(String from, String to);

    /**
     * The folders the user subscribed to ({@code LSUB}); a subscription may name a folder that no
     * longer exists.
     *
     * @return fires with the names
     */
    Deferred<Set<String>> subscriptions();

    /**
     * Adds a subscription.
     *
     * @param name the full name
     * @return fires once stored
     */
    Deferred<Void> subscribe(String name);

    /**
     * Removes a subscription.
     *
     * @param name the full name
     * @return fires once stored
     */
    Deferred<Void> unsubscribe(String name);

    /**
     * A folder's counts without selecting it ({@code STATUS}).
     *
     * @param name the full name
     * @return fires with the status; fails with {@link FolderException.Reason#NONEXISTENT}
     */
    Deferred<FolderStatus> status(String name);

    /**
     * Opens a folder for a session ({@code SELECT}, {@code EXAMINE}). The session sees the
     * folder as it is now ({@link FolderSession#messages()}) and learns of every later change
     * made by others through the listener.
     *
     * @param name the full name
     * @param readOnly whether the session may change nothing ({@code EXAMINE}); a read-only
     *        session takes no {@code \Recent} flags
     * @param listener told of the changes other sessions and deliveries make
     * @return fires with the session; fails with {@link FolderException.Reason#NONEXISTENT}
     */
    Deferred<FolderSession> select(String name, boolean readOnly, FolderListener listener);

    /**
     * Starts adding a message to a folder ({@code APPEND}); the server checks the folder first,
     * before it asks the client for the message.
     *
     * @param name the full name
     * @param flags the flags the message gets ({@code \Recent} is not one)
     * @param internalDate its internal date, or {@code null} for now
     * @return fires with the appender; fails with {@link FolderException.Reason#NONEXISTENT}
     *         (IMAP's {@code TRYCREATE})
     */
    Deferred<MessageAppender> append(String name, Set<String> flags, @Nullable Instant internalDate);

    /** Ends the account's session: closes its folder sessions. Closing twice does nothing. */
    void close();
}
