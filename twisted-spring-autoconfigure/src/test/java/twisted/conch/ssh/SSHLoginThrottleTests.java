package twisted.conch.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import twisted.cred.LoginThrottle;
import twisted.internet.IPv4Address;
import twisted.testing.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failed SSH logins are throttled by the cred layer's {@link LoginThrottle}, whose time is a test
 * {@link Clock} advanced on the reactor thread: while the answer to a wrong password is held
 * back, another connection from the same host is refused even with the right password (its
 * credentials unchecked); once the clock has passed the delay, the held-back answer is a refusal
 * and the right password logs in. JSch is the client.
 */
class SSHLoginThrottleTests {

    private static final IPv4Address LOOPBACK = new IPv4Address("TCP", "127.0.0.1", 0);

    @TempDir
    Path dir;

    private final Clock clock = new Clock();

    private final LoginThrottle throttle = new LoginThrottle(this.clock, Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(15), 100);

    private TestSSHServer server;

    @BeforeEach
    void start() throws Exception {
        this.server = new TestSSHServer(this.dir, reactor -> null, this.throttle);
    }

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void aWrongPasswordHoldsOffTheHostUntilTheDelayHasPassed() throws Exception {
        CompletableFuture<Session> guess = CompletableFuture.supplyAsync(() -> {
            try {
                return JSchClient.password(this.server, "alice", "wrong horse");
            }
            catch (JSchException ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
        });
        awaitHeldBack();
        assertThat(guess).as("the wrong password's answer is held back").isNotDone();

        assertThatThrownBy(() -> JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD))
                .as("the right password, while the host is held off").isInstanceOf(JSchException.class)
                .hasMessageContaining("Auth fail");
        assertThat(this.server.factory.getLogins()).isZero();
        assertThat(this.server.factory.getLoginFailures()).isEqualTo(1);
        assertThat(guess).isNotDone();

        this.server.running.run(() -> this.clock.advance(Duration.ofSeconds(5)));

        assertThat(guess).failsWithin(JSchClient.TIMEOUT).withThrowableThat().withMessageContaining("Auth fail");
        assertThat(this.server.factory.getLoginFailures()).isEqualTo(2);
        assertThat((Duration) this.server.running.call(() -> this.throttle.retryAfter(LOOPBACK))).isZero();
        Session session = JSchClient.password(this.server, "alice", TestSSHServer.PASSWORD);
        try {
            assertThat(JSchClient.exec(session, "echo in", new byte[0]).out()).isEqualTo("in\n");
        }
        finally {
            session.disconnect();
        }
        assertThat((Integer) this.server.running.call(() -> this.throttle.failures(LOOPBACK)))
                .as("a successful login forgets the failures").isZero();
    }

    /** Waits, bounded, until the wrong password was checked and its answer is held back. */
    private void awaitHeldBack() throws Exception {
        long deadline = System.nanoTime() + JSchClient.TIMEOUT.toNanos();
        while (((Duration) this.server.running.call(() -> this.throttle.retryAfter(LOOPBACK))).isZero()) {
            assertThat(System.nanoTime() - deadline).as("the wrong password was checked in time").isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
