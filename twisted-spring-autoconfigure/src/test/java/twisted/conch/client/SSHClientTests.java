package twisted.conch.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.stream.Collectors;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.conch.ssh.TestSSHServer;
import twisted.cred.UnauthorizedLoginException;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SSHClient} against our own server ({@link TestSSHServer}, MINA's server behind the
 * portal), for what the OpenSSH fixture does not offer: password logins, right and wrong, and a
 * command the server refuses.
 */
class SSHClientTests {

    @TempDir
    Path dir;

    private TestSSHServer server;

    private RunningReactor running;

    private SSHClient client;

    @BeforeEach
    void start() throws Exception {
        this.server = new TestSSHServer(this.dir, null);
        this.running = RunningReactor.start("ssh-client", Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (this.client != null) {
            this.client.close();
        }
        this.running.close();
        this.server.close();
    }

    private KnownHosts knownHosts() throws Exception {
        String pattern = "[127.0.0.1]:" + this.server.port + " ";
        return KnownHosts.fromString(this.server.factory.getHostKeys().stream()
                .map((PublicKey key) -> pattern + PublicKeyEntry.toString(key)).collect(Collectors.joining("\n")));
    }

    private SSHClient client(char[] password) throws Exception {
        this.client = new SSHClient(this.running.reactor(),
                SSHClientOptions.builder("alice").knownHosts(knownHosts()).password(password).build());
        return this.client;
    }

    @Test
    void aPasswordLoginRunsACommand() throws Exception {
        SSHClient c = client(TestSSHServer.PASSWORD.toCharArray());

        CommandResult result = this.running.call(() -> c.runCommand("127.0.0.1", this.server.port, "echo hi there"));

        assertThat(result.stdoutText()).isEqualTo("hi there\n");
        assertThat(result.exitStatus()).isZero();
    }

    @Test
    void standardOutputAndErrorStayApart() throws Exception {
        SSHClient c = client(TestSSHServer.PASSWORD.toCharArray());

        CommandResult result = this.running.call(() -> c.runCommand("127.0.0.1", this.server.port, "err oops"));

        assertThat(result.stdoutText()).isEqualTo("to stdout\n");
        assertThat(result.stderrText()).isEqualTo("to stderr\n");
        assertThat(result.exitStatus()).isEqualTo(2);
    }

    @Test
    void standardInputReachesTheCommand() throws Exception {
        SSHClient c = client(TestSSHServer.PASSWORD.toCharArray());
        byte[] input = "line\n".repeat(50_000).getBytes(StandardCharsets.US_ASCII);

        CommandResult result = this.running.call(() -> c.runCommand("127.0.0.1", this.server.port, "cat", input));

        assertThat(result.stdout()).isEqualTo(input);
        assertThat(result.exitStatus()).isZero();
    }

    @Test
    void aWrongPasswordFailsWithATypedLoginErrorThatHoldsNoPassword() throws Exception {
        SSHClient c = client("wrong horse".toCharArray());

        AuthenticationFailedException failed = assertThatExceptionOfType(AuthenticationFailedException.class)
                .isThrownBy(() -> this.running.call(() -> c.runCommand("127.0.0.1", this.server.port, "echo hi")))
                .actual();

        assertThat(failed).isInstanceOf(UnauthorizedLoginException.class);
        assertThat(failed.getMessage()).contains("alice@[127.0.0.1]:" + this.server.port).doesNotContain("horse");
        assertThat(this.server.factory.getLoginFailures()).isPositive();
    }

    @Test
    void anUnknownCommandIsAnsweredAsAShellWould() throws Exception {
        SSHClient c = client(TestSSHServer.PASSWORD.toCharArray());

        CommandResult result = this.running.call(() -> c.runCommand("127.0.0.1", this.server.port, "nosuch"));

        assertThat(result.stderrText()).isEqualTo("nosuch: command not found\n");
        assertThat(result.exitStatus()).isEqualTo(127);
    }
}
