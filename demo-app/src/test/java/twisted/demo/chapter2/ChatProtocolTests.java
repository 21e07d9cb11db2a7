package twisted.demo.chapter2;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.error.ConnectionAbortedException;
import twisted.internet.error.ConnectionDoneException;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat state machine, driven through {@link StringTransport}s, input fed one byte at a time. */
class ChatProtocolTests {

    private final ChatFactory factory = new ChatFactory();

    private record User(ChatProtocol protocol, StringTransport transport) {

        void say(String line) {
            for (byte b : (line + "\r\n").getBytes(StandardCharsets.UTF_8)) {
                this.protocol.dataReceived(new byte[] { b });
            }
        }

        String heard() {
            String value = this.transport.valueAsString();
            this.transport.clear();
            return value;
        }
    }

    private User connect() {
        Protocol protocol = this.factory.buildProtocol(new twisted.internet.IPv4Address("TCP", "127.0.0.1", 1));
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        return new User((ChatProtocol) protocol, transport);
    }

    @Test
    void asksForANameThenWelcomes() {
        User alice = connect();
        assertThat(alice.heard()).isEqualTo("What's your name?\r\n");
        alice.say("alice");
        assertThat(alice.heard()).isEqualTo("Welcome, alice!\r\n");
        assertThat(this.factory.getUsers()).containsOnlyKeys("alice");
    }

    @Test
    void joinsMessagesAndLeavesAreBroadcastToTheOthersOnly() {
        User alice = connect();
        alice.say("alice");
        User bob = connect();
        bob.say("bob");
        alice.heard();
        bob.heard();
        alice.say("hi bob");
        assertThat(bob.heard()).isEqualTo("<alice> hi bob\r\n");
        assertThat(alice.heard()).isEmpty();
        bob.protocol().disconnected(new Failure(new ConnectionDoneException()));
        assertThat(alice.heard()).isEqualTo("bob has left the channel.\r\n");
        assertThat(this.factory.getUsers()).containsOnlyKeys("alice");
    }

    @Test
    void aUserAbortedForNotReadingIsAnnouncedAsSuch() {
        User alice = connect();
        alice.say("alice");
        User bob = connect();
        bob.say("bob");
        alice.heard();
        bob.protocol().disconnected(new Failure(new ConnectionAbortedException(
                ConnectionAbortedException.Reason.WRITE_BUFFER_LIMIT, "past the write buffer limit")));
        assertThat(alice.heard()).isEqualTo("bob has left the channel (disconnected: not reading).\r\n");
        assertThat(this.factory.getUsers()).containsOnlyKeys("alice");
    }

    @Test
    void takenNameIsRefusedAndAnotherMayBeChosen() {
        User alice = connect();
        alice.say("alice");
        User impostor = connect();
        impostor.heard();
        impostor.say("alice");
        assertThat(impostor.heard()).isEqualTo("Name taken, please choose another.\r\n");
        impostor.say("carol");
        assertThat(impostor.heard()).isEqualTo("Welcome, carol!\r\n");
        assertThat(alice.heard()).endsWith("carol has joined the channel.\r\n");
    }

    @Test
    void aUserWhoLeavesBeforeRegisteringIsNotAnnounced() {
        User alice = connect();
        alice.say("alice");
        alice.heard();
        User shy = connect();
        shy.protocol().disconnected(new Failure(new ConnectionDoneException()));
        assertThat(alice.heard()).isEmpty();
    }
}
