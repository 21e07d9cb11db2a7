package twisted.demo.chapter12;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chapter 12 as the demo runs it from {@code application.yml}: the library's IRC server, and the
 * book's bot (a {@code ClientService} bean) that joins it, logs the channel and echoes what is
 * said to it. A plain socket plays the human.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.user.password=test-only")
@AutoConfigureWebTestClient
class Chapter12ExamplesTests {

    @Autowired
    private WebTestClient client;

    @Value("${local.twisted.irc.port}")
    private int ircPort;

    /** A human at a raw IRC connection. */
    private static final class Human implements AutoCloseable {

        private final Socket socket;

        private final BufferedReader in;

        private final OutputStream out;

        private final List<String> seen = new ArrayList<>();

        Human(int port, String nick) throws IOException {
            this.socket = new Socket("127.0.0.1", port);
            this.socket.setSoTimeout(10_000);
            this.in = new BufferedReader(new InputStreamReader(this.socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = this.socket.getOutputStream();
            send("NICK " + nick);
            send("USER " + nick + " 0 * :" + nick);
            expect(" 001 ");
        }

        void send(String line) throws IOException {
            this.out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            this.out.flush();
        }

        String expect(String text) throws IOException {
            for (String line = this.in.readLine(); line != null; line = this.in.readLine()) {
                this.seen.add(line);
                if (line.startsWith("PING ")) {
                    send("PONG " + line.substring(5));
                }
                if (line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("closed before a line with '" + text + "'; saw " + this.seen);
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }
    }

    @Test
    void theBotJoinsTheDemosServerAndEchoes() throws Exception {
        try (Human alice = new Human(this.ircPort, "alice")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                alice.send("NAMES #twisted");
                assertThat(alice.expect(" 366 ")).isNotNull();
                assertThat(alice.seen).anyMatch(line -> line.contains(" 353 ") && line.contains("echobot"));
            });
            alice.send("JOIN #twisted");
            assertThat(alice.expect(" 332 ")).endsWith(":Event-driven networking, chapter 12");
            alice.send("PRIVMSG #twisted :echobot: hello bot");
            assertThat(alice.expect("PRIVMSG #twisted")).startsWith(":echobot!").endsWith(":alice: hello bot");
            alice.send("PRIVMSG echobot :ping in private");
            assertThat(alice.expect("PRIVMSG alice")).startsWith(":echobot!").endsWith(":ping in private");
        }
    }

    @Test
    void actuatorShowsTheServersUsersAndChannelsAndTheBotService() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> this.client.get().uri("/actuator/twisted/irc")
                .headers(headers -> headers.setBasicAuth("admin", "test-only")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.details.users").value(n -> assertThat(((Number) n).intValue()).isPositive())
                .jsonPath("$.details.channelList[?(@.name == '#twisted')].members")
                .value(members -> assertThat(members.toString()).isEqualTo("[1]")));
        this.client.get().uri("/actuator/twisted/echobot").headers(headers -> headers.setBasicAuth("admin", "test-only"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.source").isEqualTo("bean:echobot")
                .jsonPath("$.state").isEqualTo("running");
    }
}
