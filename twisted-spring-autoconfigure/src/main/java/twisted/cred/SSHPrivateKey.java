package twisted.cred;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Proof of holding a private key: the public key, and a signature made with the private one over
 * data the SSH server chose. Without a signature it is a question, "would this key be
 * acceptable?", which SSH clients ask before they sign (RFC 4252, section 7); a checker must answer
 * it without logging the user in.
 *
 * <p>The byte arrays are copied in and out, so instances are immutable and safe to share between
 * threads. {@link #toString()} shows the username and algorithm, never the key or the signature.
 *
 * <p>Twisted: {@code twisted.cred.credentials.SSHPrivateKey} ({@code ISSHPrivateKey}).
 *
 * @since 0.1.0
 */
public final class SSHPrivateKey implements Credentials {

    private final String username;

    private final String algorithm;

    private final byte[] blob;

    private final byte @Nullable [] sigData;

    private final byte @Nullable [] signature;

    /**
     * Creates the credentials.
     *
     * @param username who the client says it is
     * @param algorithm the key's algorithm name, such as {@code ssh-ed25519} (Twisted: {@code algName})
     * @param blob the public key in SSH wire format
     * @param sigData the data the signature covers, or {@code null} with no signature
     * @param signature the signature, or {@code null} to ask whether the key is acceptable
     * @throws IllegalArgumentException when there is a signature but no data it covers
     */
    public SSHPrivateKey(String username, String algorithm, byte[] blob, byte @Nullable [] sigData,
            byte @Nullable [] signature) {
        this.username = Objects.requireNonNull(username, "username");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.blob = Objects.requireNonNull(blob, "blob").clone();
        if (signature != null && sigData == null) {
            throw new IllegalArgumentException("a signature needs the data it signs (sigData)");
        }
        this.sigData = (sigData != null) ? sigData.clone() : null;
        this.signature = (signature != null) ? signature.clone() : null;
    }

    /**
     * The username, as the client sent it.
     *
     * @return the username
     */
    public String getUsername() {
        return this.username;
    }

    /**
     * The key's algorithm name. Twisted: {@code algName}.
     *
     * @return for example {@code ssh-ed25519} or {@code rsa-sha2-256}
     */
    public String getAlgorithm() {
        return this.algorithm;
    }

    /**
     * The public key, in SSH wire format.
     *
     * @return a copy of the key blob
     */
    public byte[] getBlob() {
        return this.blob.clone();
    }

    /**
     * The data the signature covers.
     *
     * @return a copy, or {@code null} when there is no signature
     */
    public byte @Nullable [] getSigData() {
        return (this.sigData != null) ? this.sigData.clone() : null;
    }

    /**
     * The signature.
     *
     * @return a copy, or {@code null} when the client only asks whether the key is acceptable
     */
    public byte @Nullable [] getSignature() {
        return (this.signature != null) ? this.signature.clone() : null;
    }

    /**
     * Whether the client signed, rather than asking whether the key would be acceptable.
     *
     * @return {@code true} when there is a signature
     */
    public boolean isSigned() {
        return this.signature != null;
    }

    /** Shows the username, the algorithm and whether it is signed; never key material. */
    @Override
    public String toString() {
        return "SSHPrivateKey[username=" + this.username + ", algorithm=" + this.algorithm + ", signed=" + isSigned() + "]";
    }
}
