package twisted.words.irc.server;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Registration, CAP negotiation, PING/PONG, the registration and ping timeouts, and the line limit. */
class IRCServerRegistrationTests {

    private static final List<String> BURST = List.of(
            ":irc.local 001 alice :Welcome to the TwistedNet IRC Network alice!~alice@192.168.1.1",
            ":irc.local 002 alice :Your host is irc.local, running version twisted-spring-0.1.0",
            ":irc.local 003 alice :This server was created Thu Jan 01 1970 at 00:00:00 UTC",
            ":irc.local 004 alice irc.local twisted-spring-0.1.0 iow biklmnostv bklov",
            ":irc.local 005 alice AWAYLEN=200 CASEMAPPING=rfc1459 CHANLIMIT=#&:20 CHANMODES=b,k,l,imnst CHANNELLEN=50 "
                    + "CHANTYPES=#& KICKLEN=255 MAXLIST=b:100 MAXTARGETS=4 MODES=4 NETWORK=TwistedNet NICKLEN=30 "
                    + ":are supported by this server",
            ":irc.local 005 alice PREFIX=(ov)@+ TARGMAX=PRIVMSG:4,NOTICE:4,TAGMSG:4,JOIN:,PART:,KICK:4,WHOIS:1,NAMES:,"
                    + "LIST:,ISON:,USERHOST:5 TOPICLEN=390 USERLEN=10 :are supported by this server",
            ":irc.local 251 alice :There are 1 users and 0 invisible on 1 servers",
            ":irc.local 252 alice 0 :operator(s) online",
            ":irc.local 253 alice 0 :unknown connection(s)",
            ":irc.local 254 alice 0 :channels formed",
            ":irc.local 255 alice :I have 1 clients and 0 servers",
            ":irc.local 422 alice :MOTD File is missing");

    @Test
    void connectionIsGreetedWithANoticeBeforeRegistering() {
        ServerFixture fixture = new ServerFixture();
        twisted.testing.StringTransportWithDisconnection transport = new twisted.testing.StringTransportWithDisconnection();
        twisted.internet.Protocol protocol = fixture.server.factory().buildProtocol(transport.getPeer());
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        assertThat(transport.valueAsString()).startsWith(":irc.local NOTICE * :*** ");
    }

    @Test
    void nickThenUserGivesTheWelcomeBurstLusersThenNoMotdInEveryFragmentation() {
        List<String> output = ServerFixture.everyFragmentation("NICK alice\r\nUSER alice 0 * :Alice A\r\n",
                ServerFixture::connect);
        assertThat(output).containsExactlyElementsOf(BURST);
    }

    @Test
    void bareLineFeedsWorkAsWellAsCrLf() {
        List<String> output = ServerFixture.everyFragmentation("USER alice 0 * :Alice A\nNICK alice\n",
                ServerFixture::connect);
        assertThat(output).containsExactlyElementsOf(BURST);
    }

    @Test
    void motdLinesFollowLusers() {
        ServerFixture fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder()
                .motd(List.of("Hello", "Be nice")).build());
        Client client = fixture.connect().send("NICK alice", "USER alice 0 * :Alice");
        List<String> lines = client.take();
        assertThat(lines.subList(lines.size() - 5, lines.size())).containsExactly(
                ":irc.local 255 alice :I have 1 clients and 0 servers",
                ":irc.local 375 alice :- irc.local Message of the day - ",
                ":irc.local 372 alice :- Hello",
                ":irc.local 372 alice :- Be nice",
                ":irc.local 376 alice :End of /MOTD command.");
    }

    @Test
    void capNegotiationHoldsRegistrationUntilCapEndInEveryFragmentation() {
        List<String> output = ServerFixture.everyFragmentation(
                "CAP LS 302\r\nNICK alice\r\nUSER alice 0 * :A\r\nCAP REQ :multi-prefix server-time\r\nCAP END\r\n",
                ServerFixture::connect);
        assertThat(output.get(0)).isEqualTo(
                ":irc.local CAP * LS :away-notify echo-message message-tags multi-prefix server-time");
        assertThat(output.get(1)).isEqualTo(":irc.local CAP alice ACK :multi-prefix server-time");
        assertThat(output.get(2)).matches("@time=1970-01-01T00:00:00\\.000Z :irc.local 001 alice .*");
    }

    @Test
    void capLsAloneHoldsRegistration() {
        ServerFixture fixture = new ServerFixture();
        Client client = fixture.connect().send("CAP LS", "NICK alice", "USER alice 0 * :A");
        assertThat(client.take()).containsExactly(
                ":irc.local CAP * LS :away-notify echo-message message-tags multi-prefix server-time");
        client.send("CAP LIST");
        assertThat(client.take()).containsExactly(":irc.local CAP alice LIST :");
        client.send("CAP END");
        assertThat(client.take()).first().asString().startsWith(":irc.local 001 alice ");
    }

    @Test
    void unknownCapabilityIsRefusedWholeAndUnknownSubcommandGets410() {
        ServerFixture fixture = new ServerFixture();
        Client client = fixture.connect().send("CAP REQ :multi-prefix bogus", "CAP FROB");
        assertThat(client.take()).containsExactly(
                ":irc.local CAP * NAK :multi-prefix bogus",
                ":irc.local 410 * FROB :Invalid CAP command");
        client.send("CAP LIST");
        assertThat(client.take()).containsExactly(":irc.local CAP * LIST :");
    }

    @Test
    void commandsBeforeRegistrationGet451AndUnknownOnes421() {
        ServerFixture fixture = new ServerFixture();
        Client client = fixture.connect().send("JOIN #a", "FROB x");
        assertThat(client.take()).containsExactly(
                ":irc.local 451 * :You have not registered",
                ":irc.local 421 * FROB :Unknown command");
    }

    @Test
    void registrationErrors() {
        ServerFixture fixture = new ServerFixture();
        fixture.register("Taken");
        Client client = fixture.connect().send("NICK", "NICK 1abc", "NICK " + "n".repeat(31), "NICK taken",
                "USER x", "PASS");
        assertThat(client.take()).containsExactly(
                ":irc.local 431 * :No nickname given",
                ":irc.local 432 * 1abc :Erroneous nickname",
                ":irc.local 432 * " + "n".repeat(31) + " :Erroneous nickname",
                ":irc.local 433 * taken :Nickname is already in use",
                ":irc.local 461 * USER :Not enough parameters",
                ":irc.local 461 * PASS :Not enough parameters");
        client.send("NICK bob", "USER bob 0 * :Bob").take();
        client.send("USER bob 0 * :Bob", "PASS x");
        assertThat(client.take()).containsExactly(
                ":irc.local 462 bob :You may not reregister",
                ":irc.local 462 bob :You may not reregister");
    }

    @Test
    void nicksCollideUnderRfc1459CaseMapping() {
        ServerFixture fixture = new ServerFixture();
        fixture.register("Foo[]");
        Client client = fixture.connect().send("NICK foo{}", "NICK FOO[]");
        assertThat(client.take()).containsExactly(
                ":irc.local 433 * foo{} :Nickname is already in use",
                ":irc.local 433 * FOO[] :Nickname is already in use");
    }

    @Test
    void pingIsAnsweredWithTheTokenAndWithoutOneGets409() {
        ServerFixture fixture = new ServerFixture();
        Client client = fixture.register("alice");
        client.send("PING :some token", "PING");
        assertThat(client.take()).containsExactly(
                ":irc.local PONG irc.local :some token",
                ":irc.local 409 alice :No origin specified");
    }

    @Test
    void pingWorksBeforeRegistrationToo() {
        Client client = new ServerFixture().connect().send("PING abc");
        assertThat(client.take()).containsExactly(":irc.local PONG irc.local :abc");
    }

    @Test
    void silentClientIsPingedThenDroppedWithPingTimeout() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        alice.send("JOIN #c");
        bob.send("JOIN #c");
        fixture.clock.advance(Duration.ofSeconds(100));
        bob.send("PONG :x");
        alice.take();
        bob.take();
        fixture.clock.advance(Duration.ofSeconds(20));
        assertThat(alice.take()).containsExactly(":irc.local PING irc.local");
        assertThat(bob.take()).isEmpty();
        fixture.clock.advance(Duration.ofSeconds(60));
        assertThat(alice.take()).containsExactly("ERROR :Closing Link: 192.168.1.1 (Ping timeout: 180 seconds)");
        assertThat(alice.closed()).isTrue();
        assertThat(bob.take()).containsExactly(":alice!~alice@192.168.1.1 QUIT :Ping timeout: 180 seconds");
        assertThat(fixture.server.statistics().clientsRefused()).containsEntry("ping-timeout", 1L);
    }

    @Test
    void answeringThePingKeepsTheClient() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        fixture.clock.advance(Duration.ofSeconds(120));
        assertThat(alice.take()).containsExactly(":irc.local PING irc.local");
        alice.send("PONG :irc.local");
        fixture.clock.advance(Duration.ofSeconds(60));
        assertThat(alice.closed()).isFalse();
        fixture.clock.advance(Duration.ofSeconds(60));
        assertThat(alice.take()).containsExactly(":irc.local PING irc.local");
        assertThat(alice.closed()).isFalse();
    }

    @Test
    void clientThatDoesNotRegisterInTimeIsDropped() {
        ServerFixture fixture = new ServerFixture();
        Client client = fixture.connect().send("NICK alice");
        fixture.clock.advance(Duration.ofSeconds(59));
        assertThat(client.closed()).isFalse();
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThat(client.take()).containsExactly("ERROR :Closing Link: 192.168.1.1 (Registration timed out)");
        assertThat(client.closed()).isTrue();
        assertThat(fixture.server.statistics().clientsRefused()).containsEntry("registration-timeout", 1L);
        assertThat(fixture.server.statistics().unregistered()).isZero();
        assertThat(fixture.connect().send("NICK alice", "USER a 0 * :A").take()).anyMatch(l -> l.contains(" 001 "));
    }

    @Test
    void lineOver512BytesGets417AndTheConnectionStays() {
        String longLine = "PRIVMSG bob :" + "x".repeat(500);
        List<String> output = ServerFixture.everyFragmentation(longLine + "\r\nPING ok\r\n", f -> f.register("alice"));
        assertThat(output).containsExactly(
                ":irc.local 417 alice :Input line was too long",
                ":irc.local PONG irc.local :ok");
    }

    @Test
    void serverPasswordMustMatch() {
        ServerFixture fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder()
                .serverPassword("sesame"::equals).build());
        Client good = fixture.connect().send("PASS sesame", "NICK alice", "USER a 0 * :A");
        assertThat(good.take()).first().asString().startsWith(":irc.local 001 alice");
        Client bad = fixture.connect().send("PASS guess", "NICK bob", "USER b 0 * :B");
        assertThat(bad.take()).containsExactly(
                ":irc.local 464 bob :Password incorrect",
                "ERROR :Closing Link: 192.168.1.1 (Bad password)");
        assertThat(bad.closed()).isTrue();
        Client none = fixture.connect().send("NICK carol", "USER c 0 * :C");
        assertThat(none.take()).contains("ERROR :Closing Link: 192.168.1.1 (Bad password)");
        assertThat(fixture.server.statistics().clientsRefused()).containsEntry("bad-password", 2L);
        assertThat(fixture.server.user("bob")).isNull();
    }

    @Test
    void quitIsAnsweredWithErrorAndShownToChannelsWithTheReason() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        alice.send("JOIN #c");
        bob.send("JOIN #c");
        alice.take();
        bob.take();
        alice.send("QUIT :gone fishing");
        assertThat(alice.take()).containsExactly("ERROR :Closing Link: 192.168.1.1 (Quit: gone fishing)");
        assertThat(alice.closed()).isTrue();
        assertThat(bob.take()).containsExactly(":alice!~alice@192.168.1.1 QUIT :Quit: gone fishing");
        assertThat(fixture.server.statistics().users()).isEqualTo(1);
    }

    @Test
    void tooManyClientsFromOneHostAreRefusedWithAnError() {
        ServerFixture fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder().clientsPerHost(2).build());
        fixture.connect();
        Client second = fixture.connect();
        assertThat(second.closed()).isFalse();
        twisted.testing.StringTransportWithDisconnection transport = new twisted.testing.StringTransportWithDisconnection(
                new twisted.internet.IPv4Address("TCP", "10.0.0.1", 6667),
                new twisted.internet.IPv4Address("TCP", "192.168.1.1", 1));
        twisted.internet.Protocol third = fixture.server.factory().buildProtocol(transport.getPeer());
        transport.setProtocol(third);
        third.makeConnection(transport);
        assertThat(transport.valueAsString())
                .isEqualTo("ERROR :Closing Link: 192.168.1.1 (Too many connections from your host)\r\n");
        assertThat(transport.isDisconnecting()).isTrue();
        assertThat(fixture.connect("192.168.1.2").closed()).isFalse();
        second.send("QUIT");
        assertThat(fixture.connect().closed()).isFalse();
        assertThat(fixture.server.statistics().clientsRefused()).containsEntry("clients-per-host", 1L);
    }

    @Test
    void shutdownSendsErrorToEveryClientAndCloses() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        Client unregistered = fixture.connect();
        fixture.server.shutdown("Server shutting down");
        assertThat(alice.take()).containsExactly("ERROR :Closing Link: 192.168.1.1 (Server shutting down)");
        assertThat(unregistered.take()).containsExactly("ERROR :Closing Link: 192.168.1.1 (Server shutting down)");
        assertThat(alice.closed()).isTrue();
        assertThat(fixture.server.statistics().users()).isZero();
        assertThat(fixture.server.statistics().unregistered()).isZero();
    }
}
