package twisted.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.Protocol;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StringTransportWithDisconnectionTests {

    private final StringTransportWithDisconnection transport = new StringTransportWithDisconnection();

    /** Records the reasons of connectionLost and the half-close notifications. */
    static class Recorder extends Protocol implements HalfCloseableProtocol {

        final List<Failure> reasons = new ArrayList<>();

        final List<String> halfCloses = new ArrayList<>();

        @Override
        public void connectionLost(Failure reason) {
            this.reasons.add(reason);
        }

        @Override
        public void readConnectionLost() {
            this.halfCloses.add("read");
        }

        @Override
        public void writeConnectionLost() {
            this.halfCloses.add("write");
        }
    }

    private <P extends Protocol> P connected(P protocol) {
        this.transport.setProtocol(protocol);
        protocol.makeConnection(this.transport);
        return protocol;
    }

    @Test
    void loseConnectionEndsTheConnectionCleanlyOnce() {
        Recorder protocol = connected(new Recorder());
        this.transport.loseConnection();
        this.transport.loseConnection();
        assertThat(protocol.reasons).singleElement()
                .satisfies(reason -> assertThat(reason.value()).isInstanceOf(ConnectionDoneException.class));
        assertThat(protocol.isConnected()).isFalse();
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void abortConnectionEndsTheConnectionUncleanlyOnce() {
        Recorder protocol = connected(new Recorder());
        this.transport.abortConnection();
        this.transport.loseConnection();
        assertThat(protocol.reasons).singleElement()
                .satisfies(reason -> assertThat(reason.value()).isInstanceOf(ConnectionLostException.class));
        assertThat(this.transport.isAborted()).isTrue();
    }

    @Test
    void protocolIsDisconnectingWhenConnectionLostRuns() {
        List<Boolean> disconnecting = new ArrayList<>();
        connected(new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                disconnecting.add(getTransport().isDisconnecting());
            }
        });
        this.transport.loseConnection();
        assertThat(disconnecting).containsExactly(true);
    }

    @Test
    void closingWithoutAnAttachedProtocolIsRefusedAndChangesNothing() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.transport::loseConnection)
                .withMessageContaining("call setProtocol first");
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.transport::abortConnection);
        assertThat(this.transport.isDisconnecting()).isFalse();
        assertThat(this.transport.getProtocol()).isNull();
    }

    @Test
    void loseWriteConnectionTellsAHalfCloseableProtocol() {
        Recorder protocol = connected(new Recorder());
        this.transport.loseWriteConnection();
        assertThat(protocol.halfCloses).containsExactly("write");
        assertThat(protocol.reasons).isEmpty();
        assertThat(this.transport.isWriteConnectionLost()).isTrue();
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void loseWriteConnectionClosesTheWholeConnectionOfAnyOtherProtocol() {
        List<Failure> reasons = new ArrayList<>();
        connected(new Protocol() {
            @Override
            public void connectionLost(Failure reason) {
                reasons.add(reason);
            }
        });
        this.transport.loseWriteConnection();
        assertThat(reasons).singleElement()
                .satisfies(reason -> assertThat(reason.value()).isInstanceOf(ConnectionDoneException.class));
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void attachedProtocolIsExposed() {
        Recorder protocol = connected(new Recorder());
        assertThat(this.transport.getProtocol()).isSameAs(protocol);
    }
}
