package twisted.demo.chapter2;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.internet.netty.NettyReactor;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat server with three real socket clients in one room. */
class ChatServerTests {

    private final RunningReactor running = RunningReactor.start();

    private final NettyReactor reactor = this.running.reactor();

    @AfterEach
    void stop() {
        this.running.close();
    }

    private record Client(Socket socket, BufferedReader in, PrintWriter out) implements AutoCloseable {

        static Client connect(int port) throws Exception {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            return new Client(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)),
                    new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8));
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
}
