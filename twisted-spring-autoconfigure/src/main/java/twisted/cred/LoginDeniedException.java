package twisted.cred;

/**
 * The credentials are right but the login is refused anyway: the account is locked, disabled or
 * expired, or the realm will not serve this user.
 *
 * <p>Twisted: {@code twisted.cred.error.LoginDenied}.
 *
 * @since 0.1.0
 */
public class LoginDeniedException extends LoginFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why, without secrets
     */
    public LoginDeniedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message why, without secrets
     * @param cause the error behind it, such as a Spring Security {@code LockedException}
     */
    public LoginDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
