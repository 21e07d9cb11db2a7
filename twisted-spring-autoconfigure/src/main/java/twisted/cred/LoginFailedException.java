package twisted.cred;

/**
 * A login did not succeed. Protocols catch this one type to answer "login failed" in their own
 * terms, and let anything else through as an internal error. Subclasses say why:
 * {@link UnauthorizedLoginException} (wrong credentials), {@link LoginDeniedException} (right
 * credentials, but refused), {@link UnhandledCredentialsException} (nobody can check this kind of
 * credentials) and {@link LoginThrottledException} (too many failures, not even checked).
 *
 * <p>Messages never contain a password or key.
 *
 * <p>Twisted: {@code twisted.cred.error.LoginFailed}.
 *
 * @since 0.1.0
 */
public class LoginFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without secrets
     */
    public LoginFailedException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what failed, without secrets
     * @param cause the error behind it, such as a Spring Security {@code AuthenticationException}
     */
    public LoginFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
