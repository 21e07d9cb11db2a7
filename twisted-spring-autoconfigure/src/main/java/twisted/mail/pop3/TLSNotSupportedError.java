package twisted.mail.pop3;

/**
 * {@link POP3Client#startTLS} was called but the server's {@code CAPA} does not list
 * {@code STLS}; the connection stays in plain text (and {@link POP3Client#login} then refuses to
 * send a password, unless allowed). Twisted: {@code pop3client.TLSNotSupportedError}.
 *
 * @since 0.1.0
 */
public class TLSNotSupportedError extends POP3ClientError {

    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public TLSNotSupportedError() {
        super("the server does not offer STLS");
    }
}
