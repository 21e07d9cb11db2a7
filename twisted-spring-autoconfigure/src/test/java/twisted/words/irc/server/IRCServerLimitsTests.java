package twisted.words.irc.server;

import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.testing.StringTransport;
import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Flood control and the bound on what a client that stopped reading may make the server queue. */
class IRCServerLimitsTests {

    @Test
    void burstOverTheBucketIsDisconnectedForExcessFloodInEveryFragmentation() {
        String eleven = "PING a\r\n".repeat(11);
        List<String> output = ServerFixture.everyFragmentation(eleven, f -> {
            Client client = f.register("alice");
            f.clock.advance(10);
            return client;
        });
        assertThat(output).hasSize(11);
        assertThat(output.subList(0, 10)).containsOnly(":irc.local PONG irc.local :a");
        assertThat(output.get(10)).isEqualTo("ERROR :Closing Link: 192.168.1.1 (Excess Flood)");
    }

    @Test
    void othersSeeTheFlooderQuitAndTheRefusalIsCounted() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        alice.send("JOIN #c");
        bob.send("JOIN #c");
        fixture.clock.advance(10);
        alice.take();
        bob.take();
        for (int i = 0; i < 11; i++) {
            alice.send("PRIVMSG #c :spam " + i);
        }
        assertThat(alice.closed()).isTrue();
        List<String> seen = bob.take();
        assertThat(seen).hasSize(11);
        assertThat(seen.get(10)).isEqualTo(":alice!~alice@192.168.1.1 QUIT :Excess Flood");
        assertThat(fixture.server.statistics().clientsRefused()).containsEntry("flood", 1L);
    }

    @Test
    void steadyRateWithinTheBucketIsNeverDisconnected() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        for (int i = 0; i < 200; i++) {
            fixture.clock.advance(0.5);
            alice.send("PING " + i);
        }
        assertThat(alice.closed()).isFalse();
        assertThat(alice.take()).hasSize(200);
    }

    @Test
    void clientThatStopsReadingIsNotReadFromAndIsDroppedPastItsSendQueueWhileOthersKeepGettingMessages() {
        ServerFixture fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder().sendQueueBytes(4096)
                .floodBurst(1000).build());
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        Client carol = fixture.register("carol");
        for (Client client : List.of(alice, bob, carol)) {
            client.send("JOIN #c");
        }
        alice.take();
        bob.take();
        carol.take();

        bob.transport.setWritable(false);
        assertThat(bob.transport.getProducerState()).isEqualTo(StringTransport.PAUSED);
        bob.send("PRIVMSG #c :unread while blocked");
        assertThat(carol.take()).isEmpty();

        String text = "x".repeat(100);
        int sent = 0;
        while (!bob.closed() && sent < 1000) {
            alice.send("PRIVMSG #c :" + text);
            sent++;
        }
        assertThat(bob.closed()).isTrue();
        assertThat(sent).isBetween(4096 / 140, 4096 / 100 + 1);
        List<String> bobSaw = bob.take();
        assertThat(bobSaw.get(bobSaw.size() - 1)).isEqualTo("ERROR :Closing Link: 192.168.1.1 (SendQ exceeded)");
        assertThat(bobSaw).noneMatch(line -> line.contains("unread while blocked"));

        List<String> carolSaw = carol.take();
        assertThat(carolSaw).hasSize(sent + 1);
        assertThat(carolSaw).filteredOn(line -> line.contains(" PRIVMSG #c :x")).hasSize(sent);
        assertThat(carolSaw).contains(":bob!~bob@192.168.1.1 QUIT :SendQ exceeded");
        alice.send("PRIVMSG #c :still here");
        assertThat(carol.take()).containsExactly(":alice!~alice@192.168.1.1 PRIVMSG #c :still here");
        assertThat(fixture.server.statistics().clientsRefused()).containsEntry("send-queue", 1L);
    }

    @Test
    void clientThatDrainsInTimeStartsAFreshCountAndIsReadAgain() {
        ServerFixture fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder().sendQueueBytes(2048)
                .floodBurst(1000).build());
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        bob.transport.setWritable(false);
        bob.send("PING queued");
        for (int i = 0; i < 10; i++) {
            alice.send("PRIVMSG bob :" + "y".repeat(150));
        }
        bob.transport.setWritable(true);
        assertThat(bob.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
        assertThat(bob.take()).last().isEqualTo(":irc.local PONG irc.local :queued");
        bob.transport.setWritable(false);
        for (int i = 0; i < 10; i++) {
            alice.send("PRIVMSG bob :" + "y".repeat(150));
        }
        assertThat(bob.closed()).isFalse();
    }
}
