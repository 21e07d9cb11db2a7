package twisted.mail;

/**
 * A folder operation refused for a reason IMAP names in its response codes (RFC 5530).
 *
 * @since 0.1.0
 */
public class FolderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message a short explanation for the client, with no secret in it
     */
    public FolderException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Why the operation was refused.
     *
     * @return the reason
     */
    public Reason getReason() {
        return this.reason;
    }

    /** The reasons, each with its IMAP response code. */
    public enum Reason {
        /** No such folder or message ({@code NONEXISTENT}; {@code TRYCREATE} for a target). */
        NONEXISTENT,
        /** The folder exists already ({@code ALREADYEXISTS}). */
        ALREADY_EXISTS,
        /** Not possible for this folder or name ({@code CANNOT}). */
        CANNOT,
        /** Another session is using it ({@code INUSE}). */
        IN_USE,
        /** A limit of the store was reached ({@code LIMIT}). */
        LIMIT
    }
}
