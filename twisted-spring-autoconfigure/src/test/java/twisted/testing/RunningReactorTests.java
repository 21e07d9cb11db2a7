package twisted.testing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.error.ReactorNotRunningException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunningReactorTests {

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void close() {
        this.running.close();
    }

    @Test
    void startGivesARunningReactorAndCallRunsOnItsThread() throws Exception {
        assertThat(this.running.reactor().isRunning()).isTrue();
        assertThat(this.running.reactor().isReactorThread()).isFalse();
        boolean onReactorThread = this.running.call(() -> this.running.reactor().isReactorThread());
        assertThat(onReactorThread).isTrue();
        assertThat(this.running.timeout()).isEqualTo(RunningReactor.DEFAULT_TIMEOUT);
    }

    @Test
    void callWaitsForTheDeferredAndGivesItsResult() throws Exception {
        String result = this.running.call(() -> {
            Deferred<String> later = new Deferred<>();
            this.running.reactor().callLater(Duration.ofMillis(20), () -> later.callback("fired later"));
            return later;
        });
        assertThat(result).isEqualTo("fired later");
    }

    @Test
    void aFailingDeferredIsRethrownAsItIs() {
        assertThatExceptionOfType(IOException.class)
                .isThrownBy(() -> this.running.call(() -> Deferred.fail(new IOException("the Deferred failed"))))
                .withMessage("the Deferred failed");
    }

    @Test
    void anActionThatThrowsIsRethrownAsItIs() {
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.running.call(() -> {
            throw new IOException("the action failed");
        })).withMessage("the action failed");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.running.run(() -> {
            throw new IllegalArgumentException("the runnable failed");
        })).withMessage("the runnable failed");
    }

    @Test
    void runWaitsUntilTheActionHasRunOnTheReactorThread() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        this.running.run(() -> ran.add("on reactor thread: " + this.running.reactor().isReactorThread()));
        assertThat(ran).containsExactly("on reactor thread: true");
    }

    @Test
    void callOnTheReactorThreadIsRefusedRatherThanDeadlocking() throws Exception {
        Throwable refused = this.running.call(() -> {
            try {
                this.running.call(() -> "never");
                return null;
            }
            catch (IllegalStateException ex) {
                return ex;
            }
        });
        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
    }

    @Test
    void callWithNoResultInTimeFailsWithTimeout() {
        try (RunningReactor quick = RunningReactor.start(Duration.ofMillis(1500))) {
            assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> quick.call(Deferred::new))
                    .withMessageContaining("1500 ms");
        }
    }

    @Test
    void listenTCPGivesThePortBoundOnLoopback() throws Exception {
        CompletableFuture<String> peer = new CompletableFuture<>();
        int port = this.running.listenTCP(Factory.forProtocol(() -> new Protocol() {
            @Override
            public void connectionMade() {
                peer.complete(this.transport.getPeer().toString());
            }
        }));
        assertThat(port).isPositive();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            assertThat(peer.get(5, TimeUnit.SECONDS)).contains("127.0.0.1");
        }
    }

    @Test
    void portReadsTheBoundPortAndRefusesAUnixSocket(@TempDir Path dir) throws Exception {
        ListeningPort tcp = this.running.call(() -> this.running.reactor().listenTCP(0, Factory.forProtocol(Protocol0::new),
                50, "127.0.0.1"));
        int number = RunningReactor.port(tcp);
        assertThat(number).isPositive();
        try (Socket socket = new Socket("127.0.0.1", number)) {
            assertThat(socket.isConnected()).isTrue();
        }
        ListeningPort unix = this.running.call(() -> this.running.reactor().listenUNIX(dir.resolve("s.sock").toString(),
                Factory.forProtocol(Protocol0::new), 50));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RunningReactor.port(unix))
                .withMessageContaining("has no port number");
    }

    @Test
    void threadsCarryTheGivenName() throws Exception {
        try (RunningReactor named = RunningReactor.start("threadsCarryTheGivenName", Duration.ofSeconds(10))) {
            String thread = named.call(() -> Thread.currentThread().getName());
            assertThat(thread).startsWith("threadsCarryTheGivenName");
            assertThat(named.timeout()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void closeStopsTheReactorAndItsPorts() throws Exception {
        int port = this.running.listenTCP(Factory.forProtocol(Protocol0::new));
        this.running.close();
        assertThat(this.running.reactor().isRunning()).isFalse();
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void closingTwiceOrAfterTheTestStoppedTheReactorIsFine() throws Exception {
        this.running.close();
        this.running.close();
        try (RunningReactor stoppedByTheTest = RunningReactor.start()) {
            stoppedByTheTest.reactor().stop().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void callAfterCloseFailsClearly() {
        this.running.close();
        assertThatExceptionOfType(ReactorNotRunningException.class).isThrownBy(() -> this.running.call(() -> "late"))
                .withMessageContaining("is closed");
        assertThatExceptionOfType(ReactorNotRunningException.class).isThrownBy(() -> this.running.run(() -> { }))
                .withMessageContaining("is closed");
    }

    @Test
    void closeOnTheReactorThreadIsRefused() throws Exception {
        Throwable refused = this.running.call(() -> {
            try {
                this.running.close();
                return null;
            }
            catch (IllegalStateException ex) {
                return ex;
            }
        });
        assertThat(refused).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot run on it");
        assertThat(this.running.reactor().isRunning()).isTrue();
    }

    @Test
    void timeoutMustBePositive() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> RunningReactor.start(Duration.ZERO))
                .withMessageContaining("must be positive");
    }

    private static final class Protocol0 extends Protocol {
    }
}
