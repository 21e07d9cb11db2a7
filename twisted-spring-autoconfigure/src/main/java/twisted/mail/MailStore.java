package twisted.mail;

import twisted.defer.Deferred;

/**
 * Where mail is kept: SMTP delivers into it, POP3 (and IMAP, through {@link FolderStore}) read
 * from it. Maildir is the default implementation ({@code twisted.mail.maildir}); the PostgreSQL one
 * ({@code twisted.mail.postgres}, through R2DBC) serves several nodes from one database. Twisted: a domain's {@code exists(user)} message factory plus its realm's mailbox.
 *
 * @since 0.1.0
 */
public interface MailStore {

    /**
     * Whether a mailbox exists (a local user can receive mail).
     *
     * @param mailbox the mailbox's name: the user
     * @return {@code true} if {@link #newMessage} may be called for it
     */
    boolean exists(String mailbox);

    /**
     * Starts a message for a mailbox.
     *
     * @param mailbox the mailbox's name
     * @return the writer the message's lines go to
     */
    MessageWriter newMessage(String mailbox);

    /**
     * Opens a mailbox for one POP3 session. The store allows one open session per mailbox at a time
     * (RFC 1939's exclusive-access lock); the Deferred fails with {@link MailboxLockedException}
     * while another session has it, and the lock is released by {@link Mailbox#sync()} or by closing.
     *
     * @param mailbox the mailbox's name
     * @return fires with the mailbox, listed as it is now
     */
    Deferred<OpenMailbox> openMailbox(String mailbox);

    /**
     * A mailbox opened for one session, with the way to give it back.
     *
     * @param mailbox the mailbox
     * @param release releases the session's lock without applying deletions (a session cut
     *        without {@code QUIT})
     */
    record OpenMailbox(Mailbox mailbox, Runnable release) {
    }
}
