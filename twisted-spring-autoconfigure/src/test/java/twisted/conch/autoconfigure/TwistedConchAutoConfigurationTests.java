package twisted.conch.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import twisted.application.autoconfigure.TwistedServicesAutoConfiguration;
import twisted.application.context.TwistedServices;
import twisted.conch.SSHCommand;
import twisted.conch.ShellFactory;
import twisted.conch.tap.ConchServiceMaker;
import twisted.conch.tap.ManholeServiceMaker;
import twisted.cred.autoconfigure.TwistedCredAutoConfiguration;
import twisted.internet.autoconfigure.TwistedReactorAutoConfiguration;
import twisted.protocols.basic.LineReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code ssh} and {@code manhole} services switched on by properties, with Spring Security's
 * users (from {@code twisted.cred.users}), driven by JSch.
 */
class TwistedConchAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TwistedReactorAutoConfiguration.class,
                        TwistedCredAutoConfiguration.class, TwistedConchAutoConfiguration.class,
                        TwistedServicesAutoConfiguration.class))
                .withUserConfiguration(Shell.class)
                .withPropertyValues("twisted.cred.users.alice.password=secret",
                        "twisted.cred.users.root.password=toor", "twisted.cred.users.root.roles=ADMIN",
                        "twisted.services.ssh.options.host-key-directory=" + this.dir.resolve("keys"),
                        "twisted.services.manhole.options.host-key-directory=" + this.dir.resolve("keys"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Shell {

        @Bean
        ShellFactory shell() {
            return session -> new LineReceiver() {
                @Override
                public void connectionMade() {
                    sendLine("welcome " + session.getUsername());
                }

                @Override
                public void lineReceived(String line) {
                    sendLine("you said: " + line);
                }
            };
        }

        @Bean
        SSHCommand whoami() {
            return SSHCommand.of("whoami", (session, args) -> session.getUsername() + "\n");
        }
    }

    private static int port(ApplicationContext context, String service) {
        return context.getEnvironment().getProperty("local.twisted." + service + ".port", Integer.class);
    }

    private static Session login(int port, String user, String password) throws JSchException {
        Session session = new JSch().getSession(user, "127.0.0.1", port);
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect((int) WAIT.toMillis());
        return session;
    }

    private static String exec(Session session, String command) throws Exception {
        ChannelExec exec = (ChannelExec) session.openChannel("exec");
        exec.setCommand(command);
        InputStream in = exec.getInputStream();
        exec.connect((int) WAIT.toMillis());
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Reads the shell's output until it holds {@code expected}, for at most {@link #WAIT}. */
    private static String readUntil(InputStream in, ByteArrayOutputStream seen, String expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        byte[] buffer = new byte[4096];
        while (!seen.toString(StandardCharsets.UTF_8).contains(expected)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no '" + expected + "' in: " + seen.toString(StandardCharsets.UTF_8));
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the shell ended before '" + expected + "': " + seen);
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theMakersAreBeansAndNothingRunsUnlessSwitchedOn() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(ConchServiceMaker.class).hasSingleBean(ManholeServiceMaker.class);
            assertThat(context.getBean(TwistedServices.class).getEntries()).isEmpty();
            assertThat(this.dir.resolve("keys")).doesNotExist();
        });
    }

    @Test
    void theSshServiceRunsTheShellAndCommandsOfTheApplicationForSpringSecurityUsers() {
        runner().withPropertyValues("twisted.services.ssh.enabled=true", "twisted.services.ssh.endpoint=tcp:0:interface=127.0.0.1")
                .run(context -> {
                    int port = port(context, "ssh");
                    Session session = login(port, "alice", "secret");
                    try {
                        assertThat(exec(session, "whoami")).isEqualTo("alice\n");
                        assertThat(exec(session, "rm -rf /")).isEmpty();
                        ChannelShell shell = (ChannelShell) session.openChannel("shell");
                        shell.setPty(true);
                        InputStream in = shell.getInputStream();
                        OutputStream out = shell.getOutputStream();
                        shell.connect((int) WAIT.toMillis());
                        ByteArrayOutputStream seen = new ByteArrayOutputStream();
                        readUntil(in, seen, "welcome alice\r\n");
                        out.write("hellp\u007fo\r".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        assertThat(readUntil(in, seen, "you said: hello\r\n")).contains("hellp\u001b[1D\u001b[Jo");
                        Map<String, Object> details = context.getBean(TwistedServices.class).get("ssh").orElseThrow()
                                .service().getMonitor().details();
                        assertThat(details).containsEntry("sessions", 1).containsEntry("logins", 1L);
                        assertThat(details.get("users")).isEqualTo(Map.of("alice", 1));
                    }
                    finally {
                        session.disconnect();
                    }
                    assertThatThrownBy(() -> login(port, "alice", "wrong")).isInstanceOf(JSchException.class);
                    assertThat(Files.getPosixFilePermissions(this.dir.resolve("keys/ssh_host_ed25519_key")))
                            .hasSize(2);
                });
    }

    @Test
    void aStoppingServiceSaysGoodbyeInSshTerms() {
        List<String> heard = new CopyOnWriteArrayList<>();
        CountDownLatch disconnected = new CountDownLatch(1);
        JSch.setLogger(new com.jcraft.jsch.Logger() {
            @Override
            public boolean isEnabled(int level) {
                return true;
            }

            @Override
            public void log(int level, String message) {
                heard.add(message);
                if (message.startsWith("Disconnecting from")) {
                    disconnected.countDown();
                }
            }
        });
        try {
            runner().withPropertyValues("twisted.services.ssh.enabled=true",
                    "twisted.services.ssh.endpoint=tcp:0:interface=127.0.0.1").run(context -> {
                        Session session = login(port(context, "ssh"), "alice", "secret");
                        assertThat(exec(session, "whoami")).isEqualTo("alice\n");
                        context.close();
                        assertThat(disconnected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                        assertThat(session.isConnected()).isFalse();
                    });
            assertThat(heard).anySatisfy(message -> assertThat(message).contains("SSH_MSG_DISCONNECT")
                    .contains("server shutting down"));
        }
        finally {
            JSch.setLogger(null);
        }
    }

    @Test
    void theManholeIsForAdministratorsAndSeesTheBeans() {
        runner().withPropertyValues("twisted.services.manhole.enabled=true",
                "twisted.services.manhole.endpoint=tcp:0:interface=127.0.0.1").run(context -> {
                    int port = port(context, "manhole");
                    assertThatThrownBy(() -> login(port, "alice", "secret")).isInstanceOf(JSchException.class);
                    Session session = login(port, "root", "toor");
                    try {
                        ChannelShell shell = (ChannelShell) session.openChannel("shell");
                        shell.setPty(true);
                        InputStream in = shell.getInputStream();
                        OutputStream out = shell.getOutputStream();
                        shell.connect((int) WAIT.toMillis());
                        ByteArrayOutputStream seen = new ByteArrayOutputStream();
                        readUntil(in, seen, "jshell> ");
                        out.write("shell.getClass().isSynthetic() || 6 * 7 == 42\r".getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        readUntil(in, seen, "==> true");
                    }
                    finally {
                        session.disconnect();
                    }
                });
    }
}
