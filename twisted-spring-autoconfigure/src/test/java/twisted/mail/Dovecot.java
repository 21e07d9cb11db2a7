package twisted.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import twisted.testing.PeerProcess;

/**
 * Test fixture: a real POP3 and IMAP server nobody here wrote, Debian's Dovecot, started in the
 * foreground ({@code dovecot -F -c CONF}) on 127.0.0.1 in a directory of the test's, with a
 * generated configuration that reads nothing from {@code /etc/dovecot} and writes nothing to
 * {@code /var/run/dovecot}.
 *
 * <pre>
 * Dovecot.assumeInstalled();
 * try (Dovecot dovecot = Dovecot.start(tempDir, Map.of("alice", "s3cret"))) {
 *     dovecot.deliver("alice", message);
 *     connect to 127.0.0.1:dovecot.pop3Port() (STLS trusting dovecot.trustContext()) ...
 * }
 * </pre>
 *
 * <ul>
 * <li>Listeners: POP3 ({@link #pop3Port()}) and IMAP ({@link #imapPort()}), both plain with
 * {@code STLS}/{@code STARTTLS} offered; the implicit-TLS ports are off. The ports are free ones
 * picked just before the start; if another process takes one first, the start is retried.</li>
 * <li>TLS: a certificate for {@code localhost} and {@code 127.0.0.1} signed by a test CA made here
 * with the JDK's {@code keytool}; clients trust it through {@link #trustContext()} or
 * {@link #caCertificate()}.</li>
 * <li>Users: a passwd-file with {@code {PLAIN}} passwords, so that {@code APOP} (POP3) and
 * CRAM-MD5 can be checked; the greeting offers APOP. Plain-text logins are allowed without TLS
 * ({@code disable_plaintext_auth = no}): the clients under test decide.</li>
 * <li>Mail: a Maildir per user ({@link #maildir(String)}) owned by {@code nobody:nogroup}, the
 * unprivileged uid/gid the static userdb gives every user (Dovecot runs as root here and refuses
 * root for mail); {@link #deliver} drops a message file into {@code new/} as a delivery agent
 * would (written in {@code tmp/}, then renamed).</li>
 * </ul>
 *
 * <p>The daemon's output is kept ({@link #log()}) for assertions and failure messages.
 * {@link #close()} stops it and its children (SIGTERM, then SIGKILL after 5 seconds). Tests skip
 * when Dovecot is not installed, and fail instead when {@code TWISTED_REQUIRE_MAIL_PEERS=1}.
 */
public final class Dovecot implements AutoCloseable {

    /** Where Debian installs the daemon. */
    public static final Path EXECUTABLE = Path.of("/usr/sbin/dovecot");

    /** The unprivileged owner of the mail. */
    public static final String MAIL_USER = "nobody";

    /** Its group. */
    public static final String MAIL_GROUP = "nogroup";

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private static final long START_SECONDS = 15;

    private static final int START_ATTEMPTS = 5;

    private static final AtomicLong DELIVERIES = new AtomicLong();

    private final Path dir;

    private final PeerProcess peer;

    private final int pop3Port;

    private final int imapPort;

    private final Certificate ca;

    private Dovecot(Path dir, PeerProcess peer, int pop3Port, int imapPort, Certificate ca) {
        this.dir = dir;
        this.peer = peer;
        this.pop3Port = pop3Port;
        this.imapPort = imapPort;
        this.ca = ca;
    }

    /**
     * Whether Dovecot is installed here.
     *
     * @return {@code true} if {@link #EXECUTABLE} can be run
     */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE);
    }

    /**
     * Skips the calling test when Dovecot is not installed, or fails it when
     * {@code TWISTED_REQUIRE_MAIL_PEERS=1} (CI), so that CI can never pass by skipping.
     */
    public static void assumeInstalled() {
        boolean present = isInstalled();
        String missing = "dovecot is not installed at " + EXECUTABLE + " (Debian: dovecot-pop3d, dovecot-imapd)";
        PeerProcess.assumePresent(present, missing, "TWISTED_REQUIRE_MAIL_PEERS");
    }

    /**
     * Starts Dovecot with these users, each with an empty Maildir.
     *
     * @param dir a directory of the test's (made world-traversable here, since Dovecot's
     *        unprivileged processes must reach their files under it)
     * @param users user name to plain-text password
     * @return the running daemon, listening on both ports
     * @throws Exception if it cannot be set up or does not start within 15 seconds
     */
    public static Dovecot start(Path dir, Map<String, String> users) throws Exception {
        Path root = dir.toAbsolutePath();
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Certificate ca = certificates(root);
        StringBuilder passwd = new StringBuilder();
        for (Map.Entry<String, String> user : users.entrySet()) {
            passwd.append(user.getKey()).append(":{PLAIN}").append(user.getValue()).append("::::::\n");
            createMaildir(root.resolve("mail").resolve(user.getKey()));
        }
        Files.writeString(root.resolve("passwd"), passwd.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(root.resolve("passwd"), PosixFilePermissions.fromString("rw-r--r--"));
        Exception last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int pop3 = PeerProcess.freePort();
            int imap = PeerProcess.freePort();
            if (pop3 == imap) {
                continue;
            }
            Path config = root.resolve("dovecot.conf");
            Files.writeString(config, configuration(root, pop3, imap), StandardCharsets.UTF_8);
            try {
                return launch(root, config, pop3, imap, ca);
            }
            catch (IOException ex) {
                last = ex;
            }
        }
        throw (last != null) ? last : new IOException("no two free ports found");
    }

    /**
     * The generated configuration.
     *
     * @param root the fixture's directory
     * @param pop3 the POP3 port
     * @param imap the IMAP port
     * @return the file's text
     */
    static String configuration(Path root, int pop3, int imap) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("base_dir", root.resolve("run").toString());
        settings.put("state_dir", root.resolve("state").toString());
        settings.put("instance_name", "twisted-test-" + pop3);
        settings.put("log_path", "/dev/stderr");
        settings.put("protocols", "pop3 imap");
        settings.put("listen", "127.0.0.1");
        settings.put("ssl", "yes");
        settings.put("ssl_cert", "<" + root.resolve("tls/server-chain.pem"));
        settings.put("ssl_key", "<" + root.resolve("tls/server-key.pem"));
        settings.put("disable_plaintext_auth", "no");
        settings.put("auth_mechanisms", "plain login apop cram-md5");
        settings.put("mail_location", "maildir:" + root.resolve("mail") + "/%u");
        settings.put("login_greeting", "Dovecot ready for twisted-spring tests.");
        StringBuilder text = new StringBuilder("# Generated by twisted.mail.Dovecot (a test fixture)\n");
        settings.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        text.append("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ")
                .append(root.resolve("passwd")).append("\n}\n");
        text.append("userdb {\n  driver = static\n  args = uid=").append(MAIL_USER).append(" gid=").append(MAIL_GROUP)
                .append(" home=").append(root.resolve("mail")).append("/%u\n}\n");
        text.append(listener("pop3", pop3)).append(listener("imap", imap));
        return text.toString();
    }

    private static String listener(String protocol, int port) {
        return "service " + protocol + "-login {\n  inet_listener " + protocol + " {\n    port = " + port
                + "\n  }\n  inet_listener " + protocol + "s {\n    port = 0\n  }\n}\n";
    }

    private static Dovecot launch(Path root, Path config, int pop3, int imap, Certificate ca) throws IOException {
        PeerProcess peer = PeerProcess.start("dovecot-" + pop3,
                new ProcessBuilder(EXECUTABLE.toString(), "-F", "-c", config.toString()),
                line -> line.contains("starting up"), Duration.ofSeconds(START_SECONDS));
        // the master binds its listeners before it logs "starting up": both must answer now
        peer.awaitListening(Duration.ofSeconds(5), pop3, imap);
        return new Dovecot(root, peer, pop3, imap, ca);
    }

    // ------------------------------------------------------------------ TLS

    /**
     * Makes the test CA and the server's certificate under {@code root/tls}: the CA's certificate
     * ({@code ca.pem}), the server's key (PKCS#8 PEM) and its chain, signed by the CA, for
     * {@code localhost} and {@code 127.0.0.1}.
     */
    private static Certificate certificates(Path root) throws Exception {
        Path tls = Files.createDirectories(root.resolve("tls"));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String caStore = tls.resolve("ca.p12").toString();
        String serverStore = tls.resolve("server.p12").toString();
        keytool(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=twisted-spring test CA", "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                caStore, "-storepass", "changeit");
        keytool(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore, "-storepass", "changeit", "-file",
                tls.resolve("ca.pem").toString());
        keytool(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", serverStore, "-storepass",
                "changeit");
        keytool(keytool, "-certreq", "-alias", "server", "-keystore", serverStore, "-storepass", "changeit", "-file",
                tls.resolve("server.csr").toString());
        keytool(keytool, "-gencert", "-alias", "ca", "-keystore", caStore, "-storepass", "changeit", "-rfc", "-infile",
                tls.resolve("server.csr").toString(), "-outfile", tls.resolve("server.pem").toString(), "-ext",
                "SAN=dns:localhost,ip:127.0.0.1", "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth",
                "-validity", "2");
        Files.writeString(tls.resolve("server-chain.pem"),
                Files.readString(tls.resolve("server.pem")) + Files.readString(tls.resolve("ca.pem")));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(serverStore))) {
            keys.load(in, STORE_PASSWORD);
        }
        byte[] der = keys.getKey("server", STORE_PASSWORD).getEncoded();
        Path key = tls.resolve("server-key.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] { '\n' })
                .encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        try (InputStream in = Files.newInputStream(tls.resolve("ca.pem"))) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + String.join(" ", command) + ": " + output);
        }
    }

    /**
     * A client TLS context that trusts the test CA and nothing else.
     *
     * @return the context
     * @throws Exception if the JDK cannot build it
     */
    public SSLContext trustContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", this.ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * The test CA's certificate, PEM (for clients outside the JVM, such as Python's).
     *
     * @return the file
     */
    public Path caCertificate() {
        return this.dir.resolve("tls/ca.pem");
    }

    // ------------------------------------------------------------------ mail

    /**
     * A user's Maildir (with {@code cur}, {@code new} and {@code tmp}).
     *
     * @param user the user's name, as given to {@link #start}
     * @return the directory
     */
    public Path maildir(String user) {
        return this.dir.resolve("mail").resolve(user);
    }

    /**
     * Drops a message into a user's Maildir as a delivery agent would: written to {@code tmp},
     * owned by the mail user, then renamed into {@code new}.
     *
     * @param user the user's name
     * @param message the message's bytes (lines ending in CR LF read back byte-exact over POP3)
     * @return the file in {@code new}
     * @throws IOException if it cannot be written
     */
    public Path deliver(String user, byte[] message) throws IOException {
        Path maildir = maildir(user);
        String name = System.currentTimeMillis() / 1000 + ".M" + DELIVERIES.incrementAndGet() + "P"
                + ProcessHandle.current().pid() + ".twisted-test";
        Path tmp = maildir.resolve("tmp").resolve(name);
        Files.write(tmp, message);
        own(tmp);
        return Files.move(tmp, maildir.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The message files of a user's Maildir, in {@code new} and {@code cur} (Dovecot moves a
     * message from {@code new} to {@code cur} when a session first sees it).
     *
     * @param user the user's name
     * @return the files, sorted by name
     * @throws IOException if the directories cannot be read
     */
    public List<Path> messageFiles(String user) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : new String[] { "new", "cur" }) {
            try (Stream<Path> entries = Files.list(maildir(user).resolve(sub))) {
                entries.forEach(files::add);
            }
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    private static void createMaildir(Path maildir) throws IOException {
        Files.createDirectories(maildir.getParent());
        Files.setPosixFilePermissions(maildir.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : new String[] { "", "cur", "new", "tmp" }) {
            Path path = Files.createDirectories(maildir.resolve(sub));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            own(path);
        }
    }

    private static void own(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(MAIL_USER);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(MAIL_GROUP);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    // ------------------------------------------------------------------ the process

    /**
     * The POP3 port, on 127.0.0.1 ({@code STLS} offered).
     *
     * @return the port
     */
    public int pop3Port() {
        return this.pop3Port;
    }

    /**
     * The IMAP port, on 127.0.0.1 ({@code STARTTLS} offered).
     *
     * @return the port
     */
    public int imapPort() {
        return this.imapPort;
    }

    /**
     * What the daemon has logged so far (logins, disconnections with their reasons, errors).
     *
     * @return its output lines
     */
    public List<String> log() {
        return this.peer.log();
    }

    /** Stops the daemon and its children: SIGTERM, then SIGKILL for any left after 5 seconds. */
    @Override
    public void close() {
        this.peer.close();
    }
}
