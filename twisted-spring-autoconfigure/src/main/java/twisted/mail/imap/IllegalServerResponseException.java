package twisted.mail.imap;

/**
 * The IMAP server sent something {@link IMAP4Client} cannot read: a malformed response, or one
 * that breaks a limit of its {@link IMAPClientOptions} (line length, literal size, nesting depth,
 * response size). The client closes the connection when it happens; the command waiting for the
 * response fails with this exception and every other outstanding one with a
 * {@code ConnectionLostException} caused by it. Twisted: {@code IllegalServerResponse}.
 *
 * @since 0.1.0
 */
public class IllegalServerResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with this reason.
     *
     * @param message what was wrong, with the limit broken when there is one
     */
    public IllegalServerResponseException(String message) {
        super(message);
    }
}
