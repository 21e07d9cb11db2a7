package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.testing.StringTransport;
import twisted.words.irc.Fragments;
import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flood control (a burst is slowed to the rate; only a backlog past the receive queue is excess
 * flood) and the bound on what a client that stopped reading may make the server queue.
 */
class IRCServerLimitsTests {

    /** The clients join the channel, then wait until their flood buckets are full; their output is cleared. */
    private static void joinWithFullBuckets(ServerFixture fixture, String channel, Client... clients) {
        for (Client client : clients) {
            client.send("JOIN " + channel);
        }
        fixture.clock.advance(10);
        for (Client client : clients) {
            client.take();
        }
    }

    @Test
    void aBurstOverTheBucketIsSlowedToTheRateNotDroppedInEveryFragmentation() {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            burst.append("PING p").append(i).append("\r\n");
        }
        List<String> first = null;
        for (List<byte[]> chunks : Fragments.of(burst.toString().getBytes(StandardCharsets.US_ASCII))) {
            ServerFixture fixture = new ServerFixture();
            Client alice = fixture.register("alice");
            fixture.clock.advance(10);
            Fragments.feed(alice.protocol, chunks);
            List<String> output = new ArrayList<>(alice.take());
            assertThat(output).as("the bucket's 10 at once").hasSize(10);
            fixture.clock.advance(0.5);
            output.addAll(alice.take());
            assertThat(output).as("one more token after 1 / rate seconds").hasSize(11);
            fixture.clock.advance(1.5);
            output.addAll(alice.take());
            assertThat(alice.closed()).isFalse();
            if (first == null) {
                first = output;
            }
            assertThat(output).isEqualTo(first);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            expected.add(":irc.local PONG irc.local :p" + i);
        }
        assertThat(first).isEqualTo(expected);
    }

    @Test
    void aPasteWithinTheReceiveQueueArrivesWholeAtTheRate() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        joinWithFullBuckets(fixture, "#c", alice, bob);
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            paste.append("PRIVMSG #c :line ").append(i).append("\r\n");
        }
        alice.protocol.dataReceived(paste.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(bob.take()).hasSize(10);
        assertThat(alice.transport.getProducerState()).isEqualTo(StringTransport.PAUSED);
        fixture.clock.pump(java.util.Collections.nCopies(40, Duration.ofMillis(500)));
        List<String> rest = bob.take();
        assertThat(rest).hasSize(40).last().isEqualTo(":alice!~alice@192.168.1.1 PRIVMSG #c :line 49");
        assertThat(alice.closed()).isFalse();
        assertThat(alice.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void aPastePastTheReceiveQueueIsExcessFloodTheOthersSeeTheQuitAndItIsCounted() {
        ServerFixture fixture = new ServerFixture();
        Client alice = fixture.register("alice");
        Client bob = fixture.register("bob");
        joinWithFullBuckets(fixture, "#c", alice, bob);
        StringBuilder paste = new StringBuilder();
        for (int i = 0; paste.length() <= IRCUser.RECEIVE_QUEUE_BYTES + 512; i++) {
            paste.append("PRIVMSG #c :spam ").append(i).append("\r\n");
        }
        alice.protocol.dataReceived(paste.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(alice.closed()).isTrue();
        assertThat(alice.take()).last().isEqualTo("ERROR :Closing Link: 192.168.1.1 (Excess Flood)");
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
