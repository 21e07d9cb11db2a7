package twisted.mail.pop3;

/**
 * The server sent a line longer than {@link POP3ClientOptions#maxLineLength()}: the command being
 * answered fails with it and the connection is closed (the rest of the reply cannot be trusted).
 * Twisted: {@code pop3client.LineTooLong}.
 *
 * @since 0.1.0
 */
public class LineTooLong extends POP3ClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param limit the longest line allowed, in bytes without CR LF
     */
    public LineTooLong(int limit) {
        super("the server sent a line longer than the maximum of " + limit + " bytes; connection closed");
    }
}
