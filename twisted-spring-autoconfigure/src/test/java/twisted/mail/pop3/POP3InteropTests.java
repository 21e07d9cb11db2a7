package twisted.mail.pop3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.cred.LoginResult;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.internet.netty.TestCertificates;
import twisted.mail.MemoryMailStore;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our POP3 server on a real socket (127.0.0.1, port 0), driven by clients nobody here wrote:
 * Python's {@code poplib} ({@code src/test/resources/twisted/mail/pop3/poplib_interop.py}: CAPA,
 * a refused password, STAT/LIST/UIDL, RETR with a dot-stuffed line, TOP, DELE and QUIT, a session
 * cut after DELE, STLS with certificate verification) and Jakarta Mail's POP3 provider (Eclipse
 * Angus Mail: list, read, delete with {@code folder.close(true)}, over plain text and STLS).
 */
class POP3InteropTests {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private RunningReactor running;

    private MemoryMailStore store;

    private TestCertificates certificates;

    private int port;

    @BeforeEach
    void start() throws Exception {
        this.certificates = TestCertificates.generate(this.dir);
        this.running = RunningReactor.start();
        this.store = new MemoryMailStore().add("alice", POP3Fixture.FIRST).add("alice", POP3Fixture.SECOND);
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret"));
        POP3Factory factory = new POP3Factory(this.store, portal, this.running.reactor())
                .tls(TlsOptions.server(this.certificates.serverContext()))
                .throttle(new LoginThrottle(this.running.reactor(), java.time.Duration.ofMillis(10),
                        java.time.Duration.ofMillis(50), java.time.Duration.ofMinutes(1), 100));
        this.port = this.running.listenTCP(factory);
    }

    @AfterEach
    void stop() {
        if (this.running != null) {
            this.running.close();
        }
    }

    @Test
    void pythonPoplib() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        Path script = this.dir.resolve("poplib_interop.py");
        try (InputStream in = POP3InteropTests.class.getResourceAsStream("poplib_interop.py")) {
            assertThat(in).as("the script on the test class path").isNotNull();
            Files.write(script, in.readAllBytes());
        }
        Path cafile = this.dir.resolve("ca.pem");
        this.certificates.writePem(this.dir.resolve("key.pem"), cafile);
        Path output = this.dir.resolve("poplib.out");
        Process python = new ProcessBuilder(List.of(PYTHON.toString(), script.toString(), "127.0.0.1",
                Integer.toString(this.port), cafile.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean finished = python.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            python.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String transcript = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished).as("poplib finished; its output:%n%s", transcript).isTrue();
        assertThat(python.exitValue()).as("poplib's exit status; its output:%n%s", transcript).isZero();
        assertThat(transcript).contains("INTEROP PASSED");
        assertThat(this.store.uids("alice")).containsExactly("uid-alice-2");
    }

    private Store connect(boolean stls) throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", Integer.toString(this.port));
        props.put("mail.pop3.connectiontimeout", "10000");
        props.put("mail.pop3.timeout", "10000");
        if (stls) {
            props.put("mail.pop3.starttls.enable", "true");
            props.put("mail.pop3.starttls.required", "true");
            props.put("mail.pop3.ssl.socketFactory", this.certificates.clientContext().getSocketFactory());
        }
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect("alice", "s3cret");
        return store;
    }

    @Test
    void jakartaMailListsReadsAndDeletesOnClose() throws Exception {
        Store mail = connect(false);
        Folder inbox = mail.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message[] messages = inbox.getMessages();
        assertThat(messages).hasSize(2);
        assertThat(messages[0].getSubject()).isEqualTo("one");
        assertThat(messages[0].getContent().toString()).isEqualTo("Hello\r\n.hidden\r\n");
        assertThat(messages[1].getSubject()).isEqualTo("two");
        assertThat(((POP3Folder) inbox).getUID(messages[1])).isEqualTo("uid-alice-2");
        messages[0].setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        mail.close();
        assertThat(this.store.uids("alice")).containsExactly("uid-alice-2");
    }

    @Test
    void jakartaMailClosingWithoutExpungeDeletesNothingAndStlsWorks() throws Exception {
        Store mail = connect(true);
        Folder inbox = mail.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertThat(inbox.getMessageCount()).isEqualTo(2);
        inbox.getMessage(2).setFlag(Flags.Flag.DELETED, true);
        inbox.close(false);
        mail.close();
        assertThat(this.store.uids("alice")).containsExactly("uid-alice-1", "uid-alice-2");
    }
}
