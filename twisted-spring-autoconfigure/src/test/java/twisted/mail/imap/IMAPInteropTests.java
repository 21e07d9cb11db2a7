package twisted.mail.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.internet.netty.TestCertificates;
import twisted.mail.MessageWriter;
import twisted.mail.maildir.MaildirStore;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.PeerProcess;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our IMAP4rev1 server on a real socket (127.0.0.1, port 0) over a {@link MaildirStore} whose file
 * work runs on the reactor's thread pool, driven by Python's {@code imaplib}, a client nobody here
 * wrote ({@code src/test/resources/twisted/mail/imap/imaplib_interop.py}): STARTTLS with the
 * certificate verified, LOGIN, CAPABILITY, LIST, CREATE/RENAME/DELETE, SELECT, SEARCH (with a
 * UTF-8 literal), FETCH with the message bytes compared exactly, STORE, COPY, UID MOVE, EXPUNGE,
 * APPEND with flags and a date, IDLE woken by a delivery the test makes, LOGOUT; and the refusals:
 * LOGIN before TLS, a wrong password without a disconnect.
 *
 * <p>Skipped when {@code /usr/bin/python3} is missing, failed instead when
 * {@code TWISTED_REQUIRE_MAIL_PEERS=1}.
 */
class IMAPInteropTests {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Delivered before the script starts; the subject's encoded-word is "Grüße aus Berlin". */
    private static final String FIRST = "Date: Mon, 6 Jan 2025 10:00:00 +0000\r\n"
            + "From: Bob <bob@example.com>\r\n"
            + "To: alice@example.com\r\n"
            + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus Berlin\r\n"
            + "Message-ID: <1@example.com>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße aus Berlin, in 8 bits.\r\n"
            + ".a line that starts with a dot\r\n"
            + "\r\n"
            + "Bob\r\n";

    /** Delivered before the script starts; the script also APPENDs these bytes. */
    private static final String SECOND = "Date: Tue, 7 Jan 2025 09:15:00 +0100\r\n"
            + "From: carol@example.org\r\n"
            + "To: alice@example.com\r\n"
            + "Subject: plans\r\n"
            + "\r\n"
            + "Lunch on Friday?\r\n";

    /** Delivered by the test while the script idles. */
    private static final String THIRD = "From: dave@example.net\r\n"
            + "Subject: while you were idling\r\n"
            + "\r\n"
            + "ping\r\n";

    private static final String WAITING = "WAITING FOR DELIVERY";

    @TempDir
    Path dir;

    private RunningReactor running;

    private MaildirStore store;

    private TestCertificates certificates;

    private int port;

    @BeforeEach
    void start() throws Exception {
        this.certificates = TestCertificates.generate(this.dir);
        this.running = RunningReactor.start();
        this.store = new MaildirStore(this.dir.resolve("maildirs"), this.running.reactor());
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret"));
        IMAPFactory factory = new IMAPFactory(this.store, portal, this.running.reactor())
                .settings(IMAPSettings.defaults().withTls(TlsOptions.server(this.certificates.serverContext())));
        this.port = this.running.listenTCP(factory);
        deliver(FIRST);
        deliver(SECOND);
    }

    @AfterEach
    void stop() {
        if (this.running != null) {
            this.running.close();
        }
    }

    private void deliver(String message) throws Exception {
        this.running.call(() -> {
            MessageWriter writer = this.store.newMessage("alice");
            String body = message.substring(0, message.length() - 2);
            for (String line : body.split("\r\n", -1)) {
                writer.lineReceived(line.getBytes(StandardCharsets.UTF_8));
            }
            return writer.eomReceived();
        });
    }

    @Test
    void pythonImaplibSession() throws Exception {
        List<String> lines = runScript("session");
        assertThat(lines).containsSubsequence("OK starttls with the certificate verified", "OK login", "OK capability",
                "OK list", "OK create rename delete", "OK select", "OK search", "OK fetch", "OK store", "OK copy",
                "OK uid move", "OK expunge", "OK append", "OK subscribe lsub namespace", WAITING, "OK idle",
                "OK check unselect examine close", "OK logout", "INTEROP PASSED");
    }

    @Test
    void pythonImaplibRefusals() throws Exception {
        List<String> lines = runScript("refusals");
        assertThat(lines).containsSubsequence("OK login refused without tls",
                "OK wrong password refused without a disconnect", "OK login after the wrong password", "OK logout",
                "INTEROP PASSED");
    }

    /**
     * Runs the script in {@code mode} to its end, delivering {@link #THIRD} when it says it waits
     * for a delivery, and checks that it passed.
     */
    private List<String> runScript(String mode) throws Exception {
        PeerProcess.assumePresent(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed",
                "TWISTED_REQUIRE_MAIL_PEERS");
        Path script = this.dir.resolve("imaplib_interop.py");
        try (InputStream in = IMAPInteropTests.class.getResourceAsStream("imaplib_interop.py")) {
            assertThat(in).as("the script on the test class path").isNotNull();
            Files.write(script, in.readAllBytes());
        }
        Path cafile = this.dir.resolve("ca.pem");
        this.certificates.writePem(this.dir.resolve("key.pem"), cafile);
        Path messages = Files.createDirectories(this.dir.resolve("messages"));
        List<String> texts = List.of(FIRST, SECOND, THIRD);
        for (int i = 0; i < texts.size(); i++) {
            Files.write(messages.resolve((i + 1) + ".eml"), texts.get(i).getBytes(StandardCharsets.UTF_8));
        }
        Process python = new ProcessBuilder(List.of(PYTHON.toString(), script.toString(), mode, "127.0.0.1",
                Integer.toString(this.port), cafile.toString(), messages.toString()))
                .redirectErrorStream(true).start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> deliveryFailures = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> readOutput(python, lines, deliveryFailures), "imaplib-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = python.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            python.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String transcript;
        synchronized (lines) {
            transcript = String.join("\n", lines);
        }
        assertThat(finished).as("imaplib finished; its output:%n%s", transcript).isTrue();
        assertThat(deliveryFailures).as("the delivery while idling; imaplib's output:%n%s", transcript).isEmpty();
        assertThat(python.exitValue()).as("imaplib's exit status; its output:%n%s", transcript).isZero();
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private void readOutput(Process python, List<String> lines, List<Throwable> deliveryFailures) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (WAITING.equals(line)) {
                    try {
                        deliver(THIRD);
                    }
                    catch (Exception ex) {
                        deliveryFailures.add(ex);
                    }
                }
            }
        }
        catch (IOException ex) {
            lines.add("(output unreadable: " + ex + ")");
        }
    }
}
