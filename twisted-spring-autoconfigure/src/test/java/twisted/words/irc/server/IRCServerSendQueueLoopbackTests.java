package twisted.words.irc.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import twisted.testing.RunningReactor;

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

    /** A raw client on a socket. */
    private static final class Peer implements AutoCloseable {

        final Socket socket = new Socket();

        BufferedReader in;

        OutputStream out;

        /** Lines {@link #expect} read past. */
        final List<String> skipped = new ArrayList<>();

        Peer(int port, String nick, int receiveBuffer) throws IOException {
            if (receiveBuffer > 0) {
                this.socket.setReceiveBufferSize(receiveBuffer);
            }
            this.socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            this.socket.setSoTimeout(20_000);
            this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = this.socket.getOutputStream();
            send("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + "\r\nJOIN #busy\r\n");
        }

        void send(String text) throws IOException {
            this.out.write(text.getBytes(StandardCharsets.UTF_8));
            this.out.flush();
        }

        String expect(String text) throws IOException {
            for (String line = this.in.readLine(); line != null; line = this.in.readLine()) {
                if (line.contains(text)) {
                    return line;
                }
                this.skipped.add(line);
            }
            throw new AssertionError("closed before '" + text + "'");
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }

    @Test
    void aMemberThatNeverReadsIsDroppedWithAnErrorLineAndTheOthersGoOn() throws Exception {
        int port = this.running.listenTCP(this.server.factory());
        try (Peer talker = new Peer(port, "talker", 0); Peer reader = new Peer(port, "reader", 0);
                Peer sleeper = new Peer(port, "sleeper", 4096)) {
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
                talker.send(batch.toString());
                for (int i = 0; i < 100; i++) {
                    received.add(reader.expect("PRIVMSG #busy"));
                }
                assertThat(sent).as("the sleeper is dropped well before 100 MB were sent to it").isLessThan(250_000);
            }
            assertThat(received).hasSize(sent);
            assertThat(received.get(sent - 1)).contains(":" + (sent - 1) + " ");
            reader.send("PING :after\r\n");
            reader.expect("after");
            assertThat(reader.skipped).contains(":sleeper!~sleeper@127.0.0.1 QUIT :SendQ exceeded");
            String last = null;
            for (String line = sleeper.in.readLine(); line != null; line = sleeper.in.readLine()) {
                last = line;
            }
            assertThat(last).isEqualTo("ERROR :Closing Link: 127.0.0.1 (SendQ exceeded)");
            talker.send("PRIVMSG #busy :still here\r\n");
            assertThat(reader.expect("still here")).startsWith(":talker!");
        }
    }
}
