package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

import twisted.cred.Credentials;

/**
 * What a POP3 {@code APOP name digest} command presents (RFC 1939 section 7): the user name and
 * the MD5 digest of the greeting's timestamp followed by the shared secret. Only a checker that
 * knows the secret in plain text can verify it, so a {@link POP3Factory} offers APOP (puts the
 * timestamp in its greeting and accepts the command) only when its {@code Portal} has a
 * {@link twisted.cred.CredentialsChecker} registered for this class; with Spring Security's hashed
 * passwords there is none, and APOP is not offered. Twisted: {@code pop3.APOPCredentials}.
 *
 * @since 0.1.0
 */
public final class APOPCredentials implements Credentials {

    private final String challenge;

    private final String username;

    private final String digest;

    /**
     * Creates the credentials.
     *
     * @param challenge the greeting's timestamp, angle brackets included ({@code <...@host>})
     * @param username the user name
     * @param digest the client's digest, in hexadecimal
     */
    public APOPCredentials(String challenge, String username, String digest) {
        this.challenge = Objects.requireNonNull(challenge, "challenge");
        this.username = Objects.requireNonNull(username, "username");
        this.digest = Objects.requireNonNull(digest, "digest").toLowerCase(Locale.ROOT);
    }

    /**
     * The user name.
     *
     * @return the name as the client sent it
     */
    public String getUsername() {
        return this.username;
    }

    /**
     * The greeting's timestamp this digest answers.
     *
     * @return the challenge, with its angle brackets
     */
    public String getChallenge() {
        return this.challenge;
    }

    /**
     * Whether the digest is the MD5 of the challenge followed by {@code secret}; compared in
     * constant time. Twisted: {@code checkPassword}.
     *
     * @param secret the user's shared secret, in plain text
     * @return {@code true} when it matches
     */
    public boolean checkPassword(String secret) {
        byte[] expected = HexFormat.of().formatHex(md5(this.challenge + secret)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, this.digest.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The digest a client computes: MD5 of the challenge and the secret, in lower-case hexadecimal.
     *
     * @param challenge the greeting's timestamp
     * @param secret the shared secret
     * @return the digest
     */
    public static String digest(String challenge, String secret) {
        return HexFormat.of().formatHex(md5(challenge + secret));
    }

    private static byte[] md5(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("MD5 is missing from this JVM", ex);
        }
    }

    /** Names the user only: the digest stays out of logs. */
    @Override
    public String toString() {
        return "APOPCredentials[" + this.username + "]";
    }
}
