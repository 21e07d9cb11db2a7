package twisted.conch.ssh;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.stream.Collectors;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.Session;

import twisted.conch.OpenSshClient;
import twisted.conch.client.CommandResult;
import twisted.conch.client.KnownHosts;
import twisted.conch.client.SSHClient;
import twisted.conch.client.SSHClientOptions;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that ends as killed by a signal ({@link twisted.conch.SSHSessionTransport#exitSignal}):
 * the {@code exit-signal} request reaches our own {@link SSHClient}, JSch, and OpenSSH's
 * {@code ssh}, each as it reports such an end.
 */
class SSHExitSignalTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSSHServer server;

    @BeforeEach
    void start() throws Exception {
        this.server = new TestSSHServer(this.dir, null);
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void ourClientReportsTheSignalAndNoExitStatus() throws Exception {
        KnownHosts knownHosts = KnownHosts.fromString(this.server.factory.getHostKeys().stream()
                .map((PublicKey key) -> "[127.0.0.1]:" + this.server.port + " " + PublicKeyEntry.toString(key))
                .collect(Collectors.joining("\n")));
        try (RunningReactor running = RunningReactor.start("ssh-client", TIMEOUT);
                SSHClient client = new SSHClient(running.reactor(), SSHClientOptions.builder("alice")
                        .knownHosts(knownHosts).password(TestSSHServer.PASSWORD.toCharArray()).build())) {

            CommandResult result = running
                    .call(() -> client.runCommand("127.0.0.1", this.server.port, "signal TERM killed"));

            assertThat(result.exitSignal()).isEqualTo("TERM");
            assertThat(result.exitStatus()).isNull();
            assertThat(result.stdoutText()).isEqualTo("about to die\n");
        }
    }

    @Test
    void jschSeesTheChannelEndWithoutAnExitStatus() throws Exception {
        Session session = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        try {
            JSchClient.Result result = JSchClient.exec(session, "signal KILL gone", new byte[0]);

            // JSch ignores exit-signal: its exit status stays at "none" (-1)
            assertThat(result.out()).isEqualTo("about to die\n");
            assertThat(result.exitStatus()).isEqualTo(-1);
        }
        finally {
            session.disconnect();
        }
    }

    /**
     * OpenSSH's {@code ssh} receives the {@code exit-signal} request (its debug log names it) but
     * does nothing with it: with no exit status it exits with 255, its own failure status, and
     * prints no message of the signal.
     */
    @Test
    void openSshExitsWithItsOwnFailureStatus() throws Exception {
        OpenSshClient.assumeInstalled();
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", this.server.port, "alice", this.server.knownHostsLines(),
                this.dir).withPassword(TestSSHServer.PASSWORD);

        OpenSshClient.Result result = ssh.exec("signal TERM killed", new byte[0], TIMEOUT);
        OpenSshClient.Result debug = ssh.withOption("LogLevel", "DEBUG1").exec("signal TERM killed", new byte[0],
                TIMEOUT);

        assertThat(result.out()).isEqualTo("about to die\n");
        assertThat(result.exitStatus()).as("%s", result).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.err()).isEmpty();
        assertThat(debug.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(debug.err()).contains("rtype exit-signal").doesNotContain("rtype exit-status");
    }

    @Test
    void theSameCommandEndingNormallyGivesOpenSshItsStatus() throws Exception {
        OpenSshClient.assumeInstalled();
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", this.server.port, "alice", this.server.knownHostsLines(),
                this.dir).withPassword(TestSSHServer.PASSWORD);

        assertThat(ssh.exec("exit 7", new byte[0], TIMEOUT).exitStatus()).isEqualTo(7);
    }
}
