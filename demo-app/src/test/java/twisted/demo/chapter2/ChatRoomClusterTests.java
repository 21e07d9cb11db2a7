package twisted.demo.chapter2;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import twisted.cluster.Cluster;
import twisted.defer.Failure;
import twisted.internet.IPv4Address;
import twisted.internet.error.ConnectionDoneException;
import twisted.testing.MemoryCluster;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One chat room over several nodes ({@link MemoryCluster}), each node its own {@link ChatFactory},
 * input fed one byte at a time.
 */
class ChatRoomClusterTests {

    private final MemoryCluster cluster = new MemoryCluster();

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

        void quit() {
            this.protocol.connectionLost(new Failure(new ConnectionDoneException()));
        }
    }

    private ChatFactory node(Cluster node) {
        ChatFactory factory = new ChatFactory(new ChatRoom(node));
        factory.doStart();
        return factory;
    }

    private static User connect(ChatFactory factory, @Nullable String name) {
        ChatProtocol protocol = (ChatProtocol) factory.buildProtocol(new IPv4Address("TCP", "127.0.0.1", 1));
        StringTransport transport = new StringTransport();
        protocol.makeConnection(transport);
        User user = new User(protocol, transport);
        if (name != null) {
            user.say(name);
            assertThat(user.heard()).isEqualTo("What's your name?\r\nWelcome, " + name + "!\r\n");
        }
        return user;
    }

    @Test
    void usersOnDifferentNodesSeeEachOthersJoinsLinesAndDepartures() {
        ChatFactory one = node(this.cluster.node("one"));
        ChatFactory two = node(this.cluster.node("two"));
        User alice = connect(one, "alice");
        User bob = connect(two, "bob");
        assertThat(alice.heard()).isEqualTo("bob has joined the channel.\r\n");
        User carol = connect(one, "carol");
        assertThat(alice.heard()).isEqualTo("carol has joined the channel.\r\n");
        assertThat(bob.heard()).isEqualTo("carol has joined the channel.\r\n");

        bob.say("hello from two");
        assertThat(alice.heard()).isEqualTo("<bob> hello from two\r\n");
        assertThat(carol.heard()).isEqualTo("<bob> hello from two\r\n");
        assertThat(bob.heard()).isEmpty();

        alice.say("hi bob");
        assertThat(bob.heard()).isEqualTo("<alice> hi bob\r\n");
        assertThat(carol.heard()).isEqualTo("<alice> hi bob\r\n");
        assertThat(alice.heard()).isEmpty();

        alice.quit();
        assertThat(bob.heard()).isEqualTo("alice has left the channel.\r\n");
        assertThat(carol.heard()).isEqualTo("alice has left the channel.\r\n");
        assertThat(one.getUsers()).containsOnlyKeys("carol");
    }

    @Test
    void aNameTakenOnOneNodeIsRefusedOnAnotherUntilItsUserLeaves() {
        ChatFactory one = node(this.cluster.node("one"));
        ChatFactory two = node(this.cluster.node("two"));
        User alice = connect(one, "alice");
        User impostor = connect(two, null);
        impostor.say("alice");
        assertThat(impostor.heard()).isEqualTo("What's your name?\r\nName taken, please choose another.\r\n");
        alice.quit();
        impostor.say("alice");
        assertThat(impostor.heard()).isEqualTo("Welcome, alice!\r\n");
    }

    @Test
    void aNodeThatStartsLaterKnowsWhoIsAlreadyThere() {
        ChatFactory one = node(this.cluster.node("one"));
        connect(one, "alice");
        ChatFactory late = node(this.cluster.node("late"));
        User latecomer = connect(late, null);
        latecomer.say("alice");
        assertThat(latecomer.heard()).isEqualTo("What's your name?\r\nName taken, please choose another.\r\n");
    }

    @Test
    void aLostNodesUsersLeaveAndTheirNamesAreFree() {
        ChatFactory one = node(this.cluster.node("one"));
        ChatFactory two = node(this.cluster.node("two"));
        connect(one, "alice");
        User bob = connect(two, "bob");
        bob.heard();
        this.cluster.lose("one");
        assertThat(bob.heard()).isEqualTo("alice has left the channel (node lost).\r\n");
        User again = connect(two, "alice");
        assertThat(bob.heard()).isEqualTo("alice has joined the channel.\r\n");
        again.say("back");
        assertThat(bob.heard()).isEqualTo("<alice> back\r\n");
    }

    @Test
    void whenTheClusterCannotBeReachedTheNameIsNotGranted() {
        ChatFactory one = node(this.cluster.node("one"));
        this.cluster.cut("one", true);
        User alice = connect(one, null);
        alice.say("alice");
        assertThat(alice.heard()).isEqualTo(
                "What's your name?\r\nThe chat cannot check names right now, please try again.\r\n");
        this.cluster.cut("one", false);
        alice.say("alice");
        assertThat(alice.heard()).isEqualTo("Welcome, alice!\r\n");
    }

    @Test
    void linesSentWhileTheClusterIsStillAnsweringWaitTheirTurn() {
        ChatFactory one = node(this.cluster.node("one"));
        User bob = connect(node(this.cluster.node("two")), "bob");
        this.cluster.hold("one", true);
        User alice = connect(one, null);
        alice.say("alice");
        alice.say("first words");
        assertThat(alice.heard()).isEqualTo("What's your name?\r\n");
        assertThat(bob.heard()).isEmpty();
        this.cluster.answerAll("one");
        assertThat(alice.heard()).isEqualTo("Welcome, alice!\r\n");
        assertThat(bob.heard()).isEqualTo("alice has joined the channel.\r\n<alice> first words\r\n");
    }

    @Test
    void aUserGoneBeforeTheClusterAnswersGivesTheNameBack() {
        ChatFactory one = node(this.cluster.node("one"));
        this.cluster.hold("one", true);
        User alice = connect(one, null);
        alice.say("alice");
        alice.quit();
        assertThat(this.cluster.waiting("one")).as("the claim").isEqualTo(1);
        this.cluster.answerAll("one");
        assertThat(one.getUsers()).isEmpty();
        User again = connect(node(this.cluster.node("two")), "alice");
        assertThat(again.heard()).isEmpty();
    }

    @Test
    void malformedBusMessagesAreDropped() {
        ChatFactory one = node(this.cluster.node("one"));
        User alice = connect(one, "alice");
        Cluster rogue = this.cluster.node("rogue");
        for (String body : List.of("", "J", "J:", "Jx:alice", "J99:alice", "X5:alicehello", "M-1:x")) {
            rogue.publish(ChatRoom.TOPIC, body);
        }
        rogue.publish(ChatRoom.TOPIC, "M" + "a".length() + ":a" + "x".repeat(ChatRoom.MAX_MESSAGE));
        assertThat(alice.heard()).isEmpty();
        rogue.publish(ChatRoom.TOPIC, "M3:bob<bob> fine");
        assertThat(alice.heard()).isEqualTo("<bob> fine\r\n");
    }
}
