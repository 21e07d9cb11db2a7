package twisted.conch.checkers;

import java.security.PublicKey;
import java.util.List;

import twisted.defer.Deferred;

/**
 * Where a user's SSH public keys are kept: an {@code authorized_keys} file per user
 * ({@link AuthorizedKeysFiles}), keys set in properties ({@link InMemorySSHKeyDB}), or an
 * application's own user store (a database, a directory) as a bean of this type.
 *
 * <p>Twisted: {@code twisted.conch.checkers.IAuthorizedKeysDB}.
 *
 * @since 0.1.0
 */
public interface AuthorizedKeys {

    /**
     * The keys that may log {@code username} in.
     *
     * @param username the user, as the client named it
     * @return a Deferred of the keys, empty for an unknown user; it fires on the reactor thread
     */
    Deferred<List<PublicKey>> getAuthorizedKeys(String username);
}
