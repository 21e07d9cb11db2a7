package twisted.words.irc.server;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** WHO, WHOIS, AWAY, ISON, USERHOST, LUSERS, MOTD, VERSION, TIME, OPER and KILL. */
class IRCServerQueryTests {

    private ServerFixture fixture;

    private Client alice;

    private Client bob;

    @BeforeEach
    void twoUsersInC() {
        this.fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder().floodBurst(100)
                .operators(Map.of("admin", "hunter2"::equals)).build());
        this.alice = this.fixture.register("alice");
        this.bob = this.fixture.register("bob");
        this.alice.send("JOIN #c");
        this.bob.send("JOIN #c");
        this.alice.take();
        this.bob.take();
    }

    @Test
    void whoOnAChannelAndOnAMask() {
        this.bob.send("AWAY :out");
        this.bob.take();
        this.alice.send("WHO #c", "WHO b*", "WHO nobody");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 352 alice #c ~alice 192.168.1.1 irc.local alice H@ :0 Real Name",
                ":irc.local 352 alice #c ~bob 192.168.1.1 irc.local bob G :0 Real Name",
                ":irc.local 315 alice #c :End of WHO list",
                ":irc.local 352 alice * ~bob 192.168.1.1 irc.local bob G :0 Real Name",
                ":irc.local 315 alice b* :End of WHO list",
                ":irc.local 315 alice nobody :End of WHO list");
    }

    @Test
    void invisibleUsersAreHiddenFromWhoOfStrangers() {
        Client carol = this.fixture.register("carol");
        this.bob.send("MODE bob +i");
        carol.send("WHO *", "WHO #c");
        assertThat(carol.take()).containsExactly(
                ":irc.local 352 carol * ~alice 192.168.1.1 irc.local alice H :0 Real Name",
                ":irc.local 352 carol * ~carol 192.168.1.1 irc.local carol H :0 Real Name",
                ":irc.local 315 carol * :End of WHO list",
                ":irc.local 352 carol #c ~alice 192.168.1.1 irc.local alice H@ :0 Real Name",
                ":irc.local 315 carol #c :End of WHO list");
    }

    @Test
    void whoisGivesEveryLineInOrder() {
        this.fixture.clock.advance(30);
        this.alice.send("PRIVMSG #c :hi", "AWAY :gone", "OPER admin hunter2");
        this.fixture.clock.advance(12);
        this.alice.take();
        this.bob.take();
        this.bob.send("WHOIS Alice");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 311 bob alice ~alice 192.168.1.1 * :Real Name",
                ":irc.local 319 bob alice :@#c",
                ":irc.local 312 bob alice irc.local :TwistedNet IRC server",
                ":irc.local 301 bob alice :gone",
                ":irc.local 313 bob alice :is an IRC operator",
                ":irc.local 317 bob alice 12 0 :seconds idle, signon time",
                ":irc.local 318 bob alice :End of /WHOIS list");
        this.bob.send("WHOIS nobody", "WHOIS");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 401 bob nobody :No such nick/channel",
                ":irc.local 318 bob nobody :End of /WHOIS list",
                ":irc.local 431 bob :No nickname given");
    }

    @Test
    void awaySetsAndClearsAndAwayNotifyTellsNeighbours() {
        Client carol = this.fixture.connect().send("CAP REQ away-notify", "NICK carol", "USER c 0 * :C", "CAP END");
        carol.send("JOIN #c");
        carol.take();
        this.alice.take();
        this.alice.send("AWAY :brb", "AWAY");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 306 alice :You have been marked as being away",
                ":irc.local 305 alice :You are no longer marked as being away");
        assertThat(carol.take()).containsExactly(
                ":alice!~alice@192.168.1.1 AWAY :brb",
                ":alice!~alice@192.168.1.1 AWAY");
        assertThat(this.bob.take()).filteredOn(line -> line.contains("AWAY")).isEmpty();
        this.alice.send("AWAY :" + "a".repeat(300));
        this.bob.send("PRIVMSG alice :there?");
        assertThat(this.bob.take()).containsExactly(":irc.local 301 bob alice :" + "a".repeat(200));
    }

    @Test
    void isonAndUserhost() {
        this.alice.send("OPER admin hunter2", "AWAY :x");
        this.alice.take();
        this.bob.send("ISON ALICE nobody bob", "ISON :alice bob", "USERHOST alice bob nobody", "ISON");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 303 bob :alice bob",
                ":irc.local 303 bob :alice bob",
                ":irc.local 302 bob :alice*=-~alice@192.168.1.1 bob=+~bob@192.168.1.1",
                ":irc.local 461 bob ISON :Not enough parameters");
    }

    @Test
    void lusersMotdVersionAndTime() {
        this.fixture.connect();
        this.alice.send("LUSERS", "MOTD", "TIME");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 251 alice :There are 2 users and 0 invisible on 1 servers",
                ":irc.local 252 alice 0 :operator(s) online",
                ":irc.local 253 alice 1 :unknown connection(s)",
                ":irc.local 254 alice 1 :channels formed",
                ":irc.local 255 alice :I have 2 clients and 0 servers",
                ":irc.local 422 alice :MOTD File is missing",
                ":irc.local 391 alice irc.local :Thu, 1 Jan 1970 00:00:00 GMT");
        this.alice.send("VERSION");
        assertThat(this.alice.take()).first()
                .isEqualTo(":irc.local 351 alice twisted-spring-0.1.0 irc.local :Twisted's words server for Java");
    }

    @Test
    void operWithTheRightPasswordWrongPasswordAndUnknownName() {
        this.alice.send("OPER admin wrong", "OPER nobody hunter2", "OPER admin");
        assertThat(this.alice.take()).containsExactly(
                ":irc.local 464 alice :Password incorrect",
                ":irc.local 491 alice :No O-lines for your host",
                ":irc.local 461 alice OPER :Not enough parameters");
        this.alice.send("OPER admin hunter2");
        assertThat(this.alice.take()).containsExactly(
                ":alice!~alice@192.168.1.1 MODE alice +o",
                ":irc.local 381 alice :You are now an IRC operator");
        assertThat(this.fixture.server.statistics().operators()).isEqualTo(1);
        this.alice.send("MODE alice -o");
        assertThat(this.fixture.server.statistics().operators()).isZero();
    }

    @Test
    void killIsForOperatorsAndTheVictimGetsErrorWhileOthersSeeTheQuit() {
        Client carol = this.fixture.register("carol");
        carol.send("JOIN #c");
        carol.take();
        this.alice.take();
        this.bob.take();
        this.bob.send("KILL carol :no");
        assertThat(this.bob.take()).containsExactly(
                ":irc.local 481 bob :Permission Denied- You're not an IRC operator");
        this.alice.send("OPER admin hunter2", "KILL nobody :x", "KILL carol :spamming");
        assertThat(this.alice.take()).contains(":irc.local 401 alice nobody :No such nick/channel",
                ":carol!~carol@192.168.1.1 QUIT :Killed (alice (spamming))");
        assertThat(carol.take()).containsExactly(
                ":alice!~alice@192.168.1.1 KILL carol :spamming",
                "ERROR :Closing Link: 192.168.1.1 (Killed (alice (spamming)))");
        assertThat(carol.closed()).isTrue();
        assertThat(this.bob.take()).containsExactly(":carol!~carol@192.168.1.1 QUIT :Killed (alice (spamming))");
    }
}
