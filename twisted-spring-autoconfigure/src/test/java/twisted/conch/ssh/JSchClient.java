package twisted.conch.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * Test helper: JSch ({@code com.github.mwiede:jsch}), an SSH client library nobody here wrote,
 * logged in to a {@link TestSSHServer} with its host key checked against the server's
 * {@code known_hosts} lines ({@code StrictHostKeyChecking=yes}): a session that trusts nothing else.
 */
final class JSchClient {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private JSchClient() {
    }

    /** A JSch that knows only the server's host keys. */
    static JSch trusting(TestSSHServer server) throws JSchException {
        JSch jsch = new JSch();
        jsch.setKnownHosts(new ByteArrayInputStream(server.knownHostsLines().getBytes(StandardCharsets.US_ASCII)));
        return jsch;
    }

    /** Logs in with a password. */
    static Session password(TestSSHServer server, String user, String password) throws JSchException {
        Session session = trusting(server).getSession(user, "127.0.0.1", server.port);
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "password");
        session.connect((int) TIMEOUT.toMillis());
        return session;
    }

    /** Logs in with a key pair, written to a file of {@code dir} in OpenSSH's format. */
    static Session key(TestSSHServer server, String user, KeyPair pair, Path dir) throws Exception {
        Path file = Files.createTempFile(dir, "id-", "");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", null, out);
        }
        JSch jsch = trusting(server);
        jsch.addIdentity(file.toString());
        Session session = jsch.getSession(user, "127.0.0.1", server.port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect((int) TIMEOUT.toMillis());
        return session;
    }

    /** What an exec channel gave. */
    record Result(int exitStatus, byte[] stdout, byte[] stderr) {

        String out() {
            return new String(this.stdout, StandardCharsets.UTF_8);
        }

        String err() {
            return new String(this.stderr, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit status " + this.exitStatus + ", stdout " + this.stdout.length + " bytes, stderr: " + err();
        }
    }

    /** Runs a command with this standard input (then EOF), reading its output and error output apart. */
    static Result exec(Session session, String command, byte[] stdin) throws Exception {
        ChannelExec exec = (ChannelExec) session.openChannel("exec");
        exec.setCommand(command);
        exec.setInputStream(new ByteArrayInputStream(stdin));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exec.setErrStream(err);
        InputStream out = exec.getInputStream();
        exec.connect((int) TIMEOUT.toMillis());
        byte[] stdout = out.readAllBytes();
        awaitClosed(exec);
        return new Result(exec.getExitStatus(), stdout, err.toByteArray());
    }

    /** Waits, bounded, until the server has closed the channel (its exit status is known then). */
    static void awaitClosed(Channel channel) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!channel.isClosed()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the channel was not closed within " + TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** What a channel's output stream shows, collected by a thread of its own, awaited bounded. */
    static final class Screen {

        private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

        private boolean ended;

        Screen(InputStream stream) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    int n;
                    while ((n = stream.read(buffer)) >= 0) {
                        synchronized (this) {
                            this.shown.write(buffer, 0, n);
                            notifyAll();
                        }
                    }
                }
                catch (IOException ex) {
                    // the channel is gone
                }
                synchronized (this) {
                    this.ended = true;
                    notifyAll();
                }
            }, "jsch-screen");
            reader.setDaemon(true);
            reader.start();
        }

        synchronized String await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                String text = this.shown.toString(StandardCharsets.UTF_8);
                if (text.contains(expected)) {
                    return text;
                }
                long left = deadline - System.nanoTime();
                if (this.ended || left <= 0) {
                    throw new AssertionError("the screen did not show \"" + expected + "\""
                            + (this.ended ? " before the channel ended" : "") + "; it showed \""
                            + text.replace("\r", "\\r").replace("\n", "\\n").replace("\u001b", "\\e") + "\"");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized String text() {
            return this.shown.toString(StandardCharsets.UTF_8);
        }
    }
}
