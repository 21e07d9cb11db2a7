package twisted.mail.pop3;

/**
 * Why a {@link POP3Client} command failed on the client's side of the protocol: a reply that is
 * not POP3, a limit broken, a request the client refuses to make. A {@code -ERR} from the server
 * is the subclass {@link ServerErrorResponse}. Twisted: {@code pop3client.POP3ClientError}.
 *
 * @since 0.1.0
 */
public class POP3ClientError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what went wrong; never a password
     */
    public POP3ClientError(String message) {
        super(message);
    }
}
