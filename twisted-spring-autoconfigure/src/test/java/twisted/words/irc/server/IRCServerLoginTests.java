package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import twisted.cred.LoginThrottle;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.StringTransport;
import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Account logins through a real Portal: SASL PLAIN, PASS account:password, and requireLogin. */
@ExtendWith(OutputCaptureExtension.class)
class IRCServerLoginTests {

    private static Portal portal() {
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret"));
        return portal;
    }

    private static String plain(String authzid, String authcid, String password) {
        return Base64.getEncoder().encodeToString((authzid + "\0" + authcid + "\0" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static ServerFixture fixture(boolean requireLogin) {
        return new ServerFixture(IRCServerSettings.defaults().toBuilder().requireLogin(requireLogin).build(),
                portal(), null);
    }

    @Test
    void saslIsOfferedOnlyWithAPortal() {
        assertThat(fixture(false).connect().send("CAP LS 302").take())
                .containsExactly(":irc.local CAP * LS :away-notify echo-message message-tags multi-prefix server-time "
                        + "sasl=PLAIN");
        Client anonymous = new ServerFixture().connect().send("CAP LS 302", "CAP REQ sasl", "AUTHENTICATE PLAIN");
        assertThat(anonymous.take()).containsExactly(
                ":irc.local CAP * LS :away-notify echo-message message-tags multi-prefix server-time",
                ":irc.local CAP * NAK :sasl",
                ":irc.local 421 * AUTHENTICATE :Unknown command");
    }

    @Test
    void saslPlainLogsInBeforeRegistrationInEveryFragmentation() {
        String input = "CAP LS 302\r\nNICK alice\r\nUSER alice 0 * :A\r\nCAP REQ :sasl\r\nAUTHENTICATE PLAIN\r\n"
                + "AUTHENTICATE " + plain("", "alice", "s3cret") + "\r\nCAP END\r\n";
        List<String> output = null;
        for (List<byte[]> chunks : twisted.words.irc.Fragments.of(input.getBytes(StandardCharsets.UTF_8))) {
            ServerFixture f = fixture(true);
            Client client = f.connect();
            twisted.words.irc.Fragments.feed(client.protocol, chunks);
            List<String> lines = client.take();
            if (output == null) {
                output = lines;
            }
            assertThat(lines).isEqualTo(output);
        }
        assertThat(output.subList(1, 6)).containsExactly(
                ":irc.local CAP alice ACK :sasl",
                "AUTHENTICATE +",
                ":irc.local 900 alice alice!~alice@192.168.1.1 alice :You are now logged in as alice",
                ":irc.local 903 alice :SASL authentication successful",
                ":irc.local 001 alice :Welcome to the TwistedNet IRC Network alice!~alice@192.168.1.1");
    }

    @Test
    void whoisShowsTheAccount() {
        ServerFixture f = fixture(false);
        Client alice = f.connect().send("CAP REQ sasl", "NICK al", "USER a 0 * :A", "AUTHENTICATE PLAIN",
                "AUTHENTICATE " + plain("alice", "alice", "s3cret"), "CAP END");
        alice.take();
        Client bob = f.register("bob");
        bob.send("WHOIS al");
        assertThat(bob.take()).contains(":irc.local 330 bob al alice :is logged in as");
    }

    @Test
    void saslFailuresAbortAndRetry() {
        ServerFixture f = fixture(false);
        Client client = f.connect().send("CAP REQ sasl", "AUTHENTICATE SCRAM-SHA-256", "AUTHENTICATE PLAIN",
                "AUTHENTICATE *", "AUTHENTICATE PLAIN", "AUTHENTICATE " + plain("", "alice", "wrong"),
                "AUTHENTICATE PLAIN", "AUTHENTICATE not-base64!", "AUTHENTICATE PLAIN",
                "AUTHENTICATE " + "A".repeat(401));
        assertThat(client.take()).containsExactly(
                ":irc.local CAP * ACK :sasl",
                ":irc.local 908 * PLAIN :are available SASL mechanisms",
                ":irc.local 904 * :SASL authentication failed",
                "AUTHENTICATE +",
                ":irc.local 906 * :SASL authentication aborted",
                "AUTHENTICATE +",
                ":irc.local 904 * :SASL authentication failed",
                "AUTHENTICATE +",
                ":irc.local 904 * :SASL authentication failed",
                "AUTHENTICATE +",
                ":irc.local 905 * :SASL message too long");
        f.clock.advance(10);
        client.send("AUTHENTICATE PLAIN", "AUTHENTICATE " + plain("", "alice", "s3cret"), "AUTHENTICATE PLAIN");
        assertThat(client.take()).endsWith(":irc.local 907 * :You have already authenticated using SASL");
    }

    @Test
    void passAccountColonPasswordLogsInAndAWrongOneIsRefused() {
        ServerFixture f = fixture(true);
        Client good = f.connect().send("PASS alice:s3cret", "NICK al", "USER a 0 * :A");
        assertThat(good.take()).first().isEqualTo(
                ":irc.local 900 al al!~a@192.168.1.1 alice :You are now logged in as alice");
        Client bad = f.connect().send("PASS alice:nope", "NICK eve", "USER e 0 * :E");
        assertThat(bad.take()).containsExactly(
                ":irc.local 464 eve :Password incorrect",
                "ERROR :Closing Link: 192.168.1.1 (Bad password)");
        assertThat(bad.closed()).isTrue();
    }

    @Test
    void passAloneLogsInTheAccountNamedAsTheNick() {
        Client client = fixture(true).connect().send("PASS s3cret", "NICK alice", "USER a 0 * :A");
        assertThat(client.take()).anyMatch(line -> line.startsWith(":irc.local 001 alice "));
    }

    @Test
    void requireLoginRefusesAnonymousClients() {
        ServerFixture f = fixture(true);
        Client client = f.connect().send("NICK eve", "USER e 0 * :E");
        assertThat(client.take()).containsExactly(
                ":irc.local 464 eve :Login required: use SASL PLAIN or PASS account:password",
                "ERROR :Closing Link: 192.168.1.1 (Login required)");
        assertThat(f.server.statistics().clientsRefused()).containsEntry("login-required", 1L);
    }

    @Test
    void readingPausesWhileTheThrottleHoldsAFailedLoginAndLaterLinesWait() {
        ServerFixture f = new ServerFixture(IRCServerSettings.defaults(), portal(), LoginThrottle::new);
        Client client = f.connect().send("CAP REQ sasl", "NICK al", "USER a 0 * :A", "AUTHENTICATE PLAIN");
        client.take();
        client.send("AUTHENTICATE " + plain("", "alice", "wrong"));
        assertThat(client.transport.getProducerState()).isEqualTo(StringTransport.PAUSED);
        client.send("PING waiting");
        assertThat(client.take()).isEmpty();
        f.clock.advance(1);
        assertThat(client.take()).containsExactly(
                ":irc.local 904 al :SASL authentication failed",
                ":irc.local PONG irc.local :waiting");
        assertThat(client.transport.getProducerState()).isEqualTo(StringTransport.PRODUCING);
    }

    @Test
    void noPasswordOrSaslPayloadReachesTheLogEvenAtDebug(CapturedOutput output) {
        Logger twisted = (Logger) LoggerFactory.getLogger("twisted");
        Level saved = twisted.getLevel();
        twisted.setLevel(Level.DEBUG);
        try {
            ServerFixture f = new ServerFixture(IRCServerSettings.defaults().toBuilder()
                    .operators(java.util.Map.of("admin", "0per-Secret"::equals)).build(), portal(), LoginThrottle::new);
            String wrong = plain("", "alice", "Wr0ng-Guess");
            String right = plain("", "alice", "s3cret");
            f.connect().send("CAP REQ sasl", "AUTHENTICATE PLAIN", "AUTHENTICATE " + wrong);
            f.clock.advance(2);
            Client alice = f.connect().send("CAP REQ sasl", "AUTHENTICATE PLAIN", "AUTHENTICATE " + right, "CAP END",
                    "NICK alice", "USER a 0 * :A");
            alice.send("OPER admin Wr0ng-Oper", "OPER admin 0per-Secret");
            f.connect().send("PASS alice:Wr0ng-Pass", "NICK eve", "USER e 0 * :E");
            f.clock.advance(10);
            assertThat(output).contains("logged in").contains("OPER");
            assertThat(output).doesNotContain("s3cret").doesNotContain("Wr0ng").doesNotContain("0per-Secret")
                    .doesNotContain(wrong).doesNotContain(right);
        }
        finally {
            twisted.setLevel(saved);
        }
    }
}
