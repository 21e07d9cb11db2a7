package twisted.words.irc.server;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** MODE (user and channel, bans), KICK and INVITE. */
class IRCServerModeTests {

    private static final String ALICE = ":alice!~alice@192.168.1.1";

    private ServerFixture fixture;

    private Client alice;

    private Client bob;

    @BeforeEach
    void aliceOwnsChannelC() {
        this.fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder().floodBurst(100).build());
        this.alice = this.fixture.register("alice");
        this.bob = this.fixture.register("bob");
        this.alice.send("JOIN #c");
        this.alice.take();
    }

    private void bobJoins() {
        this.bob.send("JOIN #c");
        this.alice.take();
        this.bob.take();
    }

    @Test
    void channelModeQueryShowsModesKeyOnlyToMembersAndCreationTime() {
        this.alice.send("MODE #c +kl key 5", "MODE #c");
        assertThat(this.alice.take()).containsExactly(
                ALICE + " MODE #c +kl key 5",
                ":irc.local 324 alice #c +ntkl key 5",
                ":irc.local 329 alice #c 0");
        this.bob.send("MODE #c", "MODE #none");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 324 bob #c +ntkl * 5",
                ":irc.local 329 bob #c 0",
                ":irc.local 403 bob #none :No such channel");
    }

    @Test
    void changesAreAppliedInOrderAndShownToEveryMemberAsOneLineInEveryFragmentation() {
        bobJoins();
        this.alice.send("MODE #c +ov-t bob bob");
        assertThat(this.bob.take()).containsExactly(ALICE + " MODE #c +ov-t bob bob");
        List<String> output = ServerFixture.everyFragmentation("JOIN #x\r\nMODE #x +imsl-n 3\r\n", f -> {
            Client c = f.register("alice");
            f.clock.advance(10);
            return c;
        });
        assertThat(output.get(output.size() - 1)).isEqualTo(ALICE + " MODE #x +imsl-n 3");
    }

    @Test
    void nonOperatorsGet482OnceAndUnknownModes472() {
        bobJoins();
        this.bob.send("MODE #c +tm", "MODE #c +z");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 482 bob #c :You're not channel operator",
                ":irc.local 472 bob z :is unknown mode char to me");
        this.alice.send("MODE #c +o nobody", "MODE #c +v carol");
        Client carol = this.fixture.register("carol");
        this.alice.send("MODE #c +o carol");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 401 alice nobody :No such nick/channel",
                ":irc.local 401 alice carol :No such nick/channel",
                ":irc.local 441 alice carol #c :They aren't on that channel");
        assertThat(carol.take()).isEmpty();
    }

    @Test
    void atMostFourModesWithParametersPerCommand() {
        this.alice.send("MODE #c +bbbbb a b c d e");
        assertThat(this.alice.take()).containsExactly(ALICE + " MODE #c +bbbb a!*@* b!*@* c!*@* d!*@*");
    }

    @Test
    void bansUseMasksWithWildcardsUnderTheCaseMappingAndAreListed() {
        this.fixture.clock.advance(7);
        this.alice.send("MODE #c +b B?B!*@*", "MODE #c +b *!*@10.*", "MODE #c b");
        assertThat(this.alice.take()).containsExactly(
                ALICE + " MODE #c +b B?B!*@*",
                ALICE + " MODE #c +b *!*@10.*",
                ":irc.local 367 alice #c B?B!*@* alice!~alice@192.168.1.1 7",
                ":irc.local 367 alice #c *!*@10.* alice!~alice@192.168.1.1 7",
                ":irc.local 368 alice #c :End of channel ban list");
        this.bob.send("JOIN #c");
        assertThat(this.bob.take()).containsExactly(":irc.local 474 bob #c :Cannot join channel (+b)");
        this.alice.send("MODE #c -b b?b!*@*");
        this.bob.send("JOIN #c");
        assertThat(this.bob.take()).first().isEqualTo(":bob!~bob@192.168.1.1 JOIN #c");
        this.alice.send("MODE #c +b bob");
        this.bob.send("PRIVMSG #c :banned talk");
        assertThat(this.bob.take()).contains(":irc.local 404 bob #c :Cannot send to channel");
    }

    @Test
    void banListIsBounded() {
        ServerFixture f = new ServerFixture(IRCServerSettings.defaults().toBuilder().maxListEntries(2).build());
        Client op = f.register("op");
        op.send("JOIN #c");
        op.take();
        op.send("MODE #c +bbb a b c");
        assertThat(op.take()).containsExactly(
                ":irc.local 478 op #c c!*@* :Channel ban list is full",
                ":op!~op@192.168.1.1 MODE #c +bb a!*@* b!*@*");
    }

    @Test
    void keyLimitAndInviteOnlyKeepPeopleOut() {
        this.alice.send("MODE #c +k sesame");
        this.bob.send("JOIN #c", "JOIN #c wrong");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 475 bob #c :Cannot join channel (+k)",
                ":irc.local 475 bob #c :Cannot join channel (+k)");
        this.alice.send("MODE #c -k+l x 1");
        this.bob.send("JOIN #c");
        assertThat(this.bob.take()).containsExactly(":irc.local 471 bob #c :Cannot join channel (+l)");
        this.alice.send("MODE #c -l+i");
        this.bob.send("JOIN #c");
        assertThat(this.bob.take()).containsExactly(":irc.local 473 bob #c :Cannot join channel (+i)");
        assertThat(this.alice.take()).containsExactly(
                ALICE + " MODE #c +k sesame", ALICE + " MODE #c -k+l * 1", ALICE + " MODE #c -l+i");
    }

    @Test
    void inviteLetsTheInviteeIntoAnInviteOnlyChannelOnce() {
        this.alice.send("MODE #c +i", "AWAY :lunch");
        this.bob.send("AWAY :busy");
        this.alice.take();
        this.bob.take();
        this.alice.send("INVITE BOB #c");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 341 alice bob #c",
                ":irc.local 301 alice bob :busy");
        assertThat(this.bob.take()).containsExactly(ALICE + " INVITE bob #c");
        this.bob.send("JOIN #c", "PART #c", "JOIN #c");
        List<String> lines = this.bob.take();
        assertThat(lines).first().isEqualTo(":bob!~bob@192.168.1.1 JOIN #c");
        assertThat(lines).last().isEqualTo(":irc.local 473 bob #c :Cannot join channel (+i)");
    }

    @Test
    void inviteErrors() {
        bobJoins();
        Client carol = this.fixture.register("carol");
        this.alice.send("MODE #c +i");
        this.bob.take();
        carol.send("INVITE bob #c", "INVITE nobody #c", "INVITE bob #nochan", "INVITE bob");
        assertThat(carol.take()).containsExactly(
                ":irc.local 442 carol #c :You're not on that channel",
                ":irc.local 401 carol nobody :No such nick/channel",
                ":irc.local 403 carol #nochan :No such channel",
                ":irc.local 461 carol INVITE :Not enough parameters");
        this.bob.send("INVITE carol #c", "INVITE alice #c");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 482 bob #c :You're not channel operator",
                ":irc.local 443 bob alice #c :is already on channel");
    }

    @Test
    void kickRemovesTheTargetAndEveryoneSeesItWithTheReason() {
        bobJoins();
        Client carol = this.fixture.register("carol");
        carol.send("JOIN #c");
        this.alice.take();
        this.bob.take();
        carol.take();
        this.alice.send("KICK #c Bob :behave");
        assertThat(this.bob.take()).containsExactly(ALICE + " KICK #c bob :behave");
        assertThat(carol.take()).containsExactly(ALICE + " KICK #c bob :behave");
        assertThat(this.alice.take()).containsExactly(ALICE + " KICK #c bob :behave");
        this.alice.send("KICK #c carol");
        assertThat(carol.take()).containsExactly(ALICE + " KICK #c carol :alice");
        this.bob.send("PRIVMSG #c :back?");
        assertThat(this.bob.take()).containsExactly(":irc.local 404 bob #c :Cannot send to channel");
    }

    @Test
    void kickErrors() {
        bobJoins();
        Client carol = this.fixture.register("carol");
        this.bob.send("KICK #c alice", "KICK #nochan alice", "KICK #c");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 482 bob #c :You're not channel operator",
                ":irc.local 403 bob #nochan :No such channel",
                ":irc.local 461 bob KICK :Not enough parameters");
        carol.send("KICK #c bob");
        assertThat(carol.take()).containsExactly(":irc.local 442 carol #c :You're not on that channel");
        this.alice.send("KICK #c carol", "KICK #c nobody");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 441 alice carol #c :They aren't on that channel",
                ":irc.local 401 alice nobody :No such nick/channel");
    }

    @Test
    void userModesIwAndOnlyRemovingO() {
        this.alice.send("MODE alice +iwo", "MODE alice", "MODE ALICE -w+x", "MODE bob +i", "MODE nobody");
        assertThat(this.alice.take()).containsExactly(
                ALICE + " MODE alice +iw",
                ":irc.local 221 alice +iw",
                ":irc.local 501 alice :Unknown MODE flag",
                ALICE + " MODE alice -w",
                ":irc.local 502 alice :Can't change mode for other users",
                ":irc.local 401 alice nobody :No such nick/channel");
    }
}
