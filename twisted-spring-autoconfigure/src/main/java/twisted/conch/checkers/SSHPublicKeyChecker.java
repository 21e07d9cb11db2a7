package twisted.conch.checkers;

import java.security.PublicKey;
import java.util.List;
import java.util.Objects;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

import twisted.cred.Credentials;
import twisted.cred.CredentialsChecker;
import twisted.cred.SSHPrivateKey;
import twisted.cred.UnauthorizedLoginException;
import twisted.defer.Deferred;

/**
 * Checks {@link SSHPrivateKey} credentials: the key must be one of the user's
 * {@link AuthorizedKeys}, and the signature must verify over the data it covers (with MINA
 * SSHD's signature algorithms). Unsigned credentials (a client asking whether a key would do)
 * never log in. Every refusal says the same, so it tells nothing of which users or keys exist.
 *
 * <p>Twisted: {@code twisted.conch.checkers.SSHPublicKeyChecker}.
 *
 * @since 0.1.0
 */
public final class SSHPublicKeyChecker implements CredentialsChecker {

    private static final String REFUSED = "public key refused";

    private final AuthorizedKeys keys;

    /**
     * Creates the checker.
     *
     * @param keys where users' keys are kept
     */
    public SSHPublicKeyChecker(AuthorizedKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public List<Class<?>> credentialInterfaces() {
        return List.of(SSHPrivateKey.class);
    }

    @Override
    public Deferred<String> requestAvatarId(Credentials credentials) {
        if (!(credentials instanceof SSHPrivateKey key) || !key.isSigned() || key.getUsername().isEmpty()) {
            return Deferred.fail(new UnauthorizedLoginException(REFUSED));
        }
        PublicKey offered;
        try {
            offered = new ByteArrayBuffer(key.getBlob()).getRawPublicKey();
        }
        catch (RuntimeException | org.apache.sshd.common.SshException ex) {
            return Deferred.fail(new UnauthorizedLoginException(REFUSED));
        }
        return this.keys.getAuthorizedKeys(key.getUsername()).thenApply(authorized -> {
            boolean listed = authorized.stream().anyMatch(k -> KeyUtils.compareKeys(k, offered));
            if (!listed || !verifies(key, offered)) {
                throw new UnauthorizedLoginException(REFUSED);
            }
            return key.getUsername();
        });
    }

    private static boolean verifies(SSHPrivateKey key, PublicKey offered) {
        Signature verifier = NamedFactory.create(BuiltinSignatures.VALUES, key.getAlgorithm());
        if (verifier == null) {
            return false;
        }
        try {
            verifier.initVerifier(null, offered);
            byte[] data = Objects.requireNonNull(key.getSigData());
            verifier.update(null, data);
            return verifier.verify(null, Objects.requireNonNull(key.getSignature()));
        }
        catch (Exception ex) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SSHPublicKeyChecker[" + this.keys + "]";
    }
}
