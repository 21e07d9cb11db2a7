package twisted.mail;

/**
 * Another session has the mailbox open (RFC 1939: "-ERR maildrop already locked").
 *
 * @since 0.1.0
 */
public class MailboxLockedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param mailbox the mailbox
     */
    public MailboxLockedException(String mailbox) {
        super("mailbox " + mailbox + " is already open in another session");
    }
}
