package twisted.cred;

/**
 * The credentials of someone who does not say who they are. Only a checker that handles them,
 * such as {@link AllowAnonymousAccess}, lets them in; a portal without one answers
 * {@link UnhandledCredentialsException}.
 *
 * <p>Twisted: {@code twisted.cred.credentials.Anonymous}.
 *
 * @since 0.1.0
 */
public record Anonymous() implements Credentials {
}
