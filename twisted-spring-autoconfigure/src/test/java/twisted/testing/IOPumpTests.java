package twisted.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.examples.ChatFactory;
import twisted.internet.ConnectionDoneException;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.wire.Echo;

import static org.assertj.core.api.Assertions.assertThat;

class IOPumpTests {

    /** Records lines, and can say things. */
    static final class Recorder extends LineReceiver {

        final List<String> lines = new ArrayList<>();

        final List<String> lost = new ArrayList<>();

        @Override
        public void lineReceived(String line) {
            this.lines.add(line);
        }

        @Override
        public void connectionLost(Failure reason) {
            this.lost.add(reason.type().getSimpleName());
        }
    }

    @Test
    void bytesTravelBothWaysOnFlush() {
        Recorder client = new Recorder();
        IOPump pump = IOPump.connect(new Echo(), client);
        client.sendLine("ping");
        assertThat(client.lines).isEmpty();
        pump.flush();
        assertThat(client.lines).containsExactly("ping");
    }

    @Test
    void chatRoomInMemory() {
        ChatFactory chat = new ChatFactory();
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        IOPump first = IOPump.connect(chat.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1)), alice);
        IOPump second = IOPump.connect(chat.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 2)), bob);
        first.flush();
        alice.sendLine("alice");
        first.flush();
        second.flush();
        bob.sendLine("bob");
        second.flush();
        first.flush();
        bob.sendLine("hi");
        second.flush();
        first.flush();
        assertThat(alice.lines).containsExactly("What's your name?", "Welcome, alice!", "bob has joined the channel.",
                "<bob> hi");
    }

    @Test
    void loseConnectionDeliversWhatWasWrittenThenClosesBothSides() {
        Recorder client = new Recorder();
        Protocol server = new Protocol() {
            @Override
            public void connectionMade() {
                this.transport.write("bye\r\n".getBytes());
                this.transport.loseConnection();
            }
        };
        IOPump pump = IOPump.connect(server, client);
        pump.flush();
        assertThat(client.lines).containsExactly("bye");
        assertThat(client.lost).containsExactly(ConnectionDoneException.class.getSimpleName());
        assertThat(pump.isClosed()).isTrue();
    }
}
