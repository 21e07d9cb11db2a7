package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** JOIN, PART, PRIVMSG, NOTICE, TAGMSG, NICK changes, TOPIC, NAMES and LIST. */
class IRCServerChannelTests {

    private static final String ALICE = ":alice!~alice@192.168.1.1";

    private static final String BOB = ":bob!~bob@192.168.1.1";

    private ServerFixture fixture;

    private Client alice;

    private Client bob;

    @BeforeEach
    void twoUsers() {
        this.fixture = new ServerFixture();
        this.alice = this.fixture.register("alice");
        this.bob = this.fixture.register("bob");
    }

    private void bothIn(String channel) {
        this.alice.send("JOIN " + channel);
        this.bob.send("JOIN " + channel);
        this.alice.take();
        this.bob.take();
    }

    @Test
    void aLongMessageIsCutToFitTheRelayLineAtACharacterBoundary() {
        bothIn("#c");
        String head = "PRIVMSG #c :";
        // 472 bytes of text fit after the relay's prefix: the cut falls inside the euro sign.
        String text = "x".repeat(469) + "\u00e9\u20ac\u00e9\u20ac\u00e9";
        assertThat((head + text).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(510);
        this.alice.send(head + text);
        List<String> seen = this.bob.take();
        assertThat(seen).hasSize(1);
        String line = seen.get(0);
        assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2).as("with CR LF").isLessThanOrEqualTo(512)
                .isGreaterThan(505);
        assertThat(line).startsWith(ALICE + " PRIVMSG #c :");
        String relayed = line.substring((ALICE + " PRIVMSG #c :").length());
        assertThat(relayed).isEqualTo("x".repeat(469) + "\u00e9");
    }

    @Test
    void joinCreatesTheChannelWithTheJoinerAsOperatorInEveryFragmentation() {
        List<String> output = ServerFixture.everyFragmentation("JOIN #chat\r\n", f -> f.register("alice"));
        assertThat(output).containsExactly(
                ALICE + " JOIN #chat",
                ":irc.local 353 alice = #chat :@alice",
                ":irc.local 366 alice #chat :End of /NAMES list");
    }

    @Test
    void secondJoinerSeesTopicAndNamesAndTheFirstSeesTheJoin() {
        this.alice.send("JOIN #chat", "TOPIC #chat :Welcome all");
        this.fixture.clock.advance(5);
        this.alice.take();
        this.bob.send("JOIN #Chat");
        assertThat(this.bob.take()).containsExactly(
                BOB + " JOIN #chat",
                ":irc.local 332 bob #chat :Welcome all",
                ":irc.local 333 bob #chat alice!~alice@192.168.1.1 0",
                ":irc.local 353 bob = #chat :@alice bob",
                ":irc.local 366 bob #chat :End of /NAMES list");
        assertThat(this.alice.take()).containsExactly(BOB + " JOIN #chat");
        assertThat(this.fixture.server.statistics().channelList())
                .containsExactly(new IRCServer.ChannelSummary("#chat", 2, "Welcome all"));
    }

    @Test
    void channelNamesFoldUnderRfc1459() {
        this.alice.send("JOIN #Chan[1]");
        this.bob.send("JOIN #chan{1}");
        assertThat(this.bob.take()).first().isEqualTo(BOB + " JOIN #Chan[1]");
        assertThat(this.fixture.server.statistics().channels()).isEqualTo(1);
    }

    @Test
    void joinSeveralChannelsWithKeysAndJoinZeroPartsAll() {
        this.alice.send("JOIN #a,#b", "MODE #b +k secret");
        this.alice.take();
        this.bob.send("JOIN #a,#b,#c wrong,secret");
        assertThat(this.bob.take()).filteredOn(line -> line.contains(" JOIN ")).containsExactly(
                BOB + " JOIN #a", BOB + " JOIN #b", BOB + " JOIN #c");
        this.bob.send("JOIN 0");
        assertThat(this.bob.take()).containsExactly(BOB + " PART #a", BOB + " PART #b", BOB + " PART #c");
        assertThat(this.fixture.server.statistics().channels()).isEqualTo(2);
    }

    @Test
    void joinErrors() {
        IRCServerSettings settings = IRCServerSettings.defaults().toBuilder().channelsPerClient(1).channelLength(10)
                .build();
        ServerFixture small = new ServerFixture(settings);
        Client carol = small.register("carol");
        carol.send("JOIN", "JOIN nochan", "JOIN #waytoolongname", "JOIN #a", "JOIN #b");
        assertThat(carol.take()).filteredOn(line -> !line.contains("#a")).containsExactly(
                ":irc.local 461 carol JOIN :Not enough parameters",
                ":irc.local 403 carol nochan :No such channel",
                ":irc.local 476 carol #waytoolongname :Bad Channel Mask",
                ":irc.local 405 carol #b :You have joined too many channels");
    }

    @Test
    void channelsAreNotCreatedOnJoinWhenSwitchedOffButConfiguredOnesExist() {
        ServerFixture closed = new ServerFixture(IRCServerSettings.defaults().toBuilder().createChannelsOnJoin(false)
                .channels(List.of(new IRCServerSettings.ChannelSettings("#lobby", "Hi", "+nt", null))).build());
        Client carol = closed.register("carol");
        carol.send("JOIN #other", "JOIN #lobby", "PART #lobby");
        assertThat(carol.take()).containsExactly(
                ":irc.local 403 carol #other :No such channel",
                ":carol!~carol@192.168.1.1 JOIN #lobby",
                ":irc.local 332 carol #lobby :Hi",
                ":irc.local 333 carol #lobby irc.local 0",
                ":irc.local 353 carol = #lobby :carol",
                ":irc.local 366 carol #lobby :End of /NAMES list",
                ":carol!~carol@192.168.1.1 PART #lobby");
        assertThat(closed.server.statistics().channelList())
                .containsExactly(new IRCServer.ChannelSummary("#lobby", 0, "Hi"));
    }

    @Test
    void partWithReasonIsSeenByAllAndErrorsAreNumbered() {
        bothIn("#c");
        this.bob.send("PART #c :see you", "PART #c", "PART #nope");
        assertThat(this.bob.take()).containsExactly(
                BOB + " PART #c :see you",
                ":irc.local 442 bob #c :You're not on that channel",
                ":irc.local 403 bob #nope :No such channel");
        assertThat(this.alice.take()).containsExactly(BOB + " PART #c :see you");
    }

    @Test
    void privmsgToAChannelReachesTheOthersButNotTheSenderInEveryFragmentation() {
        bothIn("#c");
        for (List<byte[]> chunks : twisted.words.irc.Fragments.of("PRIVMSG #c :hello there\r\n".getBytes())) {
            this.fixture.clock.advance(1);
            twisted.words.irc.Fragments.feed(this.alice.protocol, chunks);
            assertThat(this.alice.take()).isEmpty();
            assertThat(this.bob.take()).containsExactly(ALICE + " PRIVMSG #c :hello there");
        }
        assertThat(this.fixture.server.statistics().messagesRelayed()).isGreaterThan(1);
    }

    @Test
    void privateMessagesAndNoticesGoToTheNick() {
        this.alice.send("PRIVMSG BOB :hi", "NOTICE bob :psst");
        assertThat(this.bob.take()).containsExactly(ALICE + " PRIVMSG bob :hi", ALICE + " NOTICE bob :psst");
        assertThat(this.alice.take()).isEmpty();
    }

    @Test
    void severalTargetsUpToTheLimitThen407() {
        Client carol = this.fixture.register("carol");
        this.alice.send("PRIVMSG bob,carol,bob,carol,bob :hey");
        assertThat(this.alice.take()).containsExactly(":irc.local 407 alice bob :Too many recipients");
        assertThat(this.bob.take()).hasSize(2);
        assertThat(carol.take()).hasSize(2);
    }

    @Test
    void privmsgErrorsAndNoticeNeverGetsAnAutomaticReply() {
        this.alice.send("PRIVMSG", "PRIVMSG bob", "PRIVMSG nobody :x", "PRIVMSG #nochan :x",
                "NOTICE", "NOTICE bob", "NOTICE nobody :x", "NOTICE #nochan :x");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 411 alice :No recipient given (PRIVMSG)",
                ":irc.local 412 alice :No text to send",
                ":irc.local 401 alice nobody :No such nick/channel",
                ":irc.local 401 alice #nochan :No such nick/channel");
    }

    @Test
    void outsidersCannotSendToNoExternalChannelsNorUnvoicedToModerated() {
        this.alice.send("JOIN #c");
        this.alice.take();
        this.bob.send("PRIVMSG #c :from outside", "NOTICE #c :quiet");
        assertThat(this.bob.take()).containsExactly(":irc.local 404 bob #c :Cannot send to channel");
        this.alice.send("MODE #c -n+m");
        this.bob.send("JOIN #c");
        this.alice.take();
        this.bob.take();
        this.bob.send("PRIVMSG #c :muted");
        assertThat(this.bob.take()).containsExactly(":irc.local 404 bob #c :Cannot send to channel");
        this.alice.send("MODE #c +v bob");
        this.bob.take();
        this.bob.send("PRIVMSG #c :voiced");
        assertThat(this.alice.take()).containsExactly(ALICE + " MODE #c +v bob", BOB + " PRIVMSG #c :voiced");
    }

    @Test
    void echoMessageSendsTheSenderItsOwnMessageWithTags() {
        ServerFixture f = new ServerFixture();
        Client carol = f.connect().send("CAP REQ :echo-message message-tags", "NICK carol", "USER c 0 * :C",
                "CAP END");
        Client dave = f.register("dave");
        carol.take();
        carol.send("@+draft/react=x PRIVMSG dave :hi");
        assertThat(carol.take()).containsExactly("@+draft/react=x :carol!~c@192.168.1.1 PRIVMSG dave :hi");
        assertThat(dave.take()).containsExactly(":carol!~c@192.168.1.1 PRIVMSG dave :hi");
    }

    @Test
    void tagmsgReachesOnlyClientsWithMessageTags() {
        ServerFixture f = new ServerFixture();
        Client carol = f.connect().send("CAP REQ :message-tags", "NICK carol", "USER c 0 * :C", "CAP END");
        Client dave = f.register("dave");
        carol.send("JOIN #t");
        dave.send("JOIN #t");
        carol.take();
        dave.take();
        dave.send("@+typing=active TAGMSG #t");
        assertThat(carol.take()).containsExactly("@+typing=active :dave!~dave@192.168.1.1 TAGMSG #t");
        carol.send("@+typing=active TAGMSG #t");
        assertThat(dave.take()).isEmpty();
    }

    @Test
    void nickChangeIsSeenOnceByEveryoneSharingAChannel() {
        bothIn("#a");
        this.alice.send("JOIN #b");
        this.bob.send("JOIN #b");
        this.alice.take();
        this.bob.take();
        Client loner = this.fixture.register("loner");
        this.alice.send("NICK Alicia");
        assertThat(this.alice.take()).containsExactly(ALICE + " NICK Alicia");
        assertThat(this.bob.take()).containsExactly(ALICE + " NICK Alicia");
        assertThat(loner.take()).isEmpty();
        this.alice.send("NICK ALICIA");
        assertThat(this.bob.take()).containsExactly(":Alicia!~alice@192.168.1.1 NICK ALICIA");
        this.bob.send("NICK alicia");
        assertThat(this.bob.take()).containsExactly(":irc.local 433 bob alicia :Nickname is already in use");
        Client newAlice = this.fixture.register("alice");
        assertThat(newAlice.closed()).isFalse();
    }

    @Test
    void topicNeedsOperatorUnderPlusTAndIsShownWithSetterAndTime() {
        bothIn("#c");
        this.fixture.clock.advance(100);
        this.bob.send("TOPIC #c :mine", "TOPIC #c");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 482 bob #c :You're not channel operator",
                ":irc.local 331 bob #c :No topic is set");
        this.alice.send("TOPIC #c :Release day");
        assertThat(this.bob.take()).containsExactly(ALICE + " TOPIC #c :Release day");
        this.bob.send("TOPIC #c");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 332 bob #c :Release day",
                ":irc.local 333 bob #c alice!~alice@192.168.1.1 100");
        this.alice.send("MODE #c -t");
        this.bob.send("TOPIC #c :" + "t".repeat(400));
        assertThat(this.alice.take()).last().isEqualTo(BOB + " TOPIC #c :" + "t".repeat(390));
        this.bob.send("TOPIC #nope", "TOPIC #nope :x");
        assertThat(this.bob.take()).endsWith(
                ":irc.local 403 bob #nope :No such channel",
                ":irc.local 403 bob #nope :No such channel");
    }

    @Test
    void namesShowsPrefixesAndMultiPrefixShowsThemAll() {
        bothIn("#c");
        this.alice.send("MODE #c +v alice");
        this.alice.take();
        this.bob.take();
        this.bob.send("NAMES #c", "NAMES");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 353 bob = #c :@alice bob",
                ":irc.local 366 bob #c :End of /NAMES list",
                ":irc.local 366 bob * :End of /NAMES list");
        Client carol = this.fixture.connect().send("CAP REQ multi-prefix", "CAP END", "NICK carol", "USER c 0 * :C");
        carol.take();
        carol.send("NAMES #c");
        assertThat(carol.take()).containsExactly(
                ":irc.local 353 carol = #c :@+alice bob",
                ":irc.local 366 carol #c :End of /NAMES list");
    }

    @Test
    void namesOfASecretChannelAreHiddenFromOutsidersAndLongListsAreSplit() {
        ServerFixture f = new ServerFixture(IRCServerSettings.defaults().toBuilder().clientsPerHost(100).build());
        Client op = f.register("op");
        op.send("JOIN #big", "MODE #big +s");
        for (int i = 0; i < 60; i++) {
            f.register("member" + i).send("JOIN #big");
        }
        op.take();
        op.send("NAMES #big");
        List<String> lines = op.take();
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines).allSatisfy(line -> assertThat(line.length() + 2).isLessThanOrEqualTo(512));
        assertThat(lines.get(0)).startsWith(":irc.local 353 op @ #big :@op member0 ");
        Client outsider = f.register("outsider");
        outsider.send("NAMES #big", "LIST");
        assertThat(outsider.take()).containsExactly(
                ":irc.local 366 outsider #big :End of /NAMES list",
                ":irc.local 321 outsider Channel :Users  Name",
                ":irc.local 323 outsider :End of /LIST");
    }

    @Test
    void listShowsVisibleChannelsWithCountsAndTopics() {
        bothIn("#c");
        this.alice.send("TOPIC #c :talk", "JOIN #d");
        this.alice.take();
        this.bob.take();
        this.bob.send("LIST", "LIST #d");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 321 bob Channel :Users  Name",
                ":irc.local 322 bob #c 2 :talk",
                ":irc.local 322 bob #d 1 :",
                ":irc.local 323 bob :End of /LIST",
                ":irc.local 321 bob Channel :Users  Name",
                ":irc.local 322 bob #d 1 :",
                ":irc.local 323 bob :End of /LIST");
    }

    @Test
    void emptyChannelIsDestroyed() {
        this.alice.send("JOIN #tmp", "PART #tmp");
        assertThat(this.fixture.server.statistics().channels()).isZero();
    }
}
