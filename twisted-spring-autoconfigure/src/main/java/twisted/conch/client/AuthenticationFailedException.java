package twisted.conch.client;

import twisted.cred.UnauthorizedLoginException;

/**
 * The server accepted none of the client's credentials (keys, password). The message names the
 * user and the server, never a secret.
 *
 * <p>Twisted: {@code twisted.conch.endpoints.AuthenticationFailed}.
 *
 * @since 0.1.0
 */
public class AuthenticationFailedException extends UnauthorizedLoginException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message who could not log in where
     */
    public AuthenticationFailedException(String message) {
        super(message);
    }
}
