package twisted.conch.checkers;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import twisted.defer.Deferred;

/**
 * Users' public keys held in memory, as given, for example from properties. Twisted:
 * {@code twisted.conch.checkers.InMemorySSHKeyDB}.
 *
 * @since 0.1.0
 */
public final class InMemorySSHKeyDB implements AuthorizedKeys {

    private final Map<String, List<PublicKey>> keys;

    /**
     * Holds the given keys.
     *
     * @param keys each user's keys
     */
    public InMemorySSHKeyDB(Map<String, List<PublicKey>> keys) {
        Map<String, List<PublicKey>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(keys, "keys").forEach((user, list) -> copy.put(user, List.copyOf(list)));
        this.keys = Map.copyOf(copy);
    }

    /**
     * Parses each user's keys from {@code authorized_keys} lines ({@code ssh-ed25519 AAAA... comment},
     * options allowed and ignored).
     *
     * @param lines each user's key lines
     * @return the key database
     * @throws IllegalArgumentException naming the user and line number of a line that is not a key
     */
    public static InMemorySSHKeyDB parse(Map<String, List<String>> lines) {
        Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        lines.forEach((user, userLines) -> {
            List<PublicKey> parsed = new ArrayList<>();
            for (int i = 0; i < userLines.size(); i++) {
                parsed.add(parseKey(userLines.get(i), "key " + (i + 1) + " of user " + user));
            }
            keys.put(user, parsed);
        });
        return new InMemorySSHKeyDB(keys);
    }

    static PublicKey parseKey(String line, String what) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
            PublicKey key = (entry != null) ? entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING) : null;
            if (key == null) {
                throw new IllegalArgumentException(what + " is not an SSH public key");
            }
            return key;
        }
        catch (IOException | GeneralSecurityException | RuntimeException ex) {
            if (ex instanceof IllegalArgumentException illegal && illegal.getMessage().startsWith(what)) {
                throw illegal;
            }
            throw new IllegalArgumentException(what + " is not an SSH public key this server reads", ex);
        }
    }

    @Override
    public Deferred<List<PublicKey>> getAuthorizedKeys(String username) {
        return Deferred.succeed(this.keys.getOrDefault(username, List.of()));
    }

    @Override
    public String toString() {
        return "InMemorySSHKeyDB" + this.keys.keySet();
    }
}
