package twisted.conch.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Actuator shows of the SSH service: {@link SSHFactory#getLoggedInSessions()} and
 * {@link SSHFactory#getLoggedInUsers()} count JSch connections while they are logged in, not a
 * connection whose login failed, and drop back when the clients disconnect.
 */
class SSHSessionCountTests {

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
    void loggedInConnectionsAreCountedUntilTheyDisconnect() throws Exception {
        SSHFactory factory = this.server.factory;
        assertThat(factory.getLoggedInSessions()).isZero();
        assertThat(factory.getLoggedInUsers()).isEmpty();

        Session first = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        // the server has accepted the login before the client hears it has succeeded
        assertThat(factory.getLoggedInSessions()).isEqualTo(1);
        assertThat(factory.getLoggedInUsers()).isEqualTo(Map.of("alice", 1));

        Session second = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        assertThat(factory.getLoggedInSessions()).isEqualTo(2);
        assertThat(factory.getLoggedInUsers()).isEqualTo(Map.of("alice", 2));

        first.disconnect();
        await(() -> factory.getLoggedInSessions() == 1, "one session left");
        assertThat(factory.getLoggedInUsers()).isEqualTo(Map.of("alice", 1));

        second.disconnect();
        await(() -> factory.getLoggedInSessions() == 0, "no session left");
        assertThat(factory.getLoggedInUsers()).isEmpty();
        assertThat(factory.getLogins()).isEqualTo(2);
    }

    @Test
    void aFailedLoginIsNotCounted() throws Exception {
        SSHFactory factory = this.server.factory;

        assertThatExceptionOfType(JSchException.class)
                .isThrownBy(() -> JSchClient.password(this.server, "alice", "wrong horse"));

        assertThat(factory.getLoginFailures()).isPositive();
        assertThat(factory.getLoggedInSessions()).isZero();
        assertThat(factory.getLoggedInUsers()).isEmpty();
    }

    /** Waits, bounded, for a condition the server reaches on its own thread. */
    private static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime() - deadline).as("%s within %s", what, TIMEOUT).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
