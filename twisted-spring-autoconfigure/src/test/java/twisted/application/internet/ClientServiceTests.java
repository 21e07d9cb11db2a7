package twisted.application.internet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.internet.endpoints.ClientEndpoint;
import twisted.internet.error.ConnectionRefusedException;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;
import twisted.testing.TwistedExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

/** The connection machine, with an endpoint the test answers by hand and a {@link Clock}. */
@ExtendWith(TwistedExtension.class)
class ClientServiceTests {

    /** An endpoint whose attempts the test completes. */
    static final class ScriptedEndpoint implements ClientEndpoint {

        final List<Deferred<Protocol>> attempts = new ArrayList<>();

        final List<Factory> factories = new ArrayList<>();

        int cancelled;

        @Override
        public Deferred<Protocol> connect(Factory factory) {
            Deferred<Protocol> attempt = new Deferred<>(self -> this.cancelled++);
            this.attempts.add(attempt);
            this.factories.add(factory);
            return attempt;
        }

        /** Completes the last attempt with a connected protocol. */
        Protocol succeed() {
            Protocol protocol = this.factories.get(this.factories.size() - 1)
                    .buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1));
            StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
            transport.setProtocol(protocol);
            protocol.makeConnection(transport);
            this.attempts.get(this.attempts.size() - 1).callback(protocol);
            return protocol;
        }

        void fail() {
            this.attempts.get(this.attempts.size() - 1).errback(new ConnectionRefusedException("refused"));
        }
    }

    static final class Client extends Protocol {
    }

    private final ScriptedEndpoint endpoint = new ScriptedEndpoint();

    private ClientService service(Clock clock) {
        Factory factory = Factory.forProtocol(Client::new);
        factory.setNoisy(false);
        ClientService service = new ClientService("client", this.endpoint, factory, clock);
        service.setRetryPolicy(attempt -> Duration.ofSeconds(attempt));
        return service;
    }

    @Test
    void connectsOnStartAndGivesTheProtocol(Clock clock) {
        ClientService service = service(clock);
        Deferred<Protocol> connected = service.whenConnected();
        service.startService();
        assertThat(this.endpoint.attempts).hasSize(1);
        assertNoResult(connected);
        this.endpoint.succeed();
        assertThat(successResultOf(connected)).isInstanceOf(Client.class);
        assertThat(successResultOf(service.whenConnected())).isInstanceOf(Client.class);
        successResultOf(service.stopService());
    }

    @Test
    void retriesAfterFailuresAsThePolicySays(Clock clock) {
        ClientService service = service(clock);
        service.startService();
        this.endpoint.fail();
        clock.advance(0.9);
        assertThat(this.endpoint.attempts).hasSize(1);
        clock.advance(0.1);
        assertThat(this.endpoint.attempts).hasSize(2);
        this.endpoint.fail();
        clock.advance(1.9);
        assertThat(this.endpoint.attempts).hasSize(2);
        clock.advance(0.1);
        assertThat(this.endpoint.attempts).hasSize(3);
        this.endpoint.succeed();
        successResultOf(service.stopService());
    }

    @Test
    void reconnectsAfterALostConnection(Clock clock) {
        ClientService service = service(clock);
        service.startService();
        this.endpoint.succeed();
        Protocol first = successResultOf(service.whenConnected());
        first.getTransport().loseConnection();
        assertNoResult(service.whenConnected());
        clock.advance(1.0);
        assertThat(this.endpoint.attempts).hasSize(2);
        this.endpoint.succeed();
        assertThat(successResultOf(service.whenConnected())).isInstanceOf(Client.class).isNotSameAs(first);
        successResultOf(service.stopService());
    }

    @Test
    void whenConnectedGivesUpAfterTheGivenFailures(Clock clock) {
        ClientService service = service(clock);
        service.startService();
        Deferred<Protocol> patient = service.whenConnected();
        Deferred<Protocol> impatient = service.whenConnected(2);
        this.endpoint.fail();
        assertNoResult(impatient);
        clock.advance(1.0);
        this.endpoint.fail();
        failureResultOf(impatient, ConnectionRefusedException.class);
        assertNoResult(patient);
        successResultOf(service.stopService());
        failureResultOf(patient, CancelledException.class);
    }

    @Test
    void stopWhileConnectedDisconnectsAndFiresWhenLost(Clock clock) {
        ClientService service = service(clock);
        service.startService();
        Protocol connected = this.endpoint.succeed();
        Deferred<?> stopped = service.stopService();
        successResultOf(stopped);
        assertThat(connected.isConnected()).isFalse();
        assertThat(service.isRunning()).isFalse();
        assertThat(clock.getDelayedCalls()).as("no reconnection after a stop").isEmpty();
    }

    @Test
    void stopWhileWaitingCancelsTheRetry(Clock clock) {
        ClientService service = service(clock);
        service.startService();
        this.endpoint.fail();
        successResultOf(service.stopService());
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void stopWhileConnectingCancelsTheAttempt(Clock clock) {
        ClientService service = service(clock);
        service.startService();
        successResultOf(service.stopService());
        assertThat(this.endpoint.cancelled).isEqualTo(1);
        assertThat(clock.getDelayedCalls()).isEmpty();
    }

    @Test
    void failedPreparationCountsAsAFailedAttempt(Clock clock) {
        ClientService service = service(clock);
        service.setPrepareConnection(protocol -> Deferred.fail(new IllegalStateException("handshake failed")));
        Deferred<Protocol> connected = service.whenConnected(1);
        service.startService();
        Protocol protocol = this.endpoint.succeed();
        failureResultOf(connected, IllegalStateException.class);
        assertThat(protocol.isConnected()).isFalse();
        clock.advance(1.0);
        assertThat(this.endpoint.attempts).hasSize(2);
        service.setPrepareConnection(null);
        this.endpoint.succeed();
        successResultOf(service.stopService());
    }

    @Test
    void backoffPolicyGrowsToItsMaximumPlusJitter() {
        var policy = ClientService.backoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 1.5, new Random(1));
        assertThat(policy.apply(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(policy.apply(2)).isBetween(Duration.ofMillis(2250), Duration.ofMillis(3250));
        assertThat(policy.apply(100)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61));
    }

}
