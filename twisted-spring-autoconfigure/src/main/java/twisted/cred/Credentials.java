package twisted.cred;

/**
 * Something a client presents to prove who it is: a {@link UsernamePassword}, {@link Anonymous},
 * an {@link SSHPrivateKey}. A {@link Portal} picks the checker by the credentials' type, so a new
 * kind of proof is a new class (or interface) implementing this one.
 *
 * <p>Implementations must keep their secrets out of {@code toString()}: credentials reach log
 * lines at DEBUG level.
 *
 * <p>Twisted: {@code ICredentials}.
 *
 * @since 0.1.0
 */
public interface Credentials {
}
