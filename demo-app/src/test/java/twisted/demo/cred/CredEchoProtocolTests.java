package twisted.demo.cred;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.cred.Credentials;
import twisted.cred.CredentialsChecker;
import twisted.cred.LoginThrottle;
import twisted.cred.Portal;
import twisted.cred.UsernamePassword;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.IPv4Address;
import twisted.internet.error.ConnectionDoneException;
import twisted.testing.Clock;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.StringTransport;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/** The chapter 9 state machine through {@link StringTransport}s, input fed one byte at a time, time on a {@link Clock}. */
class CredEchoProtocolTests {

    private static final IPv4Address PEER = new IPv4Address("TCP", "192.0.2.10", 40000);

    private final Clock clock = new Clock();

    private final EchoRealm realm = new EchoRealm();

    private final LoginThrottle throttle = new LoginThrottle(this.clock);

    private final Portal portal = new Portal(this.realm,
            List.of(new InMemoryCredentialsChecker().addUser("alice", "secret")));

    private record Client(CredEchoProtocol protocol, StringTransportWithDisconnection transport) {

        void type(String text) {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                this.protocol.dataReceived(new byte[] { b });
            }
        }

        void say(String line) {
            type(line + "\r\n");
        }

        String heard() {
            String value = this.transport.valueAsString();
            this.transport.clear();
            return value;
        }
    }

    private Client connect(Portal portal) {
        CredEchoProtocol protocol = (CredEchoProtocol) new CredEchoFactory(portal, this.throttle).buildProtocol(PEER);
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "127.0.0.1", 8009), PEER);
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        return new Client(protocol, transport);
    }

    private Client connect() {
        return connect(this.portal);
    }

    @Test
    void asksForALoginThenEchoesOnceLoggedIn() {
        Client client = connect();
        assertThat(client.heard()).isEqualTo("Please log in: <username> <password>\r\n");
        client.say("alice secret");
        assertThat(client.heard()).isEqualTo("Login successful, please proceed.\r\n");
        assertThat(this.realm.getSessions()).isEqualTo(1);
        client.say("hello");
        client.say("bye");
        assertThat(client.heard()).isEqualTo("hello\r\nbye\r\n");
        assertThat(client.transport().getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void wrongPasswordAndUnknownUserAreDeniedAfterTheThrottlesDelay() {
        for (String attempt : List.of("alice guess", "mallory secret")) {
            Client client = connect();
            client.heard();
            client.say(attempt);
            assertThat(client.heard()).as("the answer is held back").isEmpty();
            assertThat(client.transport().isDisconnecting()).isFalse();
            this.clock.advance(this.throttle.retryAfter(PEER));
            assertThat(client.heard()).isEqualTo("Login denied, goodbye.\r\n");
            assertThat(client.transport().isDisconnecting()).isTrue();
        }
        assertThat(this.throttle.failures(PEER)).isEqualTo(2);
        assertThat(this.realm.getSessions()).isZero();
    }

    @Test
    void anotherConnectionFromTheSameHostIsRefusedWhileAFailureIsHeldBack() {
        Client guesser = connect();
        guesser.say("alice guess1");
        this.clock.advance(Duration.ofMillis(300));
        Client second = connect();
        second.heard();
        second.say("alice secret");
        assertThat(second.heard()).isEqualTo("Too many failed logins; try again in 1 s, goodbye.\r\n");
        assertThat(second.transport().isDisconnecting()).isTrue();
        assertThat(this.realm.getSessions()).as("the right password was not even checked").isZero();
        this.clock.advance(Duration.ofMillis(700));
        Client patient = connect();
        patient.say("alice secret");
        assertThat(patient.heard()).endsWith("Login successful, please proceed.\r\n");
    }

    @Test
    void linesTypedWhileTheLoginIsCheckedWaitAndAreThenEchoed() {
        Deferred<String> pending = new Deferred<>();
        Client client = connect(new Portal(this.realm, List.of(pendingChecker(pending))));
        client.heard();
        client.type("alice secret\r\nearly\r\nbird\r\n");
        assertThat(client.transport().getProducerState()).isEqualTo(StringTransport.PAUSED);
        assertThat(client.heard()).isEmpty();
        pending.callback("alice");
        assertThat(client.heard()).isEqualTo("Login successful, please proceed.\r\nearly\r\nbird\r\n");
        assertThat(client.transport().getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void theAvatarIsLoggedOutWhenTheConnectionEnds() {
        Client client = connect();
        client.say("alice secret");
        assertThat(this.realm.getSessions()).isEqualTo(1);
        client.transport().loseConnection();
        assertThat(this.realm.getSessions()).isZero();
    }

    @Test
    void aLoginThatCompletesAfterTheConnectionEndedIsLoggedOutAtOnce() {
        Deferred<String> pending = new Deferred<>();
        Client client = connect(new Portal(this.realm, List.of(pendingChecker(pending))));
        client.say("alice secret");
        client.protocol().disconnected(new Failure(new ConnectionDoneException()));
        client.heard();
        pending.callback("alice");
        assertThat(client.heard()).isEmpty();
        assertThat(this.realm.getSessions()).isZero();
    }

    @Test
    void aLineThatIsNotALoginGetsTheHintAgain() {
        Client client = connect();
        client.heard();
        client.say("alice");
        client.say("alice secret extra");
        client.say(" secret");
        assertThat(client.heard()).isEqualTo("Please log in: <username> <password>\r\n".repeat(3));
        client.say("alice secret");
        assertThat(client.heard()).isEqualTo("Login successful, please proceed.\r\n");
    }

    @Test
    void anInternalErrorIsReportedAsSuchAndClosesTheConnection() {
        Deferred<String> pending = new Deferred<>();
        Client client = connect(new Portal(this.realm, List.of(pendingChecker(pending))));
        client.heard();
        client.say("alice secret");
        pending.errback(new IllegalStateException("user store down"));
        assertThat(client.heard()).isEqualTo("Internal error, goodbye.\r\n");
        assertThat(client.transport().isDisconnecting()).isTrue();
    }

    private static CredentialsChecker pendingChecker(Deferred<String> answer) {
        return new CredentialsChecker() {
            @Override
            public List<Class<?>> credentialInterfaces() {
                return List.of(UsernamePassword.class);
            }

            @Override
            public Deferred<String> requestAvatarId(Credentials credentials) {
                return answer;
            }
        };
    }
}
