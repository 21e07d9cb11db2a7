package twisted.internet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;
import twisted.internet.error.ProcessDoneException;
import twisted.internet.error.ProcessTerminatedException;
import twisted.internet.process.ProcessProtocol;
import twisted.testing.FakeProcessTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProcessProtocolTests {

    private final List<String> calls = new ArrayList<>();

    private final ProcessProtocol protocol = new ProcessProtocol() {

        @Override
        public void outReceived(byte[] data) {
            ProcessProtocolTests.this.calls.add("out " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void errReceived(byte[] data) {
            ProcessProtocolTests.this.calls.add("err " + new String(data, StandardCharsets.US_ASCII));
        }

        @Override
        public void inConnectionLost() {
            ProcessProtocolTests.this.calls.add("inConnectionLost");
        }

        @Override
        public void outConnectionLost() {
            ProcessProtocolTests.this.calls.add("outConnectionLost");
        }

        @Override
        public void errConnectionLost() {
            ProcessProtocolTests.this.calls.add("errConnectionLost");
        }
    };

    @Test
    void childCallbacksRouteTheStandardPipesByDefault() {
        this.protocol.childDataReceived(1, "a".getBytes(StandardCharsets.US_ASCII));
        this.protocol.childDataReceived(2, "b".getBytes(StandardCharsets.US_ASCII));
        this.protocol.childDataReceived(3, "c".getBytes(StandardCharsets.US_ASCII));
        this.protocol.childConnectionLost(0);
        this.protocol.childConnectionLost(1);
        this.protocol.childConnectionLost(2);
        this.protocol.childConnectionLost(3);
        assertThat(this.calls).containsExactly("out a", "err b", "inConnectionLost", "outConnectionLost",
                "errConnectionLost");
    }

    @Test
    void beforeMakeConnectionTheTransportRefusesEveryCall() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.protocol.getTransport().write(new byte[1]))
                .withMessageContaining("no process yet");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.protocol.getTransport().pid());
        FakeProcessTransport child = FakeProcessTransport.connect(this.protocol, 5);
        assertThat(this.protocol.getTransport()).isSameAs(child);
    }

    @Test
    void terminationReasonsCarryExactlyOneOfCodeAndSignal() {
        ProcessTerminatedException exited = ProcessTerminatedException.exited(3);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.signal()).isNull();
        assertThat(exited.status()).isEqualTo(0x300);
        ProcessTerminatedException killed = ProcessTerminatedException.killedBy(15);
        assertThat(killed.exitCode()).isNull();
        assertThat(killed.signal()).isEqualTo(15);
        assertThat(killed.status()).isEqualTo(15);
        assertThat(killed).isInstanceOf(ConnectionLostException.class).hasMessage("process ended by signal 15");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProcessTerminatedException(1, 9, 0)).withMessageContaining("exactly one");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new ProcessTerminatedException(null, null, 0));
        assertThat(new ProcessDoneException()).hasMessage("process finished with exit code 0")
                .isInstanceOf(ConnectionDoneException.class);
    }
}
