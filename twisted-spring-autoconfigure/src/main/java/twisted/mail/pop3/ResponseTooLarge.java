package twisted.mail.pop3;

/**
 * A multi-line reply (a message for {@code RETR} or {@code TOP}, a listing, the capabilities)
 * grew past its limit in {@link POP3ClientOptions}: the command fails with it and the connection
 * is closed, since the rest of the reply would have to be read and thrown away. Not in Twisted,
 * whose client reads replies of any size.
 *
 * @since 0.1.0
 */
public class ResponseTooLarge extends POP3ClientError {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param command the command's keyword
     * @param limit the limit broken, in bytes
     */
    public ResponseTooLarge(String command, long limit) {
        super("the reply to " + command + " exceeds the maximum of " + limit + " bytes; connection closed");
    }
}
