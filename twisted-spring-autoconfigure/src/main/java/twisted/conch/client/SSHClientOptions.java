package twisted.conch.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link SSHClient} logs in and what it trusts: the user, the {@code known_hosts} that
 * vouches for servers and the {@link HostKeyPolicy} for hosts it does not know, the login keys
 * and password, deadlines and the output limit of {@link SSHClient#runCommand}.
 *
 * <pre>{@code
 * SSHClientOptions options = SSHClientOptions.builder("deploy")
 *         .knownHosts(Path.of("/etc/myapp/known_hosts"))
 *         .identityFile(Path.of("/etc/myapp/id_ed25519"), null)
 *         .build();
 * }</pre>
 *
 * <p>Secrets: the password is kept as a supplier of {@code char[]} and asked for at each login;
 * private keys are loaded by Apache MINA SSHD's parsers when the builder is given the file (with
 * the passphrase, asked for once and then cleared). Neither appears in {@link #toString()}, a log
 * line or an exception message. MINA hands passwords to the wire as {@code String}s, so a password
 * lives on the heap for the length of a login.
 *
 * <p>Immutable; build one with {@link #builder(String)}.
 *
 * @since 0.1.0
 */
public final class SSHClientOptions {

    /** The default limit of {@link SSHClient#runCommand} output: 16 MiB. */
    public static final long DEFAULT_MAX_OUTPUT_BYTES = 16L * 1024 * 1024;

    private final String username;

    private final KnownHosts knownHosts;

    private final HostKeyPolicy hostKeyPolicy;

    private final List<KeyPair> identities;

    private final @Nullable Supplier<char[]> password;

    private final Duration connectTimeout;

    private final Duration authTimeout;

    private final Duration closeTimeout;

    private final long maxOutputBytes;

    private SSHClientOptions(Builder builder) {
        this.username = builder.username;
        this.knownHosts = Objects.requireNonNull(builder.knownHosts,
                "knownHosts must be set: the client trusts no server it has no known_hosts entry for");
        this.hostKeyPolicy = builder.hostKeyPolicy;
        this.identities = List.copyOf(builder.identities);
        this.password = builder.password;
        this.connectTimeout = builder.connectTimeout;
        this.authTimeout = builder.authTimeout;
        this.closeTimeout = builder.closeTimeout;
        this.maxOutputBytes = builder.maxOutputBytes;
    }

    /**
     * Starts options for logging in as {@code username}.
     *
     * @param username the remote user
     * @return a builder
     */
    public static Builder builder(String username) {
        return new Builder(username);
    }

    /**
     * The remote user.
     *
     * @return the user name
     */
    public String username() {
        return this.username;
    }

    /**
     * The hosts the client trusts.
     *
     * @return the {@code known_hosts} entries
     */
    public KnownHosts knownHosts() {
        return this.knownHosts;
    }

    /**
     * What to do with hosts {@link #knownHosts()} does not know.
     *
     * @return {@link HostKeyPolicy#STRICT} unless set
     */
    public HostKeyPolicy hostKeyPolicy() {
        return this.hostKeyPolicy;
    }

    /**
     * The key pairs offered for {@code publickey} logins, in order.
     *
     * @return the keys, perhaps none
     */
    public List<KeyPair> identities() {
        return this.identities;
    }

    /**
     * The password for {@code password} (and {@code keyboard-interactive}) logins.
     *
     * @return its supplier, or {@code null} for none
     */
    public @Nullable Supplier<char[]> password() {
        return this.password;
    }

    /**
     * How long the TCP connection may take.
     *
     * @return 30 seconds unless set
     */
    public Duration connectTimeout() {
        return this.connectTimeout;
    }

    /**
     * How long key exchange and login may take, from the TCP connection on.
     *
     * @return 30 seconds unless set
     */
    public Duration authTimeout() {
        return this.authTimeout;
    }

    /**
     * How long a command's connection waits for the command to end after {@code loseConnection}
     * before it is closed anyway.
     *
     * @return 10 seconds unless set
     */
    public Duration closeTimeout() {
        return this.closeTimeout;
    }

    /**
     * The most output (standard output and error together) {@link SSHClient#runCommand} collects.
     *
     * @return bytes; {@link #DEFAULT_MAX_OUTPUT_BYTES} unless set
     */
    public long maxOutputBytes() {
        return this.maxOutputBytes;
    }

    /** Names the user, the policy and how many keys; never a secret. */
    @Override
    public String toString() {
        return "SSHClientOptions[username=" + this.username + ", hostKeyPolicy=" + this.hostKeyPolicy + ", identities="
                + this.identities.size() + ", password=" + ((this.password != null) ? "(set)" : "(none)") + "]";
    }

    /**
     * Builds {@link SSHClientOptions}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {

        private final String username;

        private @Nullable KnownHosts knownHosts;

        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;

        private final List<KeyPair> identities = new ArrayList<>();

        private @Nullable Supplier<char[]> password;

        private Duration connectTimeout = Duration.ofSeconds(30);

        private Duration authTimeout = Duration.ofSeconds(30);

        private Duration closeTimeout = Duration.ofSeconds(10);

        private long maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;

        private Builder(String username) {
            Objects.requireNonNull(username, "username");
            if (username.isEmpty()) {
                throw new IllegalArgumentException("username must not be empty");
            }
            this.username = username;
        }

        /**
         * Trusts the hosts of these entries; required.
         *
         * @param knownHosts the entries (saved to their file when {@link HostKeyPolicy#ACCEPT_NEW}
         *        adds one)
         * @return this builder
         */
        public Builder knownHosts(KnownHosts knownHosts) {
            this.knownHosts = Objects.requireNonNull(knownHosts, "knownHosts");
            return this;
        }

        /**
         * Trusts the hosts of an OpenSSH {@code known_hosts} file (read now; a missing file is empty).
         *
         * @param path the file
         * @return this builder
         * @throws IOException if it cannot be read or breaks {@link KnownHosts}'s limits
         */
        public Builder knownHosts(Path path) throws IOException {
            return knownHosts(KnownHosts.fromPath(path));
        }

        /**
         * Sets what happens to hosts the file does not know.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder hostKeyPolicy(HostKeyPolicy policy) {
            this.hostKeyPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Offers a key pair for {@code publickey} logins.
         *
         * @param identity the key pair
         * @return this builder
         */
        public Builder identity(KeyPair identity) {
            this.identities.add(Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /**
         * Offers the key pairs of a private key file (OpenSSH, PEM or PKCS#8, as MINA reads them).
         *
         * @param privateKey the file
         * @param passphrase asked once, if the file is encrypted; the array it gives is cleared
         *        after use. {@code null} for a file without a passphrase
         * @return this builder
         * @throws IOException if the file cannot be read
         * @throws GeneralSecurityException if it holds no key, or the passphrase is wrong (the
         *         message names the file only)
         */
        public Builder identityFile(Path privateKey, @Nullable Supplier<char[]> passphrase)
                throws IOException, GeneralSecurityException {
            Objects.requireNonNull(privateKey, "privateKey");
            FilePasswordProvider provider = (passphrase == null) ? FilePasswordProvider.EMPTY
                    : (session, resource, retry) -> {
                        char[] chars = passphrase.get();
                        try {
                            return new String(chars);
                        }
                        finally {
                            Arrays.fill(chars, '\0');
                        }
                    };
            Iterable<KeyPair> keys;
            try (InputStream in = Files.newInputStream(privateKey)) {
                keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(privateKey.toString()), in,
                        provider);
            }
            catch (GeneralSecurityException | RuntimeException ex) {
                throw new GeneralSecurityException("cannot load a private key from " + privateKey
                        + " (not a key, or a wrong passphrase)", ex);
            }
            int before = this.identities.size();
            if (keys != null) {
                keys.forEach(this.identities::add);
            }
            if (this.identities.size() == before) {
                throw new GeneralSecurityException("no private key in " + privateKey
                        + " (or it is encrypted and no passphrase was given)");
            }
            return this;
        }

        /**
         * Sets the password; the array is copied (clear yours).
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(char[] password) {
            char[] copy = Objects.requireNonNull(password, "password").clone();
            this.password = copy::clone;
            return this;
        }

        /**
         * Sets where the password comes from, asked at each login (a vault, a prompt).
         *
         * @param password gives a new array each time; it is cleared after use
         * @return this builder
         */
        public Builder password(Supplier<char[]> password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Sets how long the TCP connection may take.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long key exchange and login may take.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = positive(timeout, "authTimeout");
            return this;
        }

        /**
         * Sets how long {@code loseConnection} waits for the command to end.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout, "closeTimeout");
            return this;
        }

        /**
         * Sets the most output {@link SSHClient#runCommand} collects.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxOutputBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxOutputBytes (" + bytes + ") must be at least 1");
            }
            this.maxOutputBytes = bytes;
            return this;
        }

        private static Duration positive(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(name + " (" + timeout + ") must be positive");
            }
            return timeout;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws NullPointerException if no {@code known_hosts} was given
         */
        public SSHClientOptions build() {
            return new SSHClientOptions(this);
        }
    }
}
