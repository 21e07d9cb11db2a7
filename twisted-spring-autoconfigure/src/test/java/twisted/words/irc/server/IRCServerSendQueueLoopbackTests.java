package twisted.words.irc.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import twisted.testing.RunningReactor;
import twisted.words.irc.RawIrcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send-queue bound on real sockets: a member of a busy channel that never reads costs the
 * server its send queue, not more, and is dropped with an ERROR line it finds at the end of its
 * stream when it reads at last; the talker and a reading member go on without a gap.
 */
class IRCServerSendQueueLoopbackTests {

    private static final int SEND_QUEUE = 256 * 1024;

    private final RunningReactor running = RunningReactor.start();

    private final IRCServer server = new IRCServer(IRCServerSettings.defaults().toBuilder().sendQueueBytes(SEND_QUEUE)
            .floodBurst(1_000_000).floodRate(1_000_000).build(), this.running.reactor(), null, null);

    @AfterEach
    void stop() {
        this.running.close();
    }

    private static RawIrcClient member(int port, String nick, int receiveBuffer) throws IOException {
        RawIrcClient client = new RawIrcClient(port, receiveBuffer);
        client.send("NICK " + nick, "USER " + nick + " 0 * :" + nick, "JOIN #busy");
        return client;
    }

    @Test
    void aMemberThatNeverReadsIsDroppedWithAnErrorLineAndTheOthersGoOn() throws Exception {
        int port = this.running.listenTCP(this.server.factory());
        try (RawIrcClient talker = member(port, "talker", 0); RawIrcClient reader = member(port, "reader", 0);
                RawIrcClient sleeper = member(port, "sleeper", 4096)) {
            talker.expect(" 366 ");
            reader.expect(" 366 ");
            await().atMost(Duration.ofSeconds(10)).until(() -> this.server.statistics().channelList().stream()
                    .anyMatch(channel -> channel.members() == 3));
            String text = "x".repeat(400);
            int sent = 0;
            List<String> received = new ArrayList<>();
            while (this.server.statistics().clientsRefused().getOrDefault("send-queue", 0L) == 0) {
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    batch.append("PRIVMSG #busy :").append(sent++).append(' ').append(text).append("\r\n");
                }
                talker.send(batch.substring(0, batch.length() - 2));
                for (int i = 0; i < 100; i++) {
                    received.add(reader.expect("PRIVMSG #busy"));
                }
                assertThat(sent).as("the sleeper is dropped well before 100 MB were sent to it").isLessThan(250_000);
            }
            assertThat(received).hasSize(sent);
            assertThat(received.get(sent - 1)).contains(":" + (sent - 1) + " ");
            reader.send("PING :after");
            reader.expect("after");
            assertThat(reader.skipped).contains(":sleeper!~sleeper@127.0.0.1 QUIT :SendQ exceeded");
            assertThat(sleeper.lastLine()).isEqualTo("ERROR :Closing Link: 127.0.0.1 (SendQ exceeded)");
            talker.send("PRIVMSG #busy :still here");
            assertThat(reader.expect("still here")).startsWith(":talker!");
        }
    }
}
