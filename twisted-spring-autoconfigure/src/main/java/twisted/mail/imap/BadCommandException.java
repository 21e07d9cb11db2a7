package twisted.mail.imap;

/** A command that parsed but cannot be run as given: answered {@code BAD} with the message. */
final class BadCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadCommandException(String reason) {
        super(reason, null, false, false);
    }
}
