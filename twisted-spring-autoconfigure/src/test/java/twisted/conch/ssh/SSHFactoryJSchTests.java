package twisted.conch.ssh;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SSHFactoryJSchTests {

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
