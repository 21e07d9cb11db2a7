package twisted.mail;

import java.util.List;

/**
 * What a selected folder's session hears of changes made elsewhere: deliveries, appends, other
 * sessions' expunges and flag changes. Called on the reactor thread, in the order the changes
 * were made; never for the session's own operations (but for the copies a session makes into
 * its own folder, which it must number). Twisted:
 * {@code twisted.mail.interfaces.IMailboxIMAPListener}.
 *
 * @since 0.1.0
 */
public interface FolderListener {

    /**
     * Messages were added, in UID order.
     *
     * @param messages the new messages; {@code \Recent} on those this session is the first to see
     */
    void newMessages(List<MessageInfo> messages);

    /**
     * Messages were removed.
     *
     * @param uids their UIDs, ascending
     */
    void expunged(List<Long> uids);

    /**
     * Messages' flags changed.
     *
     * @param messages the messages, their flags as now
     */
    void flagsChanged(List<MessageInfo> messages);
}
