package twisted.conch.ssh;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import twisted.conch.avatar.CommandUser;
import twisted.conch.checkers.InMemorySSHKeyDB;
import twisted.conch.checkers.SSHPublicKeyChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSH server against JSch, a client library nobody here wrote, with the server's host key
 * checked ({@code StrictHostKeyChecking=yes}): logins, exec with exit status and separate
 * streams, a mebibyte each way, a pty shell, and a client that stops reading.
 */
class SSHFactoryJSchTests {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private TestSSHServer server;

    private KeyPair bobKey;

    @BeforeEach
    void start() throws Exception {
        this.bobKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        this.server = new TestSSHServer(this.dir, new SSHPublicKeyChecker(
                new InMemorySSHKeyDB(Map.of("bob", List.of(this.bobKey.getPublic())))));
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    private Session alice() throws JSchException {
        return JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
    }

    @Test
    void passwordLoginAndExecWithExitStatus() throws Exception {
        Session session = alice();
        try {
            JSchClient.Result result = JSchClient.exec(session, "echo hello world", new byte[0]);
            assertThat(result.out()).isEqualTo("hello world\n");
            assertThat(result.exitStatus()).as("%s", result).isZero();
            assertThat(this.server.factory.getLoggedInUsers()).containsEntry("alice", 1);
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> JSchClient.password(this.server, "alice", "wrong horse"))
                .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
        assertThat(this.server.factory.getLoginFailures()).isPositive();
        assertThat(this.server.factory.getLogins()).isZero();
    }

    @Test
    void keyLogin() throws Exception {
        Session session = JSchClient.key(this.server, "bob", this.bobKey, this.dir);
        try {
            assertThat(JSchClient.exec(session, "echo it is bob", new byte[0]).out()).isEqualTo("it is bob\n");
            assertThat(this.server.factory.getLoggedInUsers()).containsEntry("bob", 1);
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        assertThatThrownBy(() -> JSchClient.key(this.server, "bob", other, this.dir))
                .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
        assertThat(this.server.factory.getLoginFailures()).isPositive();
        assertThat(this.server.factory.getLogins()).isZero();
    }

    @Test
    void anotherHostKeyIsRefusedByTheClient() throws Exception {
        KeyPair impostor = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        com.jcraft.jsch.JSch jsch = new com.jcraft.jsch.JSch();
        jsch.setKnownHosts(new java.io.ByteArrayInputStream(("[127.0.0.1]:" + this.server.port + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(impostor.getPublic()) + "\n")
                .getBytes(StandardCharsets.US_ASCII)));
        Session session = jsch.getSession("alice", "127.0.0.1", this.server.port);
        session.setPassword(TestSSHServer.PASSWORD);
        session.setConfig("StrictHostKeyChecking", "yes");

        assertThatThrownBy(() -> session.connect(10_000)).isInstanceOf(JSchException.class)
                .hasMessageContaining("HostKey has been changed");
        assertThat(this.server.factory.getLogins()).isZero();
    }

    @Test
    void exitStatuses() throws Exception {
        Session session = alice();
        try {
            assertThat(JSchClient.exec(session, "exit 0", new byte[0]).exitStatus()).isZero();
            assertThat(JSchClient.exec(session, "exit 3", new byte[0]).exitStatus()).isEqualTo(3);
            JSchClient.Result unknown = JSchClient.exec(session, "no-such-command now", new byte[0]);
            assertThat(unknown.exitStatus()).isEqualTo(CommandUser.COMMAND_NOT_FOUND);
            assertThat(unknown.out()).isEmpty();
            assertThat(unknown.err()).isEqualTo("no-such-command: command not found\n");
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void standardOutputErrorAndInputApart() throws Exception {
        Session session = alice();
        try {
            JSchClient.Result err = JSchClient.exec(session, "err", new byte[0]);
            assertThat(err.out()).isEqualTo("to stdout\n");
            assertThat(err.err()).isEqualTo("to stderr\n");
            assertThat(err.exitStatus()).isEqualTo(2);

            JSchClient.Result cat = JSchClient.exec(session, "cat",
                    "line one\nline two\n".getBytes(StandardCharsets.UTF_8));
            assertThat(cat.out()).isEqualTo("line one\nline two\n");
            assertThat(cat.err()).isEmpty();
            assertThat(cat.exitStatus()).isZero();
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void aMebibyteEachWay() throws Exception {
        byte[] upload = new byte[MIB];
        new Random(15).nextBytes(upload);
        Session session = alice();
        try {
            JSchClient.Result down = JSchClient.exec(session, "count " + MIB, new byte[0]);
            assertThat(down.exitStatus()).as("%s", down).isZero();
            assertThat(down.stdout()).isEqualTo(TestSSHServer.pattern(MIB));

            JSchClient.Result up = JSchClient.exec(session, "sink", upload);
            assertThat(up.exitStatus()).as("%s", up).isZero();
            assertThat(up.out()).isEqualTo(TestSSHServer.sinkAnswer(upload));

            JSchClient.Result both = JSchClient.exec(session, "cat", upload);
            assertThat(both.exitStatus()).as("%s", both).isZero();
            assertThat(both.stdout()).isEqualTo(upload);
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void aPtyShellDrivenLikeATerminal() throws Exception {
        Session session = alice();
        try {
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPty(true);
            shell.setPtyType("xterm", 80, 24, 640, 480);
            JSchClient.Screen screen = new JSchClient.Screen(shell.getInputStream());
            OutputStream keys = shell.getOutputStream();
            shell.connect(10_000);

            screen.await(TestSSHServer.GREETING + "\r\n" + TestSSHServer.PROMPT);
            type(keys, "hellp\u007fo\r");
            screen.await("you said: hello\r\n");
            type(keys, "\u001b[A again\r");
            screen.await("you said: hello again\r\n");
            type(keys, "never sent\u0003");
            screen.await("^C");
            screen.await("interrupted\r\n");
            type(keys, "quit\r");
            screen.await("bye\r\n");
            JSchClient.awaitClosed(shell);

            assertThat(shell.getExitStatus()).isZero();
            assertThat(screen.text()).doesNotContain("you said: never sent").doesNotContain("you said: hellp");
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void aShellUnderTheLineDisciplineEndsWithItsExitStatus() throws Exception {
        Session session = alice();
        try {
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPty(true);
            JSchClient.Screen screen = new JSchClient.Screen(shell.getInputStream());
            OutputStream keys = shell.getOutputStream();
            shell.connect(10_000);

            screen.await(TestSSHServer.PROMPT);
            type(keys, "half typed");
            type(keys, "\u0015quit 3\r");
            screen.await("bye\r\n");
            JSchClient.awaitClosed(shell);

            assertThat(shell.getExitStatus()).isEqualTo(3);
        }
        finally {
            session.disconnect();
        }
    }

    private static void type(OutputStream keys, String text) throws Exception {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /**
     * A client that stops reading while {@code count} streams 128 MiB: the command's producer is
     * paused, and what it has written settles at what the client's channel window, its buffers
     * and the server's high-water marks hold, far below the whole stream; when the client reads
     * again, it is resumed and every byte arrives. With JSch's default window (1 MiB) the channel
     * window stops the server; with a window of 64 MiB, which the client leaves unread, only the
     * connection's own backpressure does (MINA's writes wait for the reactor's transport to drain).
     * Each pause and resume is checked against the bound as it happens; the stream has settled
     * when the producer stays paused with nothing more happening for a second.
     */
    @ParameterizedTest(name = "window {0} MiB")
    @CsvSource({ "0, 8", "64, 32" })
    void aClientThatStopsReadingPausesTheProducer(int windowMiB, int boundMiB) throws Exception {
        long total = 128L * MIB;
        long bound = (long) boundMiB * MIB;
        Session session = alice();
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            if (windowMiB > 0) {
                exec.setLocalWindowSizeMax(windowMiB * MIB);
            }
            exec.setCommand("count " + total);
            InputStream out = exec.getInputStream();
            exec.connect(10_000);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Long event = this.server.count.events.poll(30, TimeUnit.SECONDS);
            assertThat(event).as("count was paused").isNotNull().isPositive();
            long settled = event;
            while (true) {
                Long next = this.server.count.events.poll(1, TimeUnit.SECONDS);
                if (next == null && settled > 0) {
                    break;
                }
                assertThat(this.server.count.written.get()).as("bytes written while the client does not read")
                        .isLessThan(bound);
                assertThat(System.nanoTime() - deadline).as("the stream settled within 30 s").isNegative();
                if (next != null) {
                    settled = next;
                    assertThat(Math.abs(next)).as("bytes written while the client does not read").isLessThan(bound);
                }
            }
            System.out.printf("count, client window %d MiB, not read: paused for good after %d bytes%n", windowMiB,
                    settled);
            assertThat(this.server.count.written.get()).isLessThan(bound);

            long read = 0;
            long mismatches = 0;
            byte[] buffer = new byte[65536];
            int n;
            while ((n = out.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != TestSSHServer.patternByte(read + i)) {
                        mismatches++;
                    }
                }
                read += n;
            }
            JSchClient.awaitClosed(exec);
            assertThat(read).isEqualTo(total);
            assertThat(mismatches).isZero();
            assertThat(exec.getExitStatus()).isZero();
            assertThat(this.server.count.resumes.get()).isPositive();
        }
        finally {
            session.disconnect();
        }
    }
}
