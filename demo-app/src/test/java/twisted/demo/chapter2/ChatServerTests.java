package twisted.demo.chapter2;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.internet.ConnectionStats;
import twisted.application.internet.ListeningService;
import twisted.application.internet.ServerLimits;
import twisted.internet.ConnectionLimits;
import twisted.internet.IPAddress;
import twisted.internet.endpoints.Endpoints;
import twisted.internet.error.ConnectionAbortedException;
import twisted.internet.netty.NettyReactor;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The chat server with real socket clients in one room. */
class ChatServerTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    @AfterEach
    void stop() {
        this.running.close();
    }

    private record Client(Socket socket, BufferedReader in, PrintWriter out) implements AutoCloseable {

        static Client connect(int port) throws Exception {
            return connect(port, 0);
        }

        /** A client whose receive buffer is {@code receiveBuffer} bytes, or the system's with 0. */
        static Client connect(int port, int receiveBuffer) throws Exception {
            Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10000);
            return new Client(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8),
                    64 * 1024), new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8));
        }

        void say(String line) {
            this.out.print(line + "\r\n");
            this.out.flush();
        }

        String read() throws Exception {
            return this.in.readLine();
        }

        @Override
        public void close() throws Exception {
            this.socket.close();
        }
    }

    @Test
    void threeUsersChat() throws Exception {
        ChatFactory chat = new ChatFactory();
        int number = this.running.listenTCP(chat);
        try (Client alice = Client.connect(number); Client bob = Client.connect(number); Client carol = Client.connect(number)) {
            assertThat(alice.read()).isEqualTo("What's your name?");
            alice.say("alice");
            assertThat(alice.read()).isEqualTo("Welcome, alice!");

            assertThat(bob.read()).isEqualTo("What's your name?");
            bob.say("bob");
            assertThat(bob.read()).isEqualTo("Welcome, bob!");
            assertThat(alice.read()).isEqualTo("bob has joined the channel.");

            assertThat(carol.read()).isEqualTo("What's your name?");
            carol.say("alice");
            assertThat(carol.read()).isEqualTo("Name taken, please choose another.");
            carol.say("carol");
            assertThat(carol.read()).isEqualTo("Welcome, carol!");
            assertThat(alice.read()).isEqualTo("carol has joined the channel.");
            assertThat(bob.read()).isEqualTo("carol has joined the channel.");

            bob.say("hello everyone");
            assertThat(alice.read()).isEqualTo("<bob> hello everyone");
            assertThat(carol.read()).isEqualTo("<bob> hello everyone");

            carol.close();
            assertThat(alice.read()).isEqualTo("carol has left the channel.");
            assertThat(bob.read()).isEqualTo("carol has left the channel.");

            alice.say("bye");
            assertThat(bob.read()).isEqualTo("<alice> bye");
        }
    }

    /** Bytes the JVM holds in direct buffers (Netty's pooled buffers are direct buffers of the JDK here). */
    private static long directMemory() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> "direct".equals(pool.getName())).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }

    @Test
    void aUserWhoNeverReadsIsDisconnectedAtTheWriteBufferLimitWhileTheOthersKeepChatting() throws Exception {
        long limit = 1024 * 1024;
        // twisted.services.chat.write-buffer-limit=1MB
        ServerLimits limits = new ServerLimits(100, null, ConnectionLimits.DEFAULTS.withWriteBufferLimit(limit));
        ListeningService chat = (ListeningService) new ChatServiceMaker().makeService(new ServiceMakerContext("chat",
                this.reactor, "tcp:0", Endpoints.serverFromString(this.reactor, "tcp:0:interface=127.0.0.1"), limits),
                new ServiceMaker.NoOptions());
        this.running.call(() -> {
            chat.startService();
            return chat.whenListening();
        });
        int port = ((IPAddress) chat.getBoundAddress()).port();
        ConnectionStats stats = chat.getStats();
        try (Client alice = Client.connect(port); Client bob = Client.connect(port);
                Client stuck = Client.connect(port, 4096)) {
            assertThat(alice.read()).isEqualTo("What's your name?");
            alice.say("alice");
            assertThat(alice.read()).isEqualTo("Welcome, alice!");
            assertThat(bob.read()).isEqualTo("What's your name?");
            bob.say("bob");
            assertThat(bob.read()).isEqualTo("Welcome, bob!");
            assertThat(stuck.read()).isEqualTo("What's your name?");
            stuck.say("stuck");
            assertThat(stuck.read()).isEqualTo("Welcome, stuck!");
            // From here on, stuck never reads again.
            assertThat(alice.read()).isEqualTo("bob has joined the channel.");
            assertThat(alice.read()).isEqualTo("stuck has joined the channel.");
            assertThat(bob.read()).isEqualTo("stuck has joined the channel.");

            // Alice sends about 500 MB to the room in batches of 256 KiB; bob reads each batch
            // before the next, so only stuck falls behind.
            String text = "x".repeat(8000);
            int perBatch = 32;
            byte[] batch = (text + "\r\n").repeat(perBatch).getBytes(StandardCharsets.US_ASCII);
            int batches = (int) (500_000_000L / batch.length);
            OutputStream aliceOut = alice.socket().getOutputStream();
            List<String> notices = new ArrayList<>();
            long baseline = directMemory();
            long peak = 0;
            for (int b = 0; b < batches; b++) {
                aliceOut.write(batch);
                for (int received = 0; received < perBatch;) {
                    String line = bob.read();
                    if (line.startsWith("<alice> ")) {
                        received++;
                    }
                    else {
                        notices.add(line);
                    }
                }
                peak = Math.max(peak, directMemory() - baseline);
                // Stuck's buffer is at most the limit; the rest allows for the allocator's chunks
                // and the lines on their way to bob (about 2 MB in all here, against 500 MB unbounded).
                if (peak > 16 * limit) {
                    fail("direct memory grew by " + peak + " bytes after " + (long) (b + 1) * batch.length
                            + " bytes were sent to the room: stuck's buffer is not bounded (write-buffer-limit " + limit + ")");
                }
            }
            assertThat(notices).containsExactly("stuck has left the channel (disconnected: not reading).");
            assertThat(stats.getAborted(ConnectionAbortedException.Reason.WRITE_BUFFER_LIMIT)).isEqualTo(1);
            assertThat(stats.getOpen()).isEqualTo(2);

            bob.say("thanks, alice");
            assertThat(alice.read()).isEqualTo("stuck has left the channel (disconnected: not reading).");
            assertThat(alice.read()).isEqualTo("<bob> thanks, alice");
        }
        this.running.call(chat::stopService);
        assertThat(stats.getOpen()).isZero();
    }
}
