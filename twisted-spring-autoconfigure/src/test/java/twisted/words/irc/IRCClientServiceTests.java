package twisted.words.irc;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import twisted.application.internet.ClientService;
import twisted.internet.Factory;
import twisted.internet.endpoints.Endpoints;
import twisted.testing.RunningReactor;
import twisted.time.ReactorTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot of {@link IRCClient}'s class documentation: an {@code IRCClient} subclass, a
 * {@link Factory} and a {@link ClientService}, against a real loopback server that welcomes it
 * and then, the first time, closes the connection. The service connects again and the bot signs
 * on again.
 */
class IRCClientServiceTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RunningReactor running = RunningReactor.start();

    @AfterEach
    void stop() {
        this.running.close();
    }

    /** The bot: a few lines. */
    static final class LogBot extends IRCClient {

        private final BlockingQueue<String> events;

        LogBot(ReactorTime clock, BlockingQueue<String> events) {
            super(clock);
            this.events = events;
            setNickname("logbot");
        }

        @Override
        public void signedOn() {
            join("#twisted");
            this.events.add("signedOn");
        }
    }

    /** A server that welcomes every client and hangs up on the first one after it joins. */
    static final class FakeServer extends IRC {

        private final int connection;

        private String nick = "*";

        FakeServer(int connection) {
            this.connection = connection;
        }

        @Override
        protected void messageReceived(IRCMessage message) {
            switch (message.command()) {
                case "NICK" -> this.nick = message.params().get(0);
                case "USER" -> sendMessage(IRCMessage.of("001", this.nick, "Welcome " + this.nick).withPrefix("fake.test"));
                case "JOIN" -> {
                    sendMessage(IRCMessage.of("JOIN", message.params().get(0)).withPrefix(this.nick + "!bot@127.0.0.1"));
                    if (this.connection == 1) {
                        sendMessage(IRCMessage.of("ERROR", "Closing link: going away"));
                        this.transport.loseConnection();
                    }
                }
                default -> {
                }
            }
        }
    }

    @Test
    void aClientServiceBotSignsOnAgainAfterTheServerCloses() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        Factory server = Factory.forProtocol(() -> new FakeServer(connections.incrementAndGet()));
        server.setNoisy(false);
        int port = this.running.listenTCP(server);

        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        ClientService service = new ClientService("logbot",
                Endpoints.tcpClient(this.running.reactor(), "127.0.0.1", port, WAIT),
                Factory.forProtocol(() -> new LogBot(this.running.reactor(), events)), this.running.reactor());
        service.setRetryPolicy(failures -> Duration.ofMillis(20));
        this.running.run(service::startService);

        assertThat(events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("signedOn");
        assertThat(events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("signedOn");
        assertThat(connections.get()).isEqualTo(2);
        this.running.call(service::stopService);
    }
}
