package twisted.cred;

/**
 * The credentials are wrong: unknown user, wrong password, unacceptable key. Checkers use the same
 * message for an unknown user and a wrong password, so that the answer does not tell an attacker
 * which usernames exist.
 *
 * <p>Twisted: {@code twisted.cred.error.UnauthorizedLogin}.
 *
 * @since 0.1.0
 */
public class UnauthorizedLoginException extends LoginFailedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message every password checker here uses. */
    public UnauthorizedLoginException() {
        this("invalid username or password");
    }

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without secrets
     */
    public UnauthorizedLoginException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what was wrong, without secrets
     * @param cause the error behind it
     */
    public UnauthorizedLoginException(String message, Throwable cause) {
        super(message, cause);
    }
}
