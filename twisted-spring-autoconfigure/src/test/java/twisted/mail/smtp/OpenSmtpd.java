package twisted.mail.smtp;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import twisted.testing.PeerProcess;

/**
 * Test fixture: a real SMTP server nobody here wrote, Debian's OpenSMTPD 6.8 ({@code /usr/sbin/smtpd}),
 * run in the foreground ({@code -d}) on 127.0.0.1 with a configuration written into the test's
 * directory. It accepts mail for {@code example.test}, delivers {@code alice} and {@code bob} to
 * maildirs under {@code dir/maildir/<user>} (as the system user {@code nobody}: OpenSMTPD will not
 * deliver as root), refuses other users of that domain ({@code 524 5.2.4}) and other domains
 * ({@code 550 Invalid recipient}).
 *
 * <pre>
 * OpenSmtpd.assumeInstalled();
 * try (OpenSmtpd smtpd = OpenSmtpd.start(tempDir, false)) {
 *     send to 127.0.0.1:smtpd.port() ...; smtpd.awaitMessages("alice", 1)
 * }
 * </pre>
 *
 * <p>What OpenSMTPD 6.8 needs, and what it shares with the system:
 * <ul>
 * <li>Its queue is compiled in: {@code /var/spool/smtpd}, which must exist with mode 711 (it creates
 * it with the wrong mode and then refuses to start). This fixture creates it and sets the mode.
 * Messages pass through it; nothing is left once delivered.</li>
 * <li>Its control socket is fixed too, {@code /run/smtpd.sock}: <b>two smtpd cannot run at once</b> on
 * one machine. {@link #start} fails with a clear message when one answers there (a system
 * OpenSMTPD, or another test); run tests that use this fixture one at a time.</li>
 * <li>It must run as root (it drops privileges itself). {@code /etc/smtpd.conf} is not read.</li>
 * <li><b>TLS is broken in this package</b>: Debian 12's OpenSMTPD 6.8.0p2 with OpenSSL 3 fails every
 * server-side handshake ({@code SSL routines::EVP lib}, "missing private key": its privilege-separated
 * key engine does not work with OpenSSL 3; upstream issues OpenSMTPD#1171 and #1239), with RSA and
 * ECDSA keys alike. And it refuses {@code auth} on a listener without TLS. So with this package
 * there is no STARTTLS and no AUTH to test against; {@code tls=true} still configures a STARTTLS
 * listener (the handshake fails) so a test can prove the client never falls back to plain text.</li>
 * <li>It does not offer PIPELINING.</li>
 * </ul>
 * {@link #close()} stops the daemon and its child processes (SIGTERM, then SIGKILL after 5 seconds).
 */
public final class OpenSmtpd implements AutoCloseable {

    /** Where Debian installs the daemon. */
    public static final Path EXECUTABLE = Path.of("/usr/sbin/smtpd");

    /** The domain the daemon accepts mail for. */
    public static final String DOMAIN = "example.test";

    private static final Path SPOOL = Path.of("/var/spool/smtpd");

    private static final Path CONTROL_SOCKET = Path.of("/run/smtpd.sock");

    private final PeerProcess peer;

    private final int port;

    private final Path maildir;

    private final Path caCertificate;

    private OpenSmtpd(PeerProcess peer, int port, Path maildir, Path caCertificate) {
        this.peer = peer;
        this.port = port;
        this.maildir = maildir;
        this.caCertificate = caCertificate;
    }

    /**
     * Whether OpenSMTPD and openssl (for the test certificates) are here and this process is root.
     *
     * @return {@code true} if the fixture can start
     */
    public static boolean isInstalled() {
        return Files.isExecutable(EXECUTABLE) && Files.isExecutable(Path.of("/usr/bin/openssl"))
                && "root".equals(System.getProperty("user.name"));
    }

    /**
     * Skips the calling test when OpenSMTPD cannot run here, or fails it when
     * {@code TWISTED_REQUIRE_MAIL_PEERS=1}, so that CI cannot pass by skipping.
     */
    public static void assumeInstalled() {
        boolean present = isInstalled();
        String missing = "OpenSMTPD (/usr/sbin/smtpd, Debian: opensmtpd) and openssl are needed, run as root";
        PeerProcess.assumePresent(present, missing, "TWISTED_REQUIRE_MAIL_PEERS");
    }

    /**
     * Starts OpenSMTPD.
     *
     * @param dir the test's directory: configuration, certificates, maildirs
     * @param tls whether the listener offers STARTTLS (with a certificate for {@code localhost}
     *        signed by a CA made here, {@link #caCertificate()})
     * @return the running daemon, listening
     * @throws IOException when it cannot start, or another smtpd holds the control socket
     */
    public static OpenSmtpd start(Path dir, boolean tls) throws IOException, InterruptedException {
        if (controlSocketAnswers()) {
            throw new IOException("another smtpd is running (" + CONTROL_SOCKET + " answers): OpenSMTPD's control "
                    + "socket and queue are fixed paths, so only one can run at a time; stop it first");
        }
        prepareSpool();
        Path base = dir.toAbsolutePath();
        openToOthers(base);
        Path maildir = Files.createDirectories(base.resolve("maildir"));
        UserPrincipal nobody = maildir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(maildir, nobody);
        Files.writeString(base.resolve("vusers"), "alice@" + DOMAIN + " nobody\nbob@" + DOMAIN + " nobody\n");
        Path ca = base.resolve("ca.crt");
        if (tls) {
            makeCertificates(base);
        }
        int port = PeerProcess.freePort();
        String conf = (tls ? "pki localhost cert \"" + base.resolve("server.crt") + "\"\n"
                + "pki localhost key \"" + base.resolve("server.key") + "\"\n" : "")
                + "table vusers file:" + base.resolve("vusers") + "\n"
                + "listen on 127.0.0.1 port " + port + (tls ? " tls pki localhost" : "") + " hostname localhost\n"
                + "action \"local\" maildir \"" + maildir + "/%{dest.user}\" virtual <vusers>\n"
                + "match from any for domain \"" + DOMAIN + "\" action \"local\"\n";
        Path confFile = base.resolve("smtpd.conf");
        Files.writeString(confFile, conf);
        PeerProcess peer = PeerProcess.start("opensmtpd",
                new ProcessBuilder(EXECUTABLE.toString(), "-d", "-f", confFile.toString()), null, Duration.ZERO);
        peer.awaitListening(Duration.ofSeconds(15), port);
        return new OpenSmtpd(peer, port, maildir, ca);
    }

    /**
     * The port it listens on, on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * The CA certificate (PEM) that signed the listener's certificate, when started with TLS.
     *
     * @return the file
     */
    public Path caCertificate() {
        return this.caCertificate;
    }

    /**
     * The daemon's output so far, for assertion messages.
     *
     * @return the lines
     */
    public String log() {
        return this.peer.output();
    }

    /**
     * Waits (up to 15 seconds) until {@code user}'s maildir holds {@code count} messages in {@code new/}.
     *
     * @param user {@code alice} or {@code bob}
     * @param count how many messages to wait for
     * @return the messages' files, sorted by name
     * @throws IOException when they do not arrive in time
     */
    public List<Path> awaitMessages(String user, int count) throws IOException {
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                    .until(() -> messages(user), found -> found.size() >= count);
        }
        catch (ConditionTimeoutException ex) {
            throw new IOException(messages(user).size() + " of " + count + " messages for " + user + " arrived:\n"
                    + log(), ex);
        }
    }

    /**
     * The messages in {@code user}'s {@code new/} now.
     *
     * @param user the user
     * @return the files, sorted by name; empty when there is no maildir yet
     */
    public List<Path> messages(String user) throws IOException {
        Path dir = this.maildir.resolve(user).resolve("new");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Stops the daemon and its children: SIGTERM, then SIGKILL after 5 seconds. */
    @Override
    public void close() {
        this.peer.close();
    }

    private static boolean controlSocketAnswers() {
        if (!Files.exists(CONTROL_SOCKET)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(CONTROL_SOCKET));
            return true;
        }
        catch (IOException stale) {
            return false;
        }
    }

    private static void prepareSpool() throws IOException {
        Files.createDirectories(SPOOL);
        Files.setPosixFilePermissions(SPOOL, PosixFilePermissions.fromString("rwx--x--x"));
    }

    /** The maildir's owner ({@code nobody}) must reach it: let others traverse the test's directories. */
    private static void openToOthers(Path dir) throws IOException {
        for (Path p = dir; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            var perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    /** A CA and an RSA certificate for localhost and 127.0.0.1 it signed (OpenSSL's command line). */
    static void makeCertificates(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "2", "-subj", "/CN=twisted-spring test CA");
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/CN=localhost");
        run(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "ext.cnf");
        Files.setPosixFilePermissions(dir.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
