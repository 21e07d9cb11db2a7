package twisted.internet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.defer.Failure;
import twisted.internet.error.ConnectionRefusedException;
import twisted.testing.Clock;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The backoff arithmetic, driven by a {@link Clock} and a recording connector. */
@ExtendWith(TwistedExtension.class)
class ReconnectingClientFactoryTests {

    private static final Failure REFUSED = new Failure(new ConnectionRefusedException("refused"));

    private final RecordingConnector connector = new RecordingConnector();

    private static ReconnectingClientFactory factory(Clock clock) {
        ReconnectingClientFactory factory = new ReconnectingClientFactory(clock, new Random(42)) {
        };
        factory.setNoisy(false);
        return factory;
    }

    @Test
    void eachFailureMultipliesTheDelayByTheFactor(Clock clock) {
        ReconnectingClientFactory factory = factory(clock);
        factory.setJitter(0);
        factory.clientConnectionFailed(this.connector, REFUSED);
        assertThat(factory.getDelay()).isCloseTo(Math.E, within(1e-9));
        clock.advance(Math.E - 0.001);
        assertThat(this.connector.connects).isZero();
        clock.advance(0.001);
        assertThat(this.connector.connects).isEqualTo(1);
        factory.clientConnectionFailed(this.connector, REFUSED);
        assertThat(factory.getDelay()).isCloseTo(Math.E * Math.E, within(1e-9));
        assertThat(factory.getRetries()).isEqualTo(2);
        clock.advance(Math.E * Math.E);
        assertThat(this.connector.connects).isEqualTo(2);
    }

    @Test
    void delayNeverPassesTheMaximum(Clock clock) {
        ReconnectingClientFactory factory = factory(clock);
        factory.setJitter(0);
        factory.setMaxDelay(Duration.ofSeconds(10));
        for (int i = 0; i < 10; i++) {
            factory.clientConnectionLost(this.connector, REFUSED);
            clock.advance(10.0);
        }
        assertThat(factory.getDelay()).isEqualTo(10.0);
        assertThat(this.connector.connects).isEqualTo(10);
    }

    @Test
    void jitterSpreadsTheDelayAroundItsValue(Clock clock) {
        List<Double> delays = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            ReconnectingClientFactory factory = new ReconnectingClientFactory(clock, random) {
            };
            factory.clientConnectionFailed(this.connector, REFUSED);
            delays.add(factory.getDelay());
            factory.stopTrying();
        }
        double mean = delays.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double spread = Math.sqrt(delays.stream().mapToDouble(d -> (d - mean) * (d - mean)).average().orElseThrow());
        assertThat(mean).isCloseTo(Math.E, within(0.1));
        assertThat(spread).isCloseTo(Math.E * 0.11962656472, within(0.1));
        assertThat(delays).doesNotHaveDuplicates();
    }

    @Test
    void maxRetriesStopsRetrying(Clock clock) {
        ReconnectingClientFactory factory = factory(clock);
        factory.setMaxRetries(2);
        for (int i = 0; i < 3; i++) {
            factory.clientConnectionFailed(this.connector, REFUSED);
            clock.advance(100.0);
        }
        assertThat(this.connector.connects).isEqualTo(2);
    }

    @Test
    void stopTryingCancelsThePendingRetryAndTheAttempt(Clock clock) {
        ReconnectingClientFactory factory = factory(clock);
        factory.clientConnectionFailed(this.connector, REFUSED);
        factory.stopTrying();
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(this.connector.stops).isEqualTo(1);
        factory.clientConnectionLost(this.connector, REFUSED);
        assertThat(clock.getDelayedCalls()).isEmpty();
        assertThat(factory.isTrying()).isFalse();
    }

    @Test
    void resetDelayStartsOver(Clock clock) {
        ReconnectingClientFactory factory = factory(clock);
        factory.setJitter(0);
        factory.clientConnectionFailed(this.connector, REFUSED);
        clock.advance(10.0);
        factory.resetDelay();
        assertThat(factory.getDelay()).isEqualTo(1.0);
        assertThat(factory.getRetries()).isZero();
    }

    @Test
    void autoResetOnConnectResetsWhenAProtocolIsBuilt(Clock clock) {
        ReconnectingClientFactory factory = new ReconnectingClientFactory(clock, Protocol0::new);
        factory.setNoisy(false);
        factory.setJitter(0);
        factory.setAutoResetOnConnect(true);
        factory.clientConnectionFailed(this.connector, REFUSED);
        clock.advance(10.0);
        assertThat(factory.getRetries()).isEqualTo(1);
        factory.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1));
        assertThat(factory.getRetries()).isZero();
        assertThat(factory.getDelay()).isEqualTo(1.0);
    }

    static final class Protocol0 extends Protocol {
    }

    static final class RecordingConnector implements Connector {

        int connects;

        int stops;

        @Override
        public void connect() {
            this.connects++;
        }

        @Override
        public void stopConnecting() {
            this.stops++;
        }

        @Override
        public void disconnect() {
        }

        @Override
        public Address getDestination() {
            return new IPv4Address("TCP", "127.0.0.1", 1);
        }
    }
}
