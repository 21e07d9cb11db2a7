package twisted.conch.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;

import twisted.conch.OpenSshClient;
import twisted.cred.LoginThrottle;
import twisted.internet.IPv4Address;
import twisted.testing.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code keyboard-interactive} logins ({@link SSHSettings#keyboardInteractiveLogins}): offered
 * only when turned on, then a password prompt answered through the portal, as JSch and OpenSSH
 * answer it; off by default, when a client that insists on it cannot log in.
 */
class SSHKeyboardInteractiveTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final IPv4Address LOOPBACK = new IPv4Address("TCP", "127.0.0.1", 0);

    @TempDir
    Path dir;

    private TestSSHServer server;

    @AfterEach
    void stop() {
        if (this.server != null) {
            this.server.close();
        }
    }

    private TestSSHServer server(boolean keyboardInteractive) throws Exception {
        return server(keyboardInteractive, null);
    }

    private TestSSHServer server(boolean keyboardInteractive, @Nullable LoginThrottle throttle) throws Exception {
        SSHSettings d = SSHSettings.defaults();
        this.server = TestSSHServer.builder(this.dir).throttle(throttle)
                .settings(new SSHSettings(d.passwordLogins(), d.publicKeyLogins(), keyboardInteractive, d.loginTimeout(),
                        d.idleTimeout(), d.maxLoginAttempts(), d.maxSessionsPerConnection(), d.environment()))
                .start();
        return this.server;
    }

    private static Session login(TestSSHServer server, Answers answers) throws JSchException {
        Session session = JSchClient.trusting(server).getSession("alice", "127.0.0.1", server.port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "keyboard-interactive");
        session.setUserInfo(answers);
        session.connect((int) TIMEOUT.toMillis());
        return session;
    }

    @Test
    void whenOnJSchAnswersThePromptAndLogsIn() throws Exception {
        TestSSHServer s = server(true);
        Answers answers = new Answers(TestSSHServer.PASSWORD);

        Session session = login(s, answers);
        try {
            assertThat(answers.prompts).hasSize(1);
            assertThat(answers.prompts.get(0).toLowerCase()).contains("password");
            assertThat(JSchClient.exec(session, "echo in", new byte[0]).out()).isEqualTo("in\n");
        }
        finally {
            session.disconnect();
        }
        assertThat(s.factory.getLogins()).isEqualTo(1);
    }

    @Test
    void whenOnAWrongAnswerIsRefused() throws Exception {
        TestSSHServer s = server(true);
        Answers answers = new Answers("wrong horse");

        assertThatExceptionOfType(JSchException.class).isThrownBy(() -> login(s, answers))
                .withMessageContaining("Auth fail");
        assertThat(answers.prompts).isNotEmpty();
        assertThat(s.factory.getLoginFailures()).isPositive();
        assertThat(s.factory.getLogins()).isZero();
    }

    /**
     * The portal's answer may come later than the prompt's response (here a throttle holds back
     * a wrong answer until its clock moves): the login waits for it, the refusal then reaches the
     * client, which asks again, and the right answer logs in on the same connection.
     */
    @Test
    void whenOnAnAnswerThePortalGivesLaterIsWaitedFor() throws Exception {
        Clock clock = new Clock();
        LoginThrottle throttle = new LoginThrottle(clock, Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofMinutes(15), 100);
        TestSSHServer s = server(true, throttle);
        Answers answers = new Answers("wrong horse", TestSSHServer.PASSWORD);
        CompletableFuture<Session> login = CompletableFuture.supplyAsync(() -> {
            try {
                return login(s, answers);
            }
            catch (JSchException ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
        });
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (((Duration) s.running.call(() -> throttle.retryAfter(LOOPBACK))).isZero()) {
            assertThat(System.nanoTime() - deadline).as("the wrong answer was checked in time").isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertThat(login).as("the wrong answer's refusal is held back").isNotDone();
        assertThat(answers.prompted()).isEqualTo(1);

        s.running.run(() -> clock.advance(Duration.ofSeconds(5)));

        Session session = login.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            assertThat(answers.prompted()).as("asked again once the refusal arrived").isEqualTo(2);
            assertThat(JSchClient.exec(session, "echo in", new byte[0]).out()).isEqualTo("in\n");
        }
        finally {
            session.disconnect();
        }
        assertThat(s.factory.getLoginFailures()).isEqualTo(1);
        assertThat(s.factory.getLogins()).isEqualTo(1);
    }

    @Test
    void byDefaultTheMethodIsNotOfferedAndSuchALoginFails() throws Exception {
        this.server = TestSSHServer.builder(this.dir).start();
        assertThat(this.server.factory.getSettings().keyboardInteractiveLogins()).isFalse();
        Answers answers = new Answers(TestSSHServer.PASSWORD);

        assertThatExceptionOfType(JSchException.class).isThrownBy(() -> login(this.server, answers))
                .withMessageContaining("Auth fail");
        assertThat(answers.prompts).as("no prompt was ever sent").isEmpty();
        assertThat(this.server.factory.getLogins()).isZero();
    }

    @Test
    void whenOnOpenSshLogsInWithKeyboardInteractiveOnly() throws Exception {
        OpenSshClient.assumeInstalled();
        TestSSHServer s = server(true);
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", s.port, "alice", s.knownHostsLines(), this.dir)
                .withOption("PreferredAuthentications", "keyboard-interactive")
                .withOption("PasswordAuthentication", "no").withPassword(TestSSHServer.PASSWORD);

        OpenSshClient.Result result = ssh.exec("echo in", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).as("%s", result).isZero();
        assertThat(result.out()).isEqualTo("in\n");
    }

    @Test
    void byDefaultOpenSshWithKeyboardInteractiveOnlyIsRefused() throws Exception {
        OpenSshClient.assumeInstalled();
        this.server = TestSSHServer.builder(this.dir).start();
        OpenSshClient ssh = OpenSshClient.to("127.0.0.1", this.server.port, "alice", this.server.knownHostsLines(),
                this.dir).withOption("PreferredAuthentications", "keyboard-interactive")
                .withOption("PasswordAuthentication", "no").withPassword(TestSSHServer.PASSWORD);

        OpenSshClient.Result result = ssh.exec("echo in", new byte[0], TIMEOUT);

        assertThat(result.exitStatus()).isEqualTo(OpenSshClient.SSH_ERROR);
        assertThat(result.err()).contains("Permission denied (publickey,password)");
        assertThat(result.out()).isEmpty();
    }

    /** Answers keyboard-interactive prompts with the texts given, one per round, the last again; records the prompts. */
    private static final class Answers implements UserInfo, UIKeyboardInteractive {

        private final List<String> answers;

        final List<String> prompts = new CopyOnWriteArrayList<>();

        private int round;

        Answers(String... answers) {
            this.answers = List.of(answers);
        }

        int prompted() {
            return this.prompts.size();
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction,
                String[] prompt, boolean[] echo) {
            this.prompts.addAll(List.of(prompt));
            String answer = this.answers.get(Math.min(this.round++, this.answers.size() - 1));
            String[] given = new String[prompt.length];
            Arrays.fill(given, answer);
            return given;
        }

        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public boolean promptPassword(String message) {
            return false;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
        }
    }
}
