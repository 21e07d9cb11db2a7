package twisted.conch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import twisted.testing.PeerProcess;

/**
 * Test fixture: a real SSH server nobody here wrote, Debian's OpenSSH {@code sshd}, started in the
 * foreground ({@code /usr/sbin/sshd -D -e -f CONF}) on 127.0.0.1 in a directory of the test's,
 * with a generated configuration and host keys of its own: it reads nothing from {@code /etc/ssh}.
 *
 * <pre>
 * OpenSshd.assumeInstalled();
 * try (OpenSshd sshd = OpenSshd.start(tempDir)) {
 *     sshd.authorize(SshKeygen.generate(tempDir.resolve("id_ed25519"), "ed25519"));
 *     connect to 127.0.0.1:sshd.port() as sshd.user(), trusting sshd.knownHostsLine() ...
 * }
 * </pre>
 *
 * <ul>
 * <li>Listener: 127.0.0.1 on a free port picked just before the start ({@link #port()}); if another
 * process takes it first, the start is retried.</li>
 * <li>Host keys: Ed25519 and ECDSA P-256, made with {@code ssh-keygen} for this run
 * ({@link #hostKeyLine()}, {@link #hostKey(String)}, {@link #knownHostsLine()}).</li>
 * <li>Logins: public keys only, for the user running the tests ({@link #user()}; {@code root} in CI,
 * which {@code PermitRootLogin prohibit-password} allows with a key). Keys are authorized with
 * {@link #authorize(String)}; the {@code authorized_keys} file is in the fixture's directory. Password
 * logins are off: without PAM, {@code sshd} would check the system's password of the user, which a
 * test has no business setting. {@code StrictModes} is off since the file sits under {@code /tmp}.</li>
 * <li>Algorithms: modern only (curve25519 and sntrup761 key exchange, AEAD or CTR ciphers with
 * encrypt-then-MAC SHA-2 MACs, Ed25519, ECDSA and RSA-SHA2 signatures).</li>
 * </ul>
 *
 * <p>{@code sshd} insists on being run by its absolute path and, as root, on its privilege separation
 * directory {@code /run/sshd} (made here when missing, as its init script would). The daemon's log
 * ({@code LogLevel VERBOSE}: connections, accepted keys, sessions) is kept ({@link #log()}) for
 * assertions and failure messages. {@link #close()} stops it and its session processes. Tests skip
 * when {@code sshd} is not installed, and fail instead when {@code TWISTED_REQUIRE_SSH_PEERS=1}.
 */
public final class OpenSshd implements AutoCloseable {

    /** Where Debian installs the daemon (package {@code openssh-server}). */
    public static final Path EXECUTABLE = Path.of("/usr/sbin/sshd");

    /** The environment variable that makes the SSH peers required (set by {@code .ci/run}). */
    public static final String REQUIRED = "TWISTED_REQUIRE_SSH_PEERS";

    /** The address it listens on. */
    public static final String HOST = "127.0.0.1";

    private static final Path PRIVILEGE_SEPARATION_DIR = Path.of("/run/sshd");

    private static final String[] HOST_KEY_TYPES = { "ed25519", "ecdsa" };

    private static final long START_SECONDS = 15;

    private static final int START_ATTEMPTS = 5;

    private final Path dir;

    private final PeerProcess peer;

    private final int port;

    private final Map<String, String> hostKeyLines;

    private OpenSshd(Path dir, PeerProcess peer, int port, Map<String, String> hostKeyLines) {
        this.dir = dir;
        this.peer = peer;
        this.port = port;
        this.hostKeyLines = hostKeyLines;
    }

    /**
     * Whether {@code sshd} and {@code ssh-keygen} are installed here.
     *
     * @return {@code true} if both can be run
     */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE) && Files.isExecutable(SshKeygen.EXECUTABLE);
    }

    /**
     * Skips the calling test when OpenSSH's server is not installed, or fails it when
     * {@code TWISTED_REQUIRE_SSH_PEERS=1} (CI), so that CI can never pass by skipping.
     */
    public static void assumeInstalled() {
        PeerProcess.assumePresent(isInstalled(), "sshd is not installed at " + EXECUTABLE
                + " (Debian: openssh-server, which brings ssh-keygen)", REQUIRED);
    }

    /**
     * Starts {@code sshd} with new host keys and no authorized key yet.
     *
     * @param dir a directory of the test's
     * @return the running daemon, listening
     * @throws Exception if it cannot be set up or does not start within 15 seconds
     */
    public static OpenSshd start(Path dir) throws Exception {
        Path root = dir.toAbsolutePath();
        Map<String, String> hostKeys = new LinkedHashMap<>();
        for (String type : HOST_KEY_TYPES) {
            String line = SshKeygen.generate(root.resolve("ssh_host_" + type + "_key"), type);
            hostKeys.put(type, keyTypeAndData(line));
        }
        Path authorizedKeys = root.resolve("authorized_keys");
        Files.writeString(authorizedKeys, "", StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));
        privilegeSeparationDir();
        Exception last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = PeerProcess.freePort();
            Path config = root.resolve("sshd_config");
            Files.writeString(config, configuration(root, port, user()), StandardCharsets.UTF_8);
            try {
                return launch(root, config, port, hostKeys);
            }
            catch (IOException ex) {
                last = ex;
            }
        }
        throw last;
    }

    /**
     * The generated configuration.
     *
     * @param root the fixture's directory
     * @param port the port
     * @param user the only user allowed in
     * @return the file's text
     */
    static String configuration(Path root, int port, String user) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ListenAddress", HOST);
        settings.put("Port", Integer.toString(port));
        for (String type : HOST_KEY_TYPES) {
            settings.put("HostKey " + type, root.resolve("ssh_host_" + type + "_key").toString());
        }
        settings.put("PidFile", root.resolve("sshd.pid").toString());
        settings.put("AuthorizedKeysFile", root.resolve("authorized_keys").toString());
        settings.put("AllowUsers", user);
        settings.put("UsePAM", "no");
        settings.put("PasswordAuthentication", "no");
        settings.put("KbdInteractiveAuthentication", "no");
        settings.put("PubkeyAuthentication", "yes");
        settings.put("PermitRootLogin", "prohibit-password");
        settings.put("StrictModes", "no");
        settings.put("UseDNS", "no");
        settings.put("PrintMotd", "no");
        settings.put("PrintLastLog", "no");
        settings.put("X11Forwarding", "no");
        settings.put("AllowAgentForwarding", "no");
        settings.put("PermitUserEnvironment", "no");
        settings.put("LoginGraceTime", "30");
        settings.put("LogLevel", "VERBOSE");
        settings.put("KexAlgorithms", "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org");
        settings.put("Ciphers", "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,"
                + "aes256-ctr,aes192-ctr,aes128-ctr");
        settings.put("MACs", "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com");
        settings.put("HostKeyAlgorithms", "ssh-ed25519,ecdsa-sha2-nistp256");
        settings.put("PubkeyAcceptedAlgorithms", "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256");
        settings.put("Subsystem", "sftp internal-sftp");
        StringBuilder text = new StringBuilder("# Generated by twisted.conch.OpenSshd (a test fixture)\n");
        settings.forEach((key, value) -> text.append(key.contains(" ") ? key.substring(0, key.indexOf(' ')) : key)
                .append(' ').append(value).append('\n'));
        return text.toString();
    }

    private static OpenSshd launch(Path root, Path config, int port, Map<String, String> hostKeys)
            throws IOException {
        PeerProcess peer = PeerProcess.start("sshd-" + port,
                new ProcessBuilder(EXECUTABLE.toString(), "-D", "-e", "-f", config.toString()),
                line -> line.startsWith("Server listening on " + HOST + " port " + port),
                Duration.ofSeconds(START_SECONDS));
        peer.awaitListening(Duration.ofSeconds(5), port);
        return new OpenSshd(root, peer, port, Collections.unmodifiableMap(hostKeys));
    }

    /** As root, sshd refuses to start without its (root-owned, not group- or world-writable) chroot. */
    private static void privilegeSeparationDir() throws IOException {
        if (!Files.isDirectory(PRIVILEGE_SEPARATION_DIR) && "root".equals(user())) {
            Files.createDirectories(PRIVILEGE_SEPARATION_DIR);
            Files.setPosixFilePermissions(PRIVILEGE_SEPARATION_DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String keyTypeAndData(String publicKeyLine) {
        String[] fields = publicKeyLine.split(" ");
        return fields[0] + " " + fields[1];
    }

    // ------------------------------------------------------------------ what clients need

    /**
     * The port, on {@link #HOST}.
     *
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * The user tests log in as: the one running them (the only one {@code AllowUsers} lets in).
     *
     * @return the user name
     */
    public static String user() {
        return System.getProperty("user.name");
    }

    /**
     * The Ed25519 host key, as an OpenSSH public key line without comment.
     *
     * @return {@code ssh-ed25519 AAAA...}
     */
    public String hostKeyLine() {
        return this.hostKeyLines.get("ed25519");
    }

    /**
     * Every host key, as OpenSSH public key lines without comment.
     *
     * @return {@code ssh-keygen} type ({@code ed25519}, {@code ecdsa}) to its line
     */
    public Map<String, String> hostKeyLines() {
        return this.hostKeyLines;
    }

    /**
     * A host key, as Apache MINA SSHD decodes it (what a MINA client is shown). MINA SSHD 2.20
     * decodes Ed25519 keys with Bouncy Castle, which is on the class path; ECDSA keys with the JDK.
     *
     * @param type {@code ed25519} or {@code ecdsa}
     * @return the key
     * @throws IOException if the line cannot be parsed
     * @throws GeneralSecurityException if MINA cannot decode keys of this type
     */
    public PublicKey hostKey(String type) throws IOException, GeneralSecurityException {
        return PublicKeyEntry.parsePublicKeyEntry(hostKeyLines().get(type)).resolvePublicKey(null, Map.of(),
                PublicKeyEntryResolver.FAILING);
    }

    /**
     * The line a client's {@code known_hosts} needs to trust this server's Ed25519 key.
     *
     * @return {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}
     */
    public String knownHostsLine() {
        return knownHostsLine("ed25519");
    }

    /**
     * The line a client's {@code known_hosts} needs to trust one of this server's host keys.
     *
     * @param type {@code ed25519} or {@code ecdsa}
     * @return {@code [127.0.0.1]:PORT TYPE AAAA...}
     */
    public String knownHostsLine(String type) {
        return knownHostsPattern() + " " + this.hostKeyLines.get(type);
    }

    /**
     * The lines a client's {@code known_hosts} needs to trust every host key of this server.
     *
     * @return one line per host key
     */
    public List<String> knownHostsLines() {
        return this.hostKeyLines.values().stream().map(line -> knownHostsPattern() + " " + line).toList();
    }

    private String knownHostsPattern() {
        return "[" + HOST + "]:" + this.port;
    }

    /**
     * Lets a client key log in as {@link #user()}: appends it to the {@code authorized_keys} file,
     * which {@code sshd} reads on every login.
     *
     * @param publicKeyLine an OpenSSH public key line ({@code ssh-ed25519 AAAA... comment})
     * @throws IOException if the file cannot be written
     */
    public void authorize(String publicKeyLine) throws IOException {
        if (publicKeyLine.contains("\n") || publicKeyLine.contains("\r")) {
            throw new IllegalArgumentException("one key line expected");
        }
        Files.writeString(this.dir.resolve("authorized_keys"), publicKeyLine.strip() + "\n",
                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
    }

    /**
     * What the daemon has logged so far (connections, accepted and refused keys, sessions).
     *
     * @return its output lines
     */
    public List<String> log() {
        return this.peer.log();
    }

    /** Stops the daemon and its session processes: SIGTERM, then SIGKILL for any left after 5 seconds. */
    @Override
    public void close() {
        this.peer.close();
    }
}
