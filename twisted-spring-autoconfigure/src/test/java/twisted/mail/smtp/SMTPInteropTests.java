package twisted.mail.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.TlsOptions;
import twisted.internet.netty.TestCertificates;
import twisted.mail.MemoryMailStore;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real clients nobody here wrote, over a real socket on 127.0.0.1: Jakarta Mail (Eclipse Angus)
 * and Python's {@code smtplib}, plain and with STARTTLS and AUTH; each message must land in the
 * store byte-exact.
 */
class SMTPInteropTests {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    private RunningReactor running;

    private MemoryMailStore store;

    private TestCertificates certificates;

    private int port;

    @BeforeEach
    void start() throws Exception {
        this.running = RunningReactor.start();
        this.store = new MemoryMailStore("alice", "bob");
        this.certificates = TestCertificates.generate(this.dir);
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret pass"));
        SMTPFactory factory = new SMTPFactory(SMTPSettings.defaults().withHostname("mx.example.com"),
                this.running.reactor(),
                new LocalDelivery(this.store, Set.of("example.com"), "mx.example.com", this.running.reactor()),
                portal, null, TlsOptions.server(this.certificates.serverContext()));
        this.port = this.running.listenTCP(factory);
    }

    @AfterEach
    void stop() {
        this.running.close();
    }

    private List<MemoryMailStore.Stored> stored() throws Exception {
        return this.running.call(() -> List.copyOf(this.store.stored()));
    }

    private String body(int index) throws Exception {
        return this.running.call(() -> this.store.body(index));
    }

    private MimeMessage angusMessage(Session session) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@client.example"));
        message.setRecipients(Message.RecipientType.TO, "alice@example.com, bob@example.com");
        message.setSubject("Hello from Angus");
        message.setText("First line\r\n.a line that begins with a dot\r\n.\r\nlast line\r\n", "UTF-8");
        return message;
    }

    private static byte[] wireBytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void angusSendsAMessageInPlainText() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(this.port));
        props.put("mail.smtp.localhost", "angus.client.example");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.connectiontimeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage message = angusMessage(session);
        Transport.send(message);
        assertThat(stored()).extracting(MemoryMailStore.Stored::mailbox).containsExactly("alice", "bob");
        String expected = new String(wireBytes(message), StandardCharsets.ISO_8859_1);
        assertThat(expected).contains("\r\n.a line that begins with a dot\r\n.\r\nlast line");
        assertThat(body(0)).isEqualTo(expected);
        assertThat(body(1)).isEqualTo(expected);
        assertThat(stored().get(0).text()).startsWith("Received: from angus.client.example ([127.0.0.1])\r\n");
    }

    @Test
    void angusSendsOverStartTlsWithAuth() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(this.port));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.socketFactory", this.certificates.clientContext().getSocketFactory());
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.connectiontimeout", "10000");
        Session session = Session.getInstance(props);
        MimeMessage message = angusMessage(session);
        assertThatThrownBy(() -> Transport.send(message, "alice", "wrong"))
                .isInstanceOf(AuthenticationFailedException.class);
        Transport.send(message, "alice", "s3cret pass");
        assertThat(stored()).hasSize(2);
        assertThat(body(0)).isEqualTo(new String(wireBytes(message), StandardCharsets.ISO_8859_1));
    }

    private String python(String script) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 is not installed");
        Path cert = this.dir.resolve("server.pem");
        this.certificates.writePem(this.dir.resolve("server.key"), cert);
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", script, Integer.toString(this.port),
                cert.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("python finished: " + output).isTrue();
        assertThat(process.exitValue()).as("python's exit status; output:\n" + output).isZero();
        return output;
    }

    private static final String PY_MESSAGE = "msg = b'From: py@client.example\\r\\nSubject: smtplib\\r\\n\\r\\n"
            + ".dotted\\r\\n..two\\r\\n\\xc3\\xa9t\\xc3\\xa9\\r\\nend\\r\\n'\n";

    private static final String PY_EXPECTED = "From: py@client.example\r\nSubject: smtplib\r\n\r\n"
            + ".dotted\r\n..two\r\n\u00c3\u00a9t\u00c3\u00a9\r\nend\r\n";

    @Test
    void pythonSmtplibSendsAMessageInPlainText() throws Exception {
        String output = python("import smtplib, sys\n" + PY_MESSAGE
                + "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='py.client.example', timeout=10)\n"
                + "code, _ = s.ehlo()\n"
                + "assert s.has_extn('pipelining') and s.has_extn('8bitmime') and not s.has_extn('auth'), s.esmtp_features\n"
                + "refused = s.sendmail('py@client.example', ['alice@example.com', 'nobody@example.com'], msg,"
                + " mail_options=['BODY=8BITMIME'])\n"
                + "print('refused', refused)\n"
                + "print('noop', s.noop()[0])\n"
                + "s.quit()\n");
        assertThat(output).contains("refused {'nobody@example.com': (550, b'5.1.1 Recipient address rejected: "
                + "User unknown: nobody@example.com')}").contains("noop 250");
        assertThat(stored()).hasSize(1);
        assertThat(body(0)).isEqualTo(PY_EXPECTED);
    }

    @Test
    void pythonSmtplibSendsOverStartTlsWithAuthPlainAndLogin() throws Exception {
        String output = python("import smtplib, ssl, sys\n" + PY_MESSAGE
                + "ctx = ssl.create_default_context(cafile=sys.argv[2])\n"
                + "for mech in ('PLAIN', 'LOGIN'):\n"
                + "    s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), local_hostname='py.client.example', timeout=10)\n"
                + "    s.ehlo()\n"
                + "    assert not s.has_extn('auth')\n"
                + "    s.starttls(context=ctx)\n"
                + "    s.ehlo()\n"
                + "    assert s.has_extn('auth') and not s.has_extn('starttls'), s.esmtp_features\n"
                + "    try:\n"
                + "        s.user, s.password = 'alice', 'bad'\n"
                + "        s.auth(mech, getattr(s, 'auth_' + mech.lower()), initial_response_ok=(mech == 'PLAIN'))\n"
                + "        raise SystemExit('a bad password was accepted')\n"
                + "    except smtplib.SMTPAuthenticationError as e:\n"
                + "        print(mech, 'refused', e.smtp_code)\n"
                + "    s.user, s.password = 'alice', 's3cret pass'\n"
                + "    print(mech, s.auth(mech, getattr(s, 'auth_' + mech.lower()))[0])\n"
                + "    s.sendmail('py@client.example', ['bob@example.com'], msg)\n"
                + "    s.quit()\n");
        assertThat(output).contains("PLAIN refused 535", "PLAIN 235", "LOGIN refused 535", "LOGIN 235");
        assertThat(stored()).hasSize(2);
        assertThat(body(0)).isEqualTo(PY_EXPECTED);
        assertThat(body(1)).isEqualTo(PY_EXPECTED);
    }
}
