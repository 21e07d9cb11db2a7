package twisted.conch.ssh;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.Session;

import twisted.conch.ConchUser;
import twisted.conch.OpenSshClient;
import twisted.conch.SSHSession;
import twisted.conch.WindowChangeListener;
import twisted.internet.Protocol;
import twisted.protocols.basic.LineReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client asks for before its shell or command, through JSch and OpenSSH's {@code ssh}:
 * environment variables only by the allow-list ({@link SSHSettings#environment}), the pseudo
 * terminal's type and size in {@link SSHSession#getTerminal()}, and each later window change
 * reaching a protocol that is a {@link twisted.conch.WindowChangeListener}.
 */
class SSHSessionRequestsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestSSHServer server;

    @BeforeEach
    void start() throws Exception {
        this.server = TestSSHServer.builder(this.dir).avatars(WindowShellUser::new).start();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    /** Runs {@code env} with these variables set by JSch, returns what it printed. */
    private String envWith(String... namesAndValues) throws Exception {
        TestSSHServer plain = TestSSHServer.builder(this.dir.resolve("plain")).start();
        Session session = JSchClient.password(plain, "alice", TestSSHServer.PASSWORD);
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand("env");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                exec.setEnv(namesAndValues[i], namesAndValues[i + 1]);
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            exec.setErrStream(err);
            InputStream out = exec.getInputStream();
            exec.connect((int) TIMEOUT.toMillis());
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            JSchClient.awaitClosed(exec);
            assertThat(exec.getExitStatus()).as("env's exit status; stderr %s", err).isZero();
            return text;
        }
        finally {
            session.disconnect();
            plain.close();
        }
    }

    @Test
    void allowedVariablesReachTheSessionAndOthersDoNot() throws Exception {
        String env = envWith("LANG", "de_DE.UTF-8", "LD_PRELOAD", "/tmp/evil.so", "LC_ALL", "C.UTF-8", "PATH",
                "/tmp/evil", "TERM", "evil", "LCX", "no");

        assertThat(env).isEqualTo("LANG=de_DE.UTF-8\nLC_ALL=C.UTF-8\n");
    }

    @Test
    void withoutVariablesTheEnvironmentIsEmpty() throws Exception {
        assertThat(envWith()).isEmpty();
    }

    @Test
    void openSshSetEnvGoesThroughTheSameAllowList() throws Exception {
        OpenSshClient.assumeInstalled();
        TestSSHServer plain = TestSSHServer.builder(this.dir.resolve("plain")).start();
        try {
            OpenSshClient.Result result = OpenSshClient
                    .to("127.0.0.1", plain.port, "alice", plain.knownHostsLines(), this.dir)
                    .withPassword(TestSSHServer.PASSWORD)
                    .withOption("SetEnv", "LC_MESSAGES=fr_FR.UTF-8 LD_PRELOAD=/tmp/evil.so PATH=/tmp/evil")
                    .exec("env", new byte[0], TIMEOUT);

            assertThat(result.exitStatus()).as("%s", result).isZero();
            assertThat(result.out()).isEqualTo("LC_MESSAGES=fr_FR.UTF-8\n");
        }
        finally {
            plain.close();
        }
    }

    @Test
    void aCommandWithAPtySeesItsTypeAndSizeThenHearsEachWindowChange() throws Exception {
        Session session = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand("winsize");
            exec.setPty(true);
            exec.setPtyType("vt100", 132, 43, 1056, 688);
            // variables MINA keeps the terminal in: refused, they do not change it
            exec.setEnv("TERM", "evil");
            exec.setEnv("COLUMNS", "1");
            exec.setEnv("LINES", "1");
            JSchClient.Screen screen = new JSchClient.Screen(exec.getInputStream());
            OutputStream keys = exec.getOutputStream();
            exec.connect((int) TIMEOUT.toMillis());

            screen.await("start vt100 132x43\n");
            exec.setPtySize(100, 30, 800, 480);
            screen.await("size 100x30\n");
            exec.setPtySize(40, 12, 320, 192);
            screen.await("size 40x12\n");
            keys.write('q');
            keys.flush();
            JSchClient.awaitClosed(exec);

            assertThat(exec.getExitStatus()).isZero();
            // the protocol writes plain line feeds: no tty on the server turns them into CR LF
            assertThat(screen.text()).isEqualTo("start vt100 132x43\nsize 100x30\nsize 40x12\n");
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void aCommandWithoutAPtyHasNoTerminal() throws Exception {
        Session session = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        try {
            JSchClient.Result result = JSchClient.exec(session, "winsize", "q".getBytes(StandardCharsets.US_ASCII));

            assertThat(result.out()).isEqualTo("start none\n");
            assertThat(result.exitStatus()).isZero();
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void aShellHearsWindowChangesFromJSch() throws Exception {
        Session session = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        try {
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPty(true);
            shell.setPtyType("xterm-256color", 80, 24, 640, 480);
            JSchClient.Screen screen = new JSchClient.Screen(shell.getInputStream());
            OutputStream keys = shell.getOutputStream();
            shell.connect((int) TIMEOUT.toMillis());

            screen.await("start xterm-256color 80x24\n");
            shell.setPtySize(120, 40, 960, 800);
            screen.await("size 120x40\n");
            keys.write('q');
            keys.flush();
            JSchClient.awaitClosed(shell);

            assertThat(shell.getExitStatus()).isZero();
        }
        finally {
            session.disconnect();
        }
    }

    /**
     * A {@link twisted.conch.avatar.CommandUser}'s shell in a terminal runs under the line
     * discipline; a shell that is a {@link WindowChangeListener} still hears each window change.
     */
    @Test
    void aLineShellUnderTheLineDisciplineHearsWindowChanges() throws Exception {
        TestSSHServer lines = TestSSHServer.builder(this.dir.resolve("lines")).shell(SizeShell::new).start();
        Session session = JSchClient.password(lines, "alice", TestSSHServer.PASSWORD);
        try {
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPty(true);
            shell.setPtyType("xterm", 80, 24, 640, 480);
            JSchClient.Screen screen = new JSchClient.Screen(shell.getInputStream());
            shell.connect((int) TIMEOUT.toMillis());

            screen.await("shell 80x24\r\n");
            shell.setPtySize(100, 30, 800, 480);
            // drawn above the prompt by the line discipline, with the prompt redrawn after it
            screen.await("size 100x30");
        }
        finally {
            session.disconnect();
            lines.close();
        }
    }

    /** A line shell that tells its terminal's size at start and on each change. */
    private static final class SizeShell extends LineReceiver implements WindowChangeListener {

        private final SSHSession session;

        SizeShell(SSHSession session) {
            this.session = session;
        }

        @Override
        public void connectionMade() {
            // under the line discipline the transport is the discipline's, not the channel's
            sendLine(this.session.getTerminal().map(t -> "shell " + t.columns() + "x" + t.rows()).orElse("shell none"));
        }

        @Override
        public void lineReceived(String line) {
        }

        @Override
        public void windowChanged(int columns, int rows) {
            sendLine("size " + columns + "x" + rows);
        }
    }

    @Test
    void openSshTerminalSizeReachesTheSession() throws Exception {
        OpenSshClient.assumeInstalled();
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", this.server.port, "alice", this.server.knownHostsLines(),
                this.dir).withPassword(TestSSHServer.PASSWORD);
        try (OpenSshClient.Terminal terminal = ssh.terminal(null)) {
            // ssh's own standard input is no terminal: it sends its TERM and a size of 0x0 ("unknown")
            String shown = terminal.awaitOutput("\n", TIMEOUT);
            terminal.write("q");

            assertThat(terminal.awaitExit(TIMEOUT)).isZero();
            assertThat(shown).startsWith("start ").contains(" 0x0");
        }
    }

    /**
     * A user whose shell is the {@code winsize} protocol itself, without the line discipline
     * {@link twisted.conch.avatar.CommandUser} puts around a shell in a terminal.
     */
    private static final class WindowShellUser implements ConchUser {

        private final String username;

        WindowShellUser(String username) {
            this.username = username;
        }

        @Override
        public String getUsername() {
            return this.username;
        }

        @Override
        public Protocol openShell(SSHSession session) {
            return new TestSSHServer.WinsizeProtocol();
        }

        @Override
        public @Nullable Protocol execCommand(SSHSession session, String command) {
            return command.equals("winsize") ? new TestSSHServer.WinsizeProtocol() : null;
        }
    }
}
