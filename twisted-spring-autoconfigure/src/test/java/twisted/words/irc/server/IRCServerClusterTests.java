package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import twisted.cluster.Cluster;
import twisted.testing.MemoryCluster;
import twisted.testing.StringTransport;
import twisted.words.irc.Fragments;
import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several {@link IRCServer}s as nodes of one {@link MemoryCluster}: users on different nodes see
 * each other as if they were on one server, nicks are unique across nodes, a lost node's users
 * quit, and what comes over the bus is checked as input.
 */
class IRCServerClusterTests {

    private static final String ALICE = ":alice!~alice@192.168.1.1";

    private static final String BOB = ":bob!~bob@192.168.2.2";

    private final MemoryCluster cluster = new MemoryCluster();

    private ServerFixture one;

    private ServerFixture two;

    @BeforeEach
    void twoNodes() {
        this.one = node("one");
        this.two = node("two");
    }

    private ServerFixture node(String id) {
        return new ServerFixture(IRCServerSettings.defaults(), this.cluster.node(id));
    }

    /** Alice on node one and bob on node two, both in #c (alice created it), output cleared. */
    private Client[] aliceAndBobIn(String channel) {
        Client alice = this.one.register("alice", "192.168.1.1");
        Client bob = this.two.register("bob", "192.168.2.2");
        alice.send("JOIN " + channel);
        bob.send("JOIN " + channel);
        alice.take();
        bob.take();
        return new Client[] { alice, bob };
    }

    @Test
    void usersOnTwoNodesSeeEachOthersJoinMessagesNickTopicPartAndQuitAsLocalUsersWould() {
        Client alice = this.one.register("alice", "192.168.1.1");
        Client bob = this.two.register("bob", "192.168.2.2");
        alice.send("JOIN #c");
        assertThat(alice.take()).containsExactly(ALICE + " JOIN #c", ":irc.local 353 alice = #c :@alice",
                ":irc.local 366 alice #c :End of /NAMES list");
        bob.send("JOIN #C");
        assertThat(bob.take()).containsExactly(BOB + " JOIN #c", ":irc.local 353 bob = #c :bob @alice",
                ":irc.local 366 bob #c :End of /NAMES list");
        assertThat(alice.take()).containsExactly(BOB + " JOIN #c");

        alice.send("PRIVMSG #c :hello from one");
        assertThat(bob.take()).containsExactly(ALICE + " PRIVMSG #c :hello from one");
        assertThat(alice.take()).isEmpty();
        bob.send("NOTICE #c :hello from two");
        assertThat(alice.take()).containsExactly(BOB + " NOTICE #c :hello from two");

        alice.send("TOPIC #c :the topic");
        assertThat(bob.take()).containsExactly(ALICE + " TOPIC #c :the topic");
        assertThat(alice.take()).containsExactly(ALICE + " TOPIC #c :the topic");

        bob.send("NICK bobby");
        assertThat(bob.take()).containsExactly(BOB + " NICK bobby");
        assertThat(alice.take()).containsExactly(BOB + " NICK bobby");

        alice.send("NAMES #c");
        assertThat(alice.take()).containsExactly(":irc.local 353 alice = #c :@alice bobby",
                ":irc.local 366 alice #c :End of /NAMES list");
        bob.send("NAMES #c");
        assertThat(bob.take()).containsExactly(":irc.local 353 bobby = #c :bobby @alice",
                ":irc.local 366 bobby #c :End of /NAMES list");
        assertThat(this.one.server.statistics().channelList()).singleElement()
                .satisfies(summary -> assertThat(summary.members()).isEqualTo(2));

        bob.send("PART #c :later");
        assertThat(alice.take()).containsExactly(":bobby!~bob@192.168.2.2 PART #c :later");
        bob.take();
        bob.send("JOIN #c");
        assertThat(bob.take()).startsWith(":bobby!~bob@192.168.2.2 JOIN #c", ":irc.local 332 bobby #c :the topic");
        alice.take();
        bob.send("QUIT :bye");
        assertThat(alice.take()).containsExactly(":bobby!~bob@192.168.2.2 QUIT :Quit: bye");
        alice.send("NAMES #c");
        assertThat(alice.take()).startsWith(":irc.local 353 alice = #c :@alice");
        assertThat(this.one.server.statistics().clusterReceived()).isPositive();
        assertThat(this.one.server.statistics().clusterSent()).isPositive();
    }

    @Test
    void aNodeWithoutMembersLearnsTheChannelsMembersAndTopicFromTheRegistryWhenItsFirstUserJoins() {
        Client alice = this.one.register("alice", "192.168.1.1");
        alice.send("JOIN #c", "TOPIC #c :set before node three started");
        alice.take();
        ServerFixture three = node("three");
        Client carol = three.register("carol", "192.168.3.3");
        carol.send("JOIN #c");
        assertThat(carol.take()).containsExactly(":carol!~carol@192.168.3.3 JOIN #c",
                ":irc.local 332 carol #c :set before node three started",
                ":irc.local 333 carol #c alice!~alice@192.168.1.1 0",
                ":irc.local 353 carol = #c :carol @alice", ":irc.local 366 carol #c :End of /NAMES list");
        carol.send("WHO #c");
        assertThat(carol.take()).contains(":irc.local 352 carol #c ~alice 192.168.1.1 irc.local alice H@ :0 Real Name");
    }

    @Test
    void aConfiguredChannelsFirstLocalMemberLearnsItsMembersOnOtherNodesToo() {
        IRCServerSettings settings = IRCServerSettings.defaults().toBuilder()
                .channels(List.of(new IRCServerSettings.ChannelSettings("#lobby", "Welcome", "+nt", null)))
                .build();
        ServerFixture first = new ServerFixture(settings, this.cluster.node("first"));
        Client alice = first.register("alice", "192.168.1.1");
        alice.send("JOIN #lobby");
        alice.take();
        ServerFixture later = new ServerFixture(settings, this.cluster.node("later"));
        Client carol = later.register("carol", "192.168.3.3");
        carol.send("JOIN #lobby");
        assertThat(carol.take()).as("node 'later' never saw alice's JOIN go by").contains(
                ":irc.local 353 carol = #lobby :carol alice", ":irc.local 366 carol #lobby :End of /NAMES list");
        assertThat(alice.take()).containsExactly(":carol!~carol@192.168.3.3 JOIN #lobby");
    }

    @Test
    void privateMessagesAndWhoisReachAUserOnAnotherNode() {
        Client alice = this.one.register("alice", "192.168.1.1");
        Client bob = this.two.register("bob", "192.168.2.2");
        alice.send("PRIVMSG Bob :psst", "NOTICE bob :note");
        assertThat(bob.take()).containsExactly(ALICE + " PRIVMSG bob :psst", ALICE + " NOTICE bob :note");
        assertThat(alice.take()).isEmpty();
        bob.send("PRIVMSG alice :back");
        assertThat(alice.take()).containsExactly(BOB + " PRIVMSG alice :back");
        alice.send("PRIVMSG nobody :hi");
        assertThat(alice.take()).containsExactly(":irc.local 401 alice nobody :No such nick/channel");
        alice.send("WHOIS bob");
        assertThat(alice.take()).containsExactly(":irc.local 311 alice bob ~bob 192.168.2.2 * :Real Name",
                ":irc.local 312 alice bob irc.local :TwistedNet IRC server, node two",
                ":irc.local 318 alice bob :End of /WHOIS list");
    }

    @Test
    void aNickHeldOnAnotherNodeGets433CaseInsensitivelyAtRegistrationAndOnChange() {
        this.one.register("a[b]", "192.168.1.1");
        Client late = this.two.connect("192.168.2.2");
        late.send("NICK A{B}", "USER x 0 * :X");
        assertThat(late.take()).containsExactly(":irc.local 433 * A{B} :Nickname is already in use");
        late.send("NICK ab");
        assertThat(late.take()).anyMatch(line -> line.startsWith(":irc.local 001 ab "));
        late.send("NICK A[B]");
        assertThat(late.take()).containsExactly(":irc.local 433 ab A[B] :Nickname is already in use");
        late.send("NICK Ab");
        assertThat(late.take()).containsExactly(":ab!~x@192.168.2.2 NICK Ab");
        Client third = this.one.connect("192.168.1.9");
        third.send("NICK AB");
        assertThat(third.take()).containsExactly(":irc.local 433 * AB :Nickname is already in use");
    }

    @Test
    void aNickChangeFreesTheOldNickOnEveryNode() {
        Client bob = this.two.register("bob", "192.168.2.2");
        bob.send("NICK robert");
        bob.take();
        Client other = this.one.connect("192.168.1.1");
        other.send("NICK bob", "USER bob 0 * :B");
        assertThat(other.take()).anyMatch(line -> line.startsWith(":irc.local 001 bob "));
        other.send("NICK robert");
        assertThat(other.take()).containsExactly(":irc.local 433 bob robert :Nickname is already in use");
    }

    @Test
    void twoNodesClaimingOneNickTogetherGiveOneWinner() {
        ServerFixture r1 = new ServerFixture(IRCServerSettings.defaults(), this.cluster.node("r1"));
        ServerFixture r2 = new ServerFixture(IRCServerSettings.defaults(), this.cluster.node("r2"));
        this.cluster.hold("r1", true);
        this.cluster.hold("r2", true);
        Client first = r1.connect("192.168.1.1");
        Client second = r2.connect("192.168.2.2");
        first.send("NICK same", "USER a 0 * :A");
        second.send("NICK SAME", "USER b 0 * :B");
        assertThat(first.take()).isEmpty();
        assertThat(second.take()).isEmpty();
        this.cluster.answerAll("r2");
        this.cluster.answerAll("r1");
        assertThat(second.take()).anyMatch(line -> line.startsWith(":irc.local 001 SAME "));
        assertThat(first.take()).containsExactly(":irc.local 433 * same :Nickname is already in use");
    }

    @Test
    void twoLocalUsersClaimingOneNickTogetherGiveOneWinner() {
        ServerFixture r1 = new ServerFixture(IRCServerSettings.defaults(), this.cluster.node("r1"));
        this.cluster.hold("r1", true);
        Client first = r1.connect("192.168.1.1");
        Client second = r1.connect("192.168.1.2");
        first.send("NICK same", "USER a 0 * :A");
        second.send("NICK same", "USER b 0 * :B");
        assertThat(second.take()).containsExactly(":irc.local 433 * same :Nickname is already in use");
        this.cluster.answerAll("r1");
        assertThat(first.take()).anyMatch(line -> line.startsWith(":irc.local 001 same "));
    }

    @Test
    void commandsSentRightAfterNickRunInOrderOnceTheClaimAnswersInEveryFragmentation() {
        String input = "NICK alice\r\nUSER alice 0 * :Real Name\r\nJOIN #c\r\nPRIVMSG #c :first\r\nNICK alicia\r\n"
                + "PRIVMSG #c :second\r\nNAMES #c\r\n";
        MemoryCluster reference = new MemoryCluster();
        ServerFixture direct = new ServerFixture(IRCServerSettings.defaults(), reference.node("x"));
        Client watcherDirect = new ServerFixture(IRCServerSettings.defaults(), reference.node("y")).register("bob",
                "192.168.2.2");
        watcherDirect.send("JOIN #c");
        watcherDirect.take();
        Client plain = direct.connect("192.168.1.1");
        plain.send(input.split("\r\n"));
        List<String> expected = plain.take();
        List<String> expectedWatcher = watcherDirect.take();
        assertThat(expected).contains(ALICE + " JOIN #c", ":alice!~alice@192.168.1.1 NICK alicia",
                ":irc.local 353 alicia = #c :alicia @bob");
        assertThat(expectedWatcher).containsExactly(ALICE + " JOIN #c", ALICE + " PRIVMSG #c :first",
                ALICE + " NICK alicia", ":alicia!~alice@192.168.1.1 PRIVMSG #c :second");

        int runs = 0;
        for (List<byte[]> chunks : Fragments.of(input.getBytes(StandardCharsets.UTF_8))) {
            MemoryCluster each = new MemoryCluster();
            ServerFixture node = new ServerFixture(IRCServerSettings.defaults(), each.node("x"));
            each.hold("x", true);
            Client watcher = new ServerFixture(IRCServerSettings.defaults(), each.node("y")).register("bob",
                    "192.168.2.2");
            watcher.send("JOIN #c");
            watcher.take();
            Client client = node.connect("192.168.1.1");
            Fragments.feed(client.protocol, chunks);
            assertThat(client.take()).as("nothing runs before the nick claim answers").isEmpty();
            assertThat(each.waiting("x")).isEqualTo(1);
            assertThat(client.transport.getProducerState()).as("reading paused meanwhile").isEqualTo(StringTransport.PAUSED);
            List<String> output = new ArrayList<>();
            while (each.waiting("x") > 0) {
                each.answerOne("x");
                output.addAll(client.take());
            }
            assertThat(output).isEqualTo(expected);
            assertThat(client.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
            assertThat(watcher.take()).isEqualTo(expectedWatcher);
            runs++;
        }
        assertThat(runs).isGreaterThan(2);
    }

    @Test
    void aLostNodesUsersQuitForTheOthersAndTheirNicksAreFree() {
        Client[] users = aliceAndBobIn("#c");
        Client alice = users[0];
        ServerFixture three = node("three");
        Client carol = three.register("carol", "192.168.3.3");
        carol.send("JOIN #c");
        carol.take();
        alice.take();
        this.cluster.lose("two");
        assertThat(alice.take()).containsExactly(BOB + " QUIT :node lost");
        assertThat(carol.take()).containsExactly(BOB + " QUIT :node lost");
        alice.send("NAMES #c");
        assertThat(alice.take()).startsWith(":irc.local 353 alice = #c :@alice carol");
        Client newBob = three.connect("192.168.3.4");
        newBob.send("NICK bob", "USER bob 0 * :B");
        assertThat(newBob.take()).anyMatch(line -> line.startsWith(":irc.local 001 bob "));
    }

    @Test
    void whileTheClusterIsCutNewNicksAreRefusedClearly() {
        Client alice = this.one.register("alice", "192.168.1.1");
        this.cluster.cut("one", true);
        Client carol = this.one.connect("192.168.1.3");
        carol.send("NICK carol", "USER carol 0 * :C");
        assertThat(carol.take()).containsExactly(
                ":irc.local 437 * carol :Nick/channel is temporarily unavailable: the network cannot be reached, try again later");
        alice.send("NICK alicia");
        assertThat(alice.take()).containsExactly(
                ":irc.local 437 alice alicia :Nick/channel is temporarily unavailable: the network cannot be reached, try again later");
        assertThat(carol.closed()).isFalse();
        this.cluster.cut("one", false);
        carol.send("NICK carol");
        assertThat(carol.take()).anyMatch(line -> line.startsWith(":irc.local 001 carol "));
    }

    @Test
    void malformedAndOversizedBusMessagesAreDroppedWithoutHarm() {
        Client[] users = aliceAndBobIn("#c");
        Client alice = users[0];
        Cluster evil = this.cluster.node("evil");
        List<String> bad = List.of("", "   ", "JOIN #c", ":nobody JOIN #c", ":x!y@z", ":x!y@z JOIN", ":x!y@z JOIN nochannel",
                ":x!y@z FROB #c", ":x!y@z MODE #c +Q", ":x!y@z TOPIC #c", ":alice!~alice@192.168.1.1 PRIVMSG #c :forged",
                ":x!y@z PRIVMSG #c", "@bad\0tag :x!y@z PRIVMSG #c :t", ":x y@z PRIVMSG #c :t",
                ":x!y@z PRIVMSG #c :" + "x".repeat(20000), ":x!y@z NICK 9bad", ":x!y@z MODE #c +l many");
        for (String body : bad) {
            evil.publish("irc.channel", body);
            evil.publish("irc.node:one", body);
        }
        evil.publish("irc.node:one", ":x!y@z JOIN #c");
        assertThat(alice.take()).isEmpty();
        assertThat(alice.closed()).isFalse();
        assertThat(this.one.server.statistics().clusterDropped()).isGreaterThanOrEqualTo(bad.size() * 2L - 1);
        evil.publish("irc.channel", ":zed!z@h PRIVMSG #c :still works");
        assertThat(alice.take()).isEmpty();
        evil.publish("irc.channel", "@rn=Zed :zed!z@h JOIN #c");
        evil.publish("irc.channel", ":zed!z@h PRIVMSG #c :still works");
        assertThat(alice.take()).containsExactly(":zed!z@h JOIN #c", ":zed!z@h PRIVMSG #c :still works");
        users[1].send("PRIVMSG #c :and so does bob");
        assertThat(alice.take()).containsExactly(BOB + " PRIVMSG #c :and so does bob");
    }

    @Test
    void theFirstJoinerAnywhereIsOperatorAndALaterJoinerOnAnotherNodeIsNot() {
        Client alice = this.one.register("alice", "192.168.1.1");
        Client bob = this.two.register("bob", "192.168.2.2");
        bob.send("JOIN #new");
        assertThat(bob.take()).contains(":irc.local 353 bob = #new :@bob");
        alice.send("JOIN #new");
        assertThat(alice.take()).contains(":irc.local 353 alice = #new :alice @bob");
        alice.send("TOPIC #new :not allowed");
        assertThat(alice.take()).containsExactly(":irc.local 482 alice #new :You're not channel operator");
        alice.send("PART #new");
        bob.send("PART #new");
        alice.take();
        bob.take();
        alice.send("JOIN #new");
        assertThat(alice.take()).as("the channel was freed when its last member left")
                .contains(":irc.local 353 alice = #new :@alice");
    }

    @Test
    void modesAndKicksOfARemoteMemberReachItsNode() {
        Client[] users = aliceAndBobIn("#c");
        Client alice = users[0];
        Client bob = users[1];
        alice.send("MODE #c +v bob");
        assertThat(bob.take()).containsExactly(ALICE + " MODE #c +v bob");
        assertThat(alice.take()).containsExactly(ALICE + " MODE #c +v bob");
        alice.send("MODE #c +o bob");
        bob.take();
        alice.take();
        bob.send("TOPIC #c :bob is op now");
        assertThat(alice.take()).containsExactly(BOB + " TOPIC #c :bob is op now");
        bob.take();
        bob.send("KICK #c alice :out");
        assertThat(alice.take()).containsExactly(BOB + " KICK #c alice :out");
        assertThat(bob.take()).containsExactly(BOB + " KICK #c alice :out");
        alice.send("PRIVMSG #c :let me in");
        assertThat(alice.take()).containsExactly(":irc.local 404 alice #c :Cannot send to channel");
        bob.send("NAMES #c");
        assertThat(bob.take()).startsWith(":irc.local 353 bob = #c :@bob");
    }
}
