package twisted.demo.chapter14;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelShell;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chapter 14 as the demo serves it, driven by an SSH client nobody here wrote (JSch): the book's
 * command shell and the commands of the {@code ssh} service, and the administrative JShell of the
 * {@code manhole} service, for the demo's Spring Security user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.user.password=test-only")
class Chapter14ExamplesTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Value("${local.twisted.ssh.port}")
    private int sshPort;

    @Value("${local.twisted.manhole.port}")
    private int manholePort;

    private static Session login(int port) throws JSchException {
        Session session = new JSch().getSession("admin", "127.0.0.1", port);
        session.setPassword("test-only");
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect((int) WAIT.toMillis());
        return session;
    }

    private record Result(String out, String err, int status) {
    }

    private static Result exec(Session session, String command) throws Exception {
        ChannelExec exec = (ChannelExec) session.openChannel("exec");
        exec.setCommand(command);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exec.setErrStream(err);
        InputStream in = exec.getInputStream();
        exec.connect((int) WAIT.toMillis());
        // The server sends the exit status before the end of the output, so it is known once that is read.
        String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Result(out, err.toString(StandardCharsets.UTF_8), exec.getExitStatus());
    }

    /** A shell channel with a pseudo-terminal: what was typed, and what the terminal shows. */
    private record Terminal(InputStream in, OutputStream out, ByteArrayOutputStream seen) {

        static Terminal open(Session session) throws Exception {
            ChannelShell shell = (ChannelShell) session.openChannel("shell");
            shell.setPty(true);
            InputStream in = shell.getInputStream();
            OutputStream out = shell.getOutputStream();
            shell.connect((int) WAIT.toMillis());
            return new Terminal(in, out, new ByteArrayOutputStream());
        }

        void type(String keys) throws Exception {
            this.out.write(keys.getBytes(StandardCharsets.UTF_8));
            this.out.flush();
        }

        /** Reads until what the terminal showed holds {@code expected}. */
        void readUntil(String expected) throws Exception {
            byte[] buffer = new byte[4096];
            while (!this.seen.toString(StandardCharsets.UTF_8).contains(expected)) {
                int n = this.in.read(buffer);
                if (n < 0) {
                    throw new AssertionError("the session ended before '" + expected + "': " + this.seen);
                }
                this.seen.write(buffer, 0, n);
            }
        }
    }

    @Test
    void commandsRunAndNothingElseDoes() throws Exception {
        Session session = login(this.sshPort);
        try {
            assertThat(exec(session, "whoami")).isEqualTo(new Result("admin\n", "", 0));
            assertThat(exec(session, "echo 'two  spaces' kept")).isEqualTo(new Result("two  spaces kept\n", "", 0));
            assertThat(exec(session, "rm -rf /")).isEqualTo(new Result("", "rm: command not found\n", 127));
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void theBooksShellEditsLikeATerminal() throws Exception {
        Session session = login(this.sshPort);
        try {
            Terminal terminal = Terminal.open(session);
            terminal.readUntil("Welcome to my test SSH server, admin.");
            terminal.readUntil("> ");
            terminal.type("echo hellp\u007fo\r");
            terminal.readUntil("\r\nhello\r\n");
            terminal.type("quit\r");
            terminal.readUntil("Goodbye.");
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void theAdminShellSeesTheApplicationsBeans() throws Exception {
        Session session = login(this.manholePort);
        try {
            Terminal terminal = Terminal.open(session);
            terminal.readUntil("jshell> ");
            terminal.type("twistedReactor.isRunning()\r");
            terminal.readUntil("==> true");
        }
        finally {
            session.disconnect();
        }
    }
}
