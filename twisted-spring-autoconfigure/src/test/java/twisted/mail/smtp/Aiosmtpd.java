package twisted.mail.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import twisted.testing.PeerProcess;

/**
 * Test fixture: an SMTP server nobody here wrote, Python's {@code aiosmtpd} (Debian's
 * {@code python3-aiosmtpd}), run by {@code aiosmtpd_interop.py} (beside this class in the test
 * resources) on 127.0.0.1 and a port the kernel picks. With TLS it offers {@code STARTTLS} with a
 * certificate for {@code localhost} signed by a CA made here ({@link #caCertificate()}), requires it
 * before any other command, and offers {@code AUTH} only after it; one login, given to
 * {@link #start}, is accepted. {@code RCPT TO:<refused@...>} gets {@code 550}.
 *
 * <p>Each message is written to the test's directory as {@code NNN.eml} (its content exactly as
 * aiosmtpd read it, dots unstuffed) and {@code NNN.json} (the envelope, whether TLS was on and the
 * login) before the server answers {@code 250}; {@link #commands()} lists the commands the server
 * took (verbs only, and the mechanism for {@code AUTH}) after its start. {@link #close()} kills it.
 */
final class Aiosmtpd implements AutoCloseable {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    private final PeerProcess peer;

    private final int port;

    private final Path dir;

    private Aiosmtpd(PeerProcess peer, int port, Path dir) {
        this.peer = peer;
        this.port = port;
        this.dir = dir;
    }

    /** Whether python3 with aiosmtpd, and openssl for the certificates, are here. */
    static boolean isInstalled() {
        if (!Files.isExecutable(PYTHON) || !Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Skips the calling test when aiosmtpd cannot run here, or fails it when
     * {@code TWISTED_REQUIRE_MAIL_PEERS=1}, so that CI cannot pass by skipping.
     */
    static void assumeInstalled() {
        boolean present = isInstalled();
        String missing = "/usr/bin/python3 with aiosmtpd (Debian: python3-aiosmtpd) and openssl are needed";
        PeerProcess.assumePresent(present, missing, "TWISTED_REQUIRE_MAIL_PEERS");
    }

    /**
     * Starts a server.
     *
     * @param dir a directory of its own: certificates, messages, command log
     * @param user the one login accepted
     * @param password its password (on the script's command line, never printed)
     * @param tls whether to offer (and require) {@code STARTTLS}
     * @param mechanisms the {@code AUTH} mechanisms to offer, such as {@code "LOGIN"}; {@code null} for
     *        aiosmtpd's {@code PLAIN} and {@code LOGIN}
     * @return the server, taking connections
     */
    static Aiosmtpd start(Path dir, String user, String password, boolean tls, String mechanisms) throws Exception {
        Path base = Files.createDirectories(dir).toAbsolutePath();
        Path script = base.resolve("aiosmtpd_interop.py");
        try (InputStream in = Aiosmtpd.class.getResourceAsStream("aiosmtpd_interop.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), base.toString(), user,
                password));
        if (tls) {
            OpenSmtpd.makeCertificates(base);
            command.addAll(List.of("--tls", base.resolve("server.crt").toString(), base.resolve("server.key").toString()));
        }
        if (mechanisms != null) {
            command.addAll(List.of("--mechanisms", mechanisms));
        }
        PeerProcess peer;
        try {
            peer = PeerProcess.start("aiosmtpd",
                    new ProcessBuilder(command).redirectError(base.resolve("stderr.txt").toFile()),
                    line -> line.startsWith("PORT "), Duration.ofSeconds(30));
        }
        catch (IOException ex) {
            throw new IOException(ex.getMessage() + "\n" + Files.readString(base.resolve("stderr.txt")), ex);
        }
        String announced = peer.log().stream().filter(line -> line.startsWith("PORT ")).findFirst().orElseThrow();
        return new Aiosmtpd(peer, Integer.parseInt(announced.substring(5).trim()), base);
    }

    int port() {
        return this.port;
    }

    /** The CA that signed the server's certificate (PEM), when started with TLS. */
    Path caCertificate() {
        return this.dir.resolve("ca.crt");
    }

    /** The messages received so far: their {@code .eml} files in order. */
    List<Path> messages() throws IOException {
        try (Stream<Path> files = Files.list(this.dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }

    /** The envelope of a message, as JSON. */
    String envelope(Path message) throws IOException {
        return Files.readString(Path.of(message.toString().replaceAll("\\.eml$", ".json")));
    }

    /** The commands the server took since it started, verbs only ({@code AUTH PLAIN} for AUTH). */
    List<String> commands() throws IOException {
        List<String> lines = Files.readAllLines(this.dir.resolve("commands.log"));
        return lines.subList(lines.indexOf("ready") + 1, lines.size()).stream()
                .filter(l -> !l.startsWith("reply ")).toList();
    }

    /** The reply codes the server sent since it started, one per line sent. */
    List<String> replies() throws IOException {
        List<String> lines = Files.readAllLines(this.dir.resolve("commands.log"));
        return lines.subList(lines.indexOf("ready") + 1, lines.size()).stream()
                .filter(l -> l.startsWith("reply ")).map(l -> l.substring(6)).toList();
    }

    /** What the script wrote on stderr (aiosmtpd's own log), for assertion messages. */
    String log() throws IOException {
        return Files.readString(this.dir.resolve("stderr.txt"));
    }

    /** Stops the server: closing stdin ends it; SIGTERM and then SIGKILL if it has not gone. */
    @Override
    public void close() {
        this.peer.close();
    }
}
