package twisted.cred;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A username and the password the client typed, as protocols receive them (a login line, SMTP
 * {@code AUTH PLAIN}, IRC {@code PASS}, SSH password authentication).
 *
 * <pre>{@code
 * portal.login(new UsernamePassword("alice", password), null, ProtocolAvatar.class);
 * }</pre>
 *
 * <p>The password is a {@code String} because that is how every protocol hands it over; a
 * {@code char[]} here could not be wiped any more thoroughly than the line it was read from.
 * {@link #toString()} never shows it, and there is deliberately no {@code equals}: two objects are
 * the same credentials only if they are the same object. Never log {@link #getPassword()}.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * <p>Twisted: {@code twisted.cred.credentials.UsernamePassword} ({@code IUsernamePassword}).
 *
 * @since 0.1.0
 */
public final class UsernamePassword implements Credentials {

    private final String username;

    private final String password;

    /**
     * Creates the credentials.
     *
     * @param username who the client says it is; may be empty, which checkers refuse
     * @param password what it typed
     */
    public UsernamePassword(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
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
     * The password, as the client sent it. Checkers that hash passwords read it here; nothing
     * else should, and nothing may log it.
     *
     * @return the password
     */
    public String getPassword() {
        return this.password;
    }

    /**
     * Whether {@code expected} is the password the client sent, compared in constant time: both
     * are hashed with SHA-256 and the digests compared with {@link MessageDigest#isEqual}, so the
     * time taken tells an attacker neither how many characters matched nor how long the password
     * is. For stored passwords, hash them and use a Spring Security {@code PasswordEncoder}
     * instead (see {@code twisted.cred.spring}).
     *
     * @param expected the password the user should have typed
     * @return {@code true} when they are equal
     */
    public boolean checkPassword(String expected) {
        Objects.requireNonNull(expected, "expected");
        return MessageDigest.isEqual(sha256(this.password), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform must provide SHA-256", ex);
        }
    }

    /** Shows the username only: {@code UsernamePassword[username=alice, password=<hidden>]}. */
    @Override
    public String toString() {
        return "UsernamePassword[username=" + this.username + ", password=<hidden>]";
    }
}
