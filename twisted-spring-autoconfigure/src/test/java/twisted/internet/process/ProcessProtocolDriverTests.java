package twisted.internet.process;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.testing.FakeProcessTransport;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessProtocolDriverTests {

    private final List<String> events = new ArrayList<>();

    private int protocolErrors;

    private final Events protocol = new Events();

    private final ProcessProtocolDriver driver = new ProcessProtocolDriver(this.protocol, "test[1]",
            () -> this.protocolErrors++);

    private static Failure done() {
        return new Failure(new ProcessDoneException());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void processEndedWaitsForTheExitAndEveryPipeWhateverTheOrder() {
        this.driver.connectionMade(FakeProcessTransport.connect(new ProcessProtocol() {
        }, 1));
        this.driver.childConnectionLost(1);
        this.driver.processExited(done());
        this.driver.childConnectionLost(0);
        assertThat(this.driver.hasEnded()).isFalse();
        this.driver.childConnectionLost(2);
        assertThat(this.events).containsExactly("connectionMade", "lost 1", "exited ProcessDoneException", "lost 0",
                "lost 2", "ended ProcessDoneException");
        assertThat(this.driver.hasEnded()).isTrue();
    }

    @Test
    void exitAfterThePipesEndsAtOnce() {
        for (int fd = 0; fd < 3; fd++) {
            this.driver.childConnectionLost(fd);
        }
        assertThat(this.driver.hasEnded()).isFalse();
        this.driver.processExited(new Failure(ProcessTerminatedException.exited(3)));
        assertThat(this.events).endsWith("exited ProcessTerminatedException", "ended ProcessTerminatedException");
    }

    @Test
    void repeatedReportsReachTheProtocolOnce() {
        this.driver.childConnectionLost(1);
        this.driver.childConnectionLost(1);
        this.driver.processExited(done());
        this.driver.processExited(new Failure(ProcessTerminatedException.killedBy(9)));
        this.driver.childConnectionLost(0);
        this.driver.childConnectionLost(2);
        this.driver.childConnectionLost(2);
        assertThat(this.events).containsExactly("lost 1", "exited ProcessDoneException", "lost 0", "lost 2",
                "ended ProcessDoneException");
    }

    @Test
    void outputAfterItsPipeClosedIsDropped() {
        this.driver.childDataReceived(1, bytes("a"));
        this.driver.childDataReceived(2, bytes("b"));
        this.driver.childConnectionLost(1);
        this.driver.childDataReceived(1, bytes("late"));
        this.driver.childDataReceived(2, bytes("c"));
        this.driver.childDataReceived(7, bytes("no such pipe"));
        assertThat(this.events).containsExactly("data 1 a", "data 2 b", "lost 1", "data 2 c");
    }

    @Test
    void aThrowingCallbackIsReportedOnceAndLaterOutputDropped() {
        this.protocol.throwOnData = true;
        this.driver.childDataReceived(1, bytes("boom"));
        this.driver.childDataReceived(1, bytes("again"));
        assertThat(this.protocolErrors).isEqualTo(1);
        assertThat(this.events).containsExactly("data 1 boom");
        for (int fd = 0; fd < 3; fd++) {
            this.driver.childConnectionLost(fd);
        }
        this.driver.processExited(done());
        assertThat(this.events).endsWith("ended ProcessDoneException");
    }

    @Test
    void aThrowingProcessEndedIsOnlyLogged() {
        this.protocol.throwOnEnded = true;
        for (int fd = 0; fd < 3; fd++) {
            this.driver.childConnectionLost(fd);
        }
        this.driver.processExited(done());
        assertThat(this.driver.hasEnded()).isTrue();
        assertThat(this.protocolErrors).isZero();
    }

    private final class Events extends ProcessProtocol {

        boolean throwOnData;

        boolean throwOnEnded;

        @Override
        public void connectionMade() {
            ProcessProtocolDriverTests.this.events.add("connectionMade");
        }

        @Override
        public void childDataReceived(int fd, byte[] data) {
            ProcessProtocolDriverTests.this.events.add("data " + fd + " " + new String(data, StandardCharsets.US_ASCII));
            if (this.throwOnData) {
                throw new IllegalStateException("protocol bug");
            }
        }

        @Override
        public void childConnectionLost(int fd) {
            ProcessProtocolDriverTests.this.events.add("lost " + fd);
        }

        @Override
        public void processExited(Failure reason) {
            ProcessProtocolDriverTests.this.events.add("exited " + reason.type().getSimpleName());
        }

        @Override
        public void processEnded(Failure reason) {
            ProcessProtocolDriverTests.this.events.add("ended " + reason.type().getSimpleName());
            if (this.throwOnEnded) {
                throw new IllegalStateException("protocol bug at the end");
            }
        }
    }
}
