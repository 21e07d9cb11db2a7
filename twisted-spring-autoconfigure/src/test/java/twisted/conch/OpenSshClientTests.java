package twisted.conch;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OpenSshClient}'s password login, proved against Apache MINA SSHD's own server (a peer
 * nobody here wrote; OpenSSH's {@code sshd} in {@link OpenSshd} takes keys only): the password
 * reaches the server through the askpass script, a wrong one is refused, and it is never on the
 * {@code ssh} command line.
 */
class OpenSshClientTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String PASSWORD = "correct horse 'battery' $staple";

    @TempDir
    static Path dir;

    private static SshServer server;

    private static String knownHostsLine;

    private static final Collection<String> TRIED = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        OpenSshClient.assumeInstalled();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser"));
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> {
            TRIED.add(password);
            return "alice".equals(user) && PASSWORD.equals(password);
        });
        server.setCommandFactory(ProcessShellCommandFactory.INSTANCE);
        server.start();
        KeyPair key = hostKeys.loadKeys(null).iterator().next();
        knownHostsLine = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(key.getPublic());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop(true);
        }
    }

    private static OpenSshClient client(String password) throws Exception {
        return OpenSshClient.to("127.0.0.1", server.getPort(), "alice", knownHostsLine, dir).withPassword(password);
    }

    @Test
    void aPasswordLogsInThroughTheAskpassScript() throws Exception {
        OpenSshClient.Result result = client(PASSWORD).exec("echo hello", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("hello\n");
        assertThat(TRIED).contains(PASSWORD);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        OpenSshClient.Result result = client("wrong").exec("echo hello", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Permission denied");
        assertThat(TRIED).contains("wrong");
    }

    @Test
    void thePasswordIsNeverOnTheCommandLine() throws Exception {
        OpenSshClient ssh = client(PASSWORD);

        assertThat(String.join(" ", ssh.commandLine(false))).doesNotContain(PASSWORD).doesNotContain("correct");
        assertThat(String.join(" ", ssh.commandLine(true))).contains("-tt").contains("StrictHostKeyChecking=yes");
    }
}
