package twisted.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessExitedAlreadyException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.internet.process.ProcessProtocol;
import twisted.internet.process.ProcessTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FakeProcessTransportTests {

    private final List<String> events = new ArrayList<>();

    private final ProcessProtocol protocol = new ProcessProtocol() {

        @Override
        public void connectionMade() {
            FakeProcessTransportTests.this.events.add("connectionMade");
            this.transport.write(bytes("hello"));
        }

        @Override
        public void outReceived(byte[] data) {
            FakeProcessTransportTests.this.events.add("out " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void errReceived(byte[] data) {
            FakeProcessTransportTests.this.events.add("err " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void childConnectionLost(int fd) {
            FakeProcessTransportTests.this.events.add("lost " + fd);
        }

        @Override
        public void processExited(Failure reason) {
            FakeProcessTransportTests.this.events.add("exited " + reason.getErrorMessage());
        }

        @Override
        public void processEnded(Failure reason) {
            FakeProcessTransportTests.this.events.add("ended " + reason.getErrorMessage());
        }
    };

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theTestPlaysTheChildAndTheProtocolHearsItInTwistedsOrder() {
        FakeProcessTransport child = FakeProcessTransport.connect(this.protocol, 42);
        assertThat(child.pid()).isEqualTo(42);
        assertThat(child.value()).isEqualTo(bytes("hello"));
        child.deliverOut(bytes("Linux"));
        child.deliverErr(bytes("warning"));
        child.childClosed(2);
        child.exit(0);
        assertThat(this.events).containsExactly("connectionMade", "out Linux", "err warning", "lost 2",
                "exited process finished with exit code 0", "lost 0", "lost 1", "ended process finished with exit code 0");
    }

    @Test
    void recordsWhatTheProtocolClosesAndSignals() {
        FakeProcessTransport child = FakeProcessTransport.connect(this.protocol, 7);
        child.closeStdin();
        child.write(bytes(" dropped"));
        assertThat(child.value()).isEqualTo(bytes("hello"));
        assertThat(child.isClosedByProtocol(0)).isTrue();
        assertThat(child.isClosedByProtocol(1)).isFalse();
        child.signalProcess("sigterm");
        child.signalProcess(9);
        assertThat(child.signals()).containsExactly("TERM", "9");
        child.exitBySignal(9);
        assertThat(this.events).endsWith("exited process ended by signal 9", "lost 1", "lost 2",
                "ended process ended by signal 9");
        assertThatExceptionOfType(ProcessExitedAlreadyException.class).isThrownBy(() -> child.signalProcess("KILL"));
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> child.exit(0));
        child.clear();
        assertThat(child.value()).isEmpty();
    }

    @Test
    void loseConnectionClosesTheThreePipes() {
        FakeProcessTransport child = FakeProcessTransport.connect(this.protocol, 7);
        child.loseConnection();
        assertThat(this.events).containsExactly("connectionMade", "lost 0", "lost 2", "lost 1");
        child.deliverOut(bytes("too late"));
        child.exit(3);
        assertThat(this.events).endsWith("exited process ended with exit code 3", "ended process ended with exit code 3");
    }

    @Test
    void memoryReactorRecordsSpawnsAndHandsOutFakeChildren() {
        MemoryReactor reactor = new MemoryReactor();
        ProcessTransport transport = reactor.spawnProcess(this.protocol, "uname", List.of("uname", "-a"), Map.of(),
                Path.of("/"));
        assertThat(this.events).containsExactly("connectionMade");
        assertThat(reactor.processes()).singleElement().satisfies(spawn -> {
            assertThat(spawn.protocol()).isSameAs(this.protocol);
            assertThat(spawn.transport()).isSameAs(transport);
            assertThat(spawn.spec().command()).containsExactly("uname", "-a");
            assertThat(spawn.spec().env()).isEmpty();
            assertThat(spawn.spec().path()).isEqualTo(Path.of("/"));
        });
        assertThat(transport.pid()).isEqualTo(1000);
        reactor.processes().get(0).transport().exit(0);
        assertThat(this.events).last().isEqualTo("ended process finished with exit code 0");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> reactor.spawnProcess(this.protocol, "env", List.of(), Map.of("A=B", ""), null));
    }

    @Test
    void reasonsAreTwistedsProcessDoneAndProcessTerminated() {
        FakeProcessTransport child = FakeProcessTransport.connect(new ProcessProtocol() {

            @Override
            public void processEnded(Failure reason) {
                assertThat(reason.check(ProcessTerminatedException.class)).isNotNull();
                FakeProcessTransportTests.this.events.add("checked");
            }
        }, 1);
        child.exit(1);
        assertThat(this.events).containsExactly("checked");
        assertThat(new ProcessDoneException()).isInstanceOf(twisted.internet.error.ConnectionDoneException.class);
    }
}
