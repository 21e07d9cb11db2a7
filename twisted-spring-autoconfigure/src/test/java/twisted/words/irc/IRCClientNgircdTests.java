package twisted.words.irc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.internet.endpoints.Endpoints;
import twisted.testing.RunningReactor;
import twisted.time.ReactorTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Our {@link IRCClient} against a real IRC daemon nobody here wrote: ngircd (Debian's package),
 * started by the test on 127.0.0.1 in the foreground with a generated configuration and stopped
 * after. Two clients register, join a channel, talk in it and privately, part and quit, each seeing
 * the other through its callbacks. Skipped when {@code /usr/sbin/ngircd} is not installed.
 */
class IRCClientNgircdTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private @Nullable Ngircd ngircd;

    private int port;

    private final RunningReactor running = RunningReactor.start();

    /** A client whose callbacks land in a queue the test thread waits on. */
    static final class Bot extends IRCClient {

        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        Bot(ReactorTime clock, String nick) {
            super(clock);
            setNickname(nick);
            setRealname("twisted-spring " + nick);
            setVersion("twisted-spring", "test", "Java");
        }

        @Override
        public void signedOn() {
            this.events.add("signedOn " + getNickname() + " " + getEnabledCapabilities());
        }

        @Override
        public void joined(String channel) {
            this.events.add("joined " + channel);
        }

        @Override
        public void left(String channel) {
            this.events.add("left " + channel);
        }

        @Override
        public void receivedNames(String channel, Map<String, String> nicks) {
            this.events.add("names " + channel + " " + nicks);
        }

        @Override
        public void userJoined(String user, String channel) {
            this.events.add("userJoined " + user + " " + channel);
        }

        @Override
        public void userLeft(String user, String channel) {
            this.events.add("userLeft " + user + " " + channel);
        }

        @Override
        public void userQuit(String user, String quitMessage) {
            this.events.add("userQuit " + user + " " + quitMessage);
        }

        @Override
        public void privmsg(String user, String channel, String message) {
            this.events.add("privmsg " + nickOf(user) + " " + channel + " " + message);
        }

        @Override
        public void action(String user, String channel, String data) {
            this.events.add("action " + nickOf(user) + " " + channel + " " + data);
        }

        @Override
        public void ctcpUnknownReply(String user, String channel, String tag, @Nullable String data) {
            this.events.add("ctcpReply " + nickOf(user) + " " + tag + " " + data);
        }

        @Override
        public void topicUpdated(String user, String channel, String newTopic) {
            this.events.add("topic " + user + " " + channel + " " + newTopic);
        }

        @Override
        public void receivedMOTD(List<String> lines) {
            this.events.add("motd " + lines);
        }
    }

    @BeforeEach
    void startNgircd(@TempDir Path dir) throws Exception {
        Ngircd.assumeInstalled();
        Map<String, String> settings = Ngircd.defaultSettings();
        settings.put("Global.Network", "TwistedNet");
        settings.put("Global.MotdPhrase", "Welcome to the twisted-spring test");
        this.ngircd = Ngircd.start(dir, settings);
        this.port = this.ngircd.port();
    }

    @AfterEach
    void stop() {
        this.running.close();
        Ngircd daemon = this.ngircd;
        if (daemon != null) {
            daemon.close();
        }
    }

    private Bot connect(String nick) throws Exception {
        Bot bot = new Bot(this.running.reactor(), nick);
        this.running.call(() -> Endpoints.connectProtocol(
                Endpoints.tcpClient(this.running.reactor(), "127.0.0.1", this.port, WAIT), bot));
        return bot;
    }

    /** Waits (bounded) for the first event that matches, skipping the others. */
    private static String await(Bot bot, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            String event = (left > 0) ? bot.events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (event == null) {
                return fail(bot.getNickname() + " saw no matching event within " + WAIT + "; saw " + skipped);
            }
            if (wanted.test(event)) {
                return event;
            }
            skipped.add(event);
        }
    }

    private static String await(Bot bot, String prefix) throws InterruptedException {
        return await(bot, event -> event.startsWith(prefix));
    }

    @Test
    void twoClientsRegisterTalkPartAndQuit() throws Exception {
        Bot alice = connect("alice");
        Bot bob = connect("bob");
        assertThat(await(alice, "signedOn ")).isEqualTo("signedOn alice [multi-prefix]");
        assertThat(await(alice, "motd ")).isEqualTo("motd [Welcome to the twisted-spring test]");
        await(bob, "signedOn bob ");
        assertThat(alice.getSupported().network()).isEqualTo("TwistedNet");
        assertThat(alice.getSupported().caseMapping()).isEqualTo(CaseMapping.ASCII);
        assertThat(alice.getHostmask()).isEqualTo("alice!~alice@127.0.0.1");

        this.running.run(() -> alice.join("twisted"));
        await(alice, "joined #twisted");
        assertThat(await(alice, "names ")).isEqualTo("names #twisted {alice=@}");
        this.running.run(() -> bob.join("#TWISTED"));
        await(bob, "joined #");
        assertThat(await(bob, "names ")).isEqualTo("names #twisted {bob=, alice=@}");
        await(alice, "userJoined bob #");

        this.running.run(() -> alice.say("#twisted", "hello, channel: grüße 🎉"));
        await(bob, "privmsg alice #twisted hello, channel: grüße 🎉");
        this.running.run(() -> bob.msg("alice", "hello, alice"));
        await(alice, "privmsg bob alice hello, alice");
        this.running.run(() -> alice.describe("#twisted", "waves"));
        await(bob, "action alice #twisted waves");
        this.running.run(() -> bob.ctcpMakeQuery("alice", List.of(new CTCP.Message("VERSION", null))));
        assertThat(await(bob, "ctcpReply ")).isEqualTo("ctcpReply alice VERSION twisted-spring:test:Java");

        // longer than one line: every piece arrives whole, in order, through the daemon
        String longText = ("日本語 ünïcödé text " + "z".repeat(30) + " ").repeat(30).strip();
        this.running.run(() -> alice.msg("bob", longText));
        StringBuilder received = new StringBuilder();
        while (received.length() < longText.length()) {
            String piece = await(bob, "privmsg alice bob ").substring("privmsg alice bob ".length());
            received.append(received.length() == 0 ? "" : " ").append(piece);
        }
        assertThat(received.toString()).isEqualTo(longText);

        this.running.run(() -> bob.leave("#twisted", "brb"));
        await(bob, "left #twisted");
        await(alice, "userLeft bob #twisted");
        this.running.run(() -> bob.join("#twisted"));
        await(alice, "userJoined bob #twisted");
        this.running.run(() -> bob.quit("gone fishing"));
        assertThat(await(alice, "userQuit ")).startsWith("userQuit bob ").contains("gone fishing");
        this.running.run(() -> alice.quit("done"));
    }
}
