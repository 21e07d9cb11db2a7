package twisted.conch.ssh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.conch.avatar.CommandUser;
import twisted.conch.OpenSshClient;
import twisted.conch.SshKeygen;
import twisted.conch.checkers.AuthorizedKeysFiles;
import twisted.conch.checkers.SSHPublicKeyChecker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSH server against Debian's OpenSSH client ({@code /usr/bin/ssh}), with the server's host
 * key in a {@code known_hosts} file and {@code StrictHostKeyChecking=yes}: logins by password and
 * by an Ed25519 key from an {@code authorized_keys} file, refusals, exec with exit status and
 * separate streams, a mebibyte each way, and a shell in a pseudo terminal typed at like a person.
 * Skipped without {@code ssh}; failing instead with {@code TWISTED_REQUIRE_SSH_PEERS=1}.
 */
class SSHFactoryOpenSshTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path dir;

    private static TestSSHServer server;

    private static Path bobKey;

    @BeforeAll
    static void start() throws Exception {
        OpenSshClient.assumeInstalled();
        SshKeygen.assumeInstalled();
        bobKey = dir.resolve("id_ed25519");
        String bobPublic = SshKeygen.generate(bobKey, "ed25519");
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Files.writeString(keys.resolve("bob"), "# bob's keys\n" + bobPublic + "\n", StandardCharsets.US_ASCII);
        server = new TestSSHServer(dir,
                reactor -> new SSHPublicKeyChecker(new AuthorizedKeysFiles(reactor, keys + "/%u")), null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static OpenSshClient client(String user) throws Exception {
        return OpenSshClient.to("127.0.0.1", server.port, user, server.knownHostsLines(), dir);
    }

    private static OpenSshClient alice() throws Exception {
        return client("alice").withPassword(TestSSHServer.PASSWORD);
    }

    @Test
    void passwordLogin() throws Exception {
        OpenSshClient.Result result = alice().exec("echo hello world", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("hello world\n");
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        OpenSshClient.Result result = client("alice").withPassword("wrong horse").exec("echo hi", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Permission denied");
    }

    @Test
    void keyLogin() throws Exception {
        OpenSshClient.Result result = client("bob").withKey(bobKey).exec("echo it is bob", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("it is bob\n");
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        Path other = dir.resolve("id_other_" + System.nanoTime());
        SshKeygen.generate(other, "ed25519");

        OpenSshClient.Result result = client("bob").withKey(other).exec("echo hi", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Permission denied");
    }

    @Test
    void aChangedHostKeyIsRefusedByTheClient() throws Exception {
        Path impostor = dir.resolve("impostor_" + System.nanoTime());
        String line = SshKeygen.generate(impostor, "ed25519");
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", server.port, "alice",
                "[127.0.0.1]:" + server.port + " " + line, dir).withPassword(TestSSHServer.PASSWORD);

        OpenSshClient.Result result = ssh.exec("echo hi", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.err()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void exitStatuses() throws Exception {
        OpenSshClient ssh = alice();

        assertThat(ssh.exec("exit 0", new byte[0], TIMEOUT).exitStatus()).isZero();
        assertThat(ssh.exec("exit 3", new byte[0], TIMEOUT).exitStatus()).isEqualTo(3);
        OpenSshClient.Result unknown = ssh.exec("no-such-command now", new byte[0], TIMEOUT);
        assertThat(unknown.exitStatus()).isEqualTo(CommandUser.COMMAND_NOT_FOUND);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("no-such-command: command not found\n");
    }

    @Test
    void standardOutputErrorAndInputApart() throws Exception {
        OpenSshClient ssh = alice();

        OpenSshClient.Result err = ssh.exec("err", new byte[0], TIMEOUT);
        assertThat(err.out()).isEqualTo("to stdout\n");
        assertThat(err.err()).isEqualTo("to stderr\n");
        assertThat(err.exitStatus()).isEqualTo(2);

        OpenSshClient.Result cat = ssh.exec("cat", "line one\nline two\n".getBytes(StandardCharsets.UTF_8), TIMEOUT);
        assertThat(cat.out()).isEqualTo("line one\nline two\n");
        assertThat(cat.err()).isEmpty();
        assertThat(cat.exitStatus()).isZero();
    }

    @Test
    void aMebibyteEachWay() throws Exception {
        byte[] upload = new byte[MIB];
        new Random(14).nextBytes(upload);
        OpenSshClient ssh = alice();

        OpenSshClient.Result down = ssh.exec("count " + MIB, new byte[0], TIMEOUT);
        assertThat(down.exitStatus()).as("%s", down).isZero();
        assertThat(down.stdout()).isEqualTo(TestSSHServer.pattern(MIB));

        OpenSshClient.Result up = ssh.exec("sink", upload, TIMEOUT);
        assertThat(up.exitStatus()).as("%s", up).isZero();
        assertThat(up.out()).isEqualTo(TestSSHServer.sinkAnswer(upload));

        OpenSshClient.Result both = ssh.exec("cat", upload, TIMEOUT);
        assertThat(both.exitStatus()).as("%s", both).isZero();
        assertThat(both.stdout()).isEqualTo(upload);
    }

    @Test
    void aPtyShellDrivenLikeATerminal() throws Exception {
        try (OpenSshClient.Terminal terminal = alice().terminal(null)) {
            terminal.awaitOutput(TestSSHServer.GREETING + "\r\n" + TestSSHServer.PROMPT, TIMEOUT);
            terminal.write("hellp\u007fo\r");
            terminal.awaitOutput("you said: hello\r\n", TIMEOUT);
            terminal.write("\u001b[A again\r");
            terminal.awaitOutput("you said: hello again\r\n", TIMEOUT);
            terminal.write("never sent\u0003");
            terminal.awaitOutput("^C", TIMEOUT);
            terminal.awaitOutput("interrupted\r\n", TIMEOUT);
            terminal.write("quit\r");
            terminal.awaitOutput("bye\r\n", TIMEOUT);

            assertThat(terminal.awaitExit(TIMEOUT)).as("%s", terminal.output()).isZero();
            assertThat(terminal.output()).doesNotContain("you said: never sent").doesNotContain("you said: hellp");
        }
    }
}
