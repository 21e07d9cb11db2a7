package twisted.conch.ssh;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import twisted.conch.OpenSshClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A user without a shell ({@link twisted.conch.avatar.CommandUser} with no shell factory, so
 * {@code openShell} gives {@code null}): the {@code shell} request is answered with failure, as
 * JSch and OpenSSH's {@code ssh} show it, while the same user's commands still run on the same
 * connection.
 */
class SSHRefusedShellTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSSHServer server;

    @BeforeEach
    void start() throws Exception {
        this.server = TestSSHServer.builder(this.dir).shell(null).start();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void jschCannotOpenTheShellButCanStillRunACommand() throws Exception {
        Session session = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        try {
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPty(true);

            assertThatExceptionOfType(JSchException.class).isThrownBy(() -> shell.connect((int) TIMEOUT.toMillis()))
                    .withMessageContaining("failed to send channel request");
            assertThat(session.isConnected()).isTrue();
            assertThat(JSchClient.exec(session, "echo still here", new byte[0]).out()).isEqualTo("still here\n");
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void openSshSaysTheShellRequestFailed() throws Exception {
        OpenSshClient.assumeInstalled();
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", this.server.port, "alice", this.server.knownHostsLines(),
                this.dir).withPassword(TestSSHServer.PASSWORD);

        try (OpenSshClient.Terminal terminal = ssh.terminal(null)) {
            int status = terminal.awaitExit(TIMEOUT);

            assertThat(terminal.errors()).contains("shell request failed on channel 0");
            assertThat(status).as("ssh's exit status; it showed %s", terminal.output()).isEqualTo(OpenSshClient.SSH_ERROR);
        }
    }
}
