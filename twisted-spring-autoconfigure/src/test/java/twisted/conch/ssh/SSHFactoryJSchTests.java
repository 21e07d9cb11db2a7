package twisted.conch.ssh;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.conch.checkers.InMemorySSHKeyDB;
import twisted.conch.checkers.SSHPublicKeyChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SSHFactoryJSchTests {

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

    private JSch jschWithKey(KeyPair pair) throws Exception {
        Path file = this.dir.resolve("id-" + System.nanoTime());
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test", null, out);
        }
        JSch jsch = new JSch();
        jsch.addIdentity(file.toString());
        return jsch;
    }

    private static String exec(Session session, String command) throws Exception {
        ChannelExec exec = (ChannelExec) session.openChannel("exec");
        exec.setCommand(command);
        InputStream in = exec.getInputStream();
        exec.connect(10_000);
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void keyLogin() throws Exception {
        Session session = jschWithKey(this.bobKey).getSession("bob", "127.0.0.1", this.server.port);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(10_000);
        try {
            assertThat(exec(session, "echo it is bob")).isEqualTo("it is bob\n");
        }
        finally {
            session.disconnect();
        }
    }

    @Test
    void anotherKeyIsRefused() throws Exception {
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Session session = jschWithKey(other).getSession("bob", "127.0.0.1", this.server.port);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "publickey");
        assertThatThrownBy(() -> session.connect(10_000)).isInstanceOf(JSchException.class)
                .hasMessageContaining("Auth fail");
        assertThat(this.server.factory.getLoginFailures()).isPositive();
        assertThat(this.server.factory.getLogins()).isZero();
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void passwordLoginAndExecWithExitStatus() throws Exception {
        Session session = new JSch().getSession("alice", "127.0.0.1", this.server.port);
        session.setPassword(TestSSHServer.PASSWORD);
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand("echo hello world");
            InputStream in = exec.getInputStream();
            exec.connect(10_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            while (!exec.isClosed()) {
                Thread.onSpinWait();
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello world\n");
            assertThat(exec.getExitStatus()).isZero();
        }
        finally {
            session.disconnect();
        }
    }
}
