package twisted.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Failure;
import twisted.internet.Protocol;
import twisted.internet.error.ConnectionDoneException;
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

    /** A server that repeats each line it hears to every connected client. */
    static final class Room {

        final List<LineReceiver> members = new ArrayList<>();

        LineReceiver join() {
            LineReceiver member = new LineReceiver() {
                @Override
                public void connectionMade() {
                    Room.this.members.add(this);
                }

                @Override
                public void lineReceived(String line) {
                    Room.this.members.forEach(each -> each.sendLine(line));
                }
            };
            return member;
        }
    }

    @Test
    void twoPumpsCarryAFanOutBetweenClients() {
        Room room = new Room();
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        IOPump first = IOPump.connect(room.join(), alice);
        IOPump second = IOPump.connect(room.join(), bob);
        alice.sendLine("hello from alice");
        first.flush();
        second.flush();
        bob.sendLine("hi");
        second.flush();
        first.flush();
        assertThat(alice.lines).containsExactly("hello from alice", "hi");
        assertThat(bob.lines).containsExactly("hello from alice", "hi");
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
