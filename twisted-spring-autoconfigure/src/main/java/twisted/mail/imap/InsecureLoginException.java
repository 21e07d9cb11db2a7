package twisted.mail.imap;

/**
 * {@link IMAP4Client} refused to send a password over a connection without TLS; nothing was sent.
 * Call {@link IMAP4Client#startTLS} first, or allow it on purpose with
 * {@link IMAPClientOptions#withAllowInsecureLogin(boolean)}.
 *
 * @since 0.1.0
 */
public class InsecureLoginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The exception. */
    public InsecureLoginException() {
        super("refusing to send a password without TLS (start TLS first, or allow insecure logins)");
    }
}
