package twisted.mail.pop3;

/**
 * {@link POP3Client#login} or {@link POP3Client#password} would have sent a password over a
 * connection that is not encrypted, and {@link POP3ClientOptions#allowInsecureLogin()} is off:
 * nothing was sent. Call {@link POP3Client#startTLS} first. Twisted:
 * {@code pop3client.InsecureAuthenticationDisallowed}.
 *
 * @since 0.1.0
 */
public class InsecureAuthenticationDisallowed extends POP3ClientError {

    private static final long serialVersionUID = 1L;

    /** Creates the error. */
    public InsecureAuthenticationDisallowed() {
        super("refusing to send a password over a connection without TLS; call startTLS first, "
                + "or allow insecure logins on purpose");
    }
}
