package twisted.mail;

import twisted.defer.Deferred;

/**
 * A store whose users have folders with flags and UIDs: what IMAP serves (RFC 3501 calls the
 * folders "mailboxes"). A user's INBOX is the same mailbox SMTP delivers to and POP3 reads
 * ({@link MailStore}); the other folders are IMAP's alone. Twisted: the realm of an IMAP
 * {@code IAccount}.
 *
 * <p>Called on the reactor thread; every Deferred fires on it. A store does its blocking work
 * (files, database) off the reactor thread.
 *
 * @since 0.1.0
 */
public interface FolderStore {

    /**
     * Opens a user's folders for one session, creating the INBOX if it is missing.
     *
     * @param user the user (the same name as the {@link MailStore} mailbox)
     * @return fires with the account; fails with {@link IllegalArgumentException} for a name the
     *         store refuses
     */
    Deferred<MailAccount> openAccount(String user);
}
