package twisted.cred;

/**
 * No checker registered with the portal handles this kind of credentials: for example
 * {@link Anonymous} on a portal without {@link AllowAnonymousAccess}.
 *
 * <p>Twisted: {@code twisted.cred.error.UnhandledCredentials}.
 *
 * @since 0.1.0
 */
public class UnhandledCredentialsException extends LoginFailedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which credentials type, and which types the portal handles
     */
    public UnhandledCredentialsException(String message) {
        super(message);
    }

    /**
     * The failure of a checker given credentials of a type it does not handle.
     *
     * @param checker the checker
     * @param handled the credentials type it handles
     * @param given the credentials it was given
     * @return the exception, naming both types
     */
    public static UnhandledCredentialsException of(Object checker, Class<?> handled, Credentials given) {
        return new UnhandledCredentialsException(checker.getClass().getSimpleName() + " handles " + handled.getSimpleName()
                + ", not " + given.getClass().getName());
    }
}
