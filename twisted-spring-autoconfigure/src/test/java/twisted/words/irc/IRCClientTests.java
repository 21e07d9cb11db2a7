package twisted.words.irc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import twisted.testing.Clock;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link IRCClient} through a {@link StringTransport} and a {@link Clock}: every server stream is
 * fed in every fragmentation ({@link Fragments}), and each must give the same callbacks and the
 * same lines sent.
 */
class IRCClientTests {

    private static final String WELCOME = ":irc.test 001 bot :Welcome to the Test IRC Network bot!~bot@host.test\r\n";

    /** A client that records its callbacks. */
    static class Recorder extends IRCClient {

        final List<String> events = new ArrayList<>();

        final List<@Nullable IRCMessage> messages = new ArrayList<>();

        final List<Instant> times = new ArrayList<>();

        Recorder(Clock clock) {
            super(clock);
            setNickname("bot");
        }

        private void record(String event) {
            this.events.add(event);
            this.messages.add(currentMessage());
            this.times.add(messageTime());
        }

        @Override
        public void signedOn() {
            record("signedOn " + getNickname());
        }

        @Override
        public void joined(String channel) {
            record("joined " + channel);
        }

        @Override
        public void left(String channel) {
            record("left " + channel);
        }

        @Override
        public void privmsg(String user, String channel, String message) {
            record("privmsg " + user + " " + channel + " " + message);
        }

        @Override
        public void noticed(String user, String channel, String message) {
            record("noticed " + user + " " + channel + " " + message);
        }

        @Override
        public void action(String user, String channel, String data) {
            record("action " + user + " " + channel + " " + data);
        }

        @Override
        public void userJoined(String user, String channel) {
            record("userJoined " + user + " " + channel);
        }

        @Override
        public void userLeft(String user, String channel) {
            record("userLeft " + user + " " + channel);
        }

        @Override
        public void userQuit(String user, String quitMessage) {
            record("userQuit " + user + " " + quitMessage);
        }

        @Override
        public void userRenamed(String oldname, String newname) {
            record("userRenamed " + oldname + " " + newname);
        }

        @Override
        public void nickChanged(String nick) {
            record("nickChanged " + nick);
        }

        @Override
        public void topicUpdated(String user, String channel, String newTopic) {
            record("topicUpdated " + user + " " + channel + " " + newTopic);
        }

        @Override
        public void kickedFrom(String channel, String kicker, String message) {
            record("kickedFrom " + channel + " " + kicker + " " + message);
        }

        @Override
        public void userKicked(String kickee, String channel, String kicker, String message) {
            record("userKicked " + kickee + " " + channel + " " + kicker + " " + message);
        }

        @Override
        public void modeChanged(String user, String channel, boolean set, String modes, List<@Nullable String> args) {
            record("modeChanged " + user + " " + channel + " " + (set ? "+" : "-") + modes + " " + args);
        }

        @Override
        public void receivedMOTD(List<String> lines) {
            record("receivedMOTD " + lines);
        }

        @Override
        public void receivedNames(String channel, Map<String, String> nicks) {
            record("receivedNames " + channel + " " + nicks);
        }

        @Override
        public void isupport(List<String> options) {
            record("isupport " + options);
        }

        @Override
        public void yourHost(String info) {
            record("yourHost " + info);
        }

        @Override
        public void created(String when) {
            record("created " + when);
        }

        @Override
        public void myInfo(String servername, String version, String umodes, String cmodes) {
            record("myInfo " + servername + " " + version + " " + umodes + " " + cmodes);
        }

        @Override
        public void pong(String user, double secs) {
            record("pong " + user + " " + secs);
        }

        @Override
        public void saslFailed(String numeric, String reason) {
            record("saslFailed " + numeric + " " + reason);
        }

        @Override
        public void ctcpUnknownQuery(String user, String channel, String tag, @Nullable String data) {
            record("ctcpUnknownQuery " + user + " " + channel + " " + tag + " " + data);
        }

        @Override
        public void ircUnknown(@Nullable String prefix, String command, List<String> params) {
            record("ircUnknown " + prefix + " " + command + " " + params);
        }
    }

    /** One run: a fresh client, its transport and clock. */
    record Run(Recorder client, StringTransport transport, Clock clock) {

        List<String> sent() {
            return lines(this.transport);
        }
    }

    private static Run connect(Consumer<Recorder> configure) {
        Clock clock = new Clock();
        Recorder client = new Recorder(clock);
        configure.accept(client);
        StringTransport transport = new StringTransport();
        client.makeConnection(transport);
        return new Run(client, transport, clock);
    }

    /**
     * Feeds a server stream in every fragmentation, each to a fresh client (configured, connected,
     * its registration lines cleared), checks that all give the same callbacks and lines, and
     * returns the whole-stream run.
     */
    private static Run feedEveryWay(Consumer<Recorder> configure, String stream) {
        Run first = null;
        for (List<byte[]> chunks : Fragments.of(stream.getBytes(StandardCharsets.UTF_8))) {
            Run run = connect(configure);
            run.transport().clear();
            Fragments.feed(run.client(), chunks);
            if (first == null) {
                first = run;
            }
            else {
                assertThat(run.client().events).isEqualTo(first.client().events);
                assertThat(run.sent()).isEqualTo(first.sent());
            }
        }
        return first;
    }

    private static List<String> lines(StringTransport transport) {
        String written = transport.valueAsString();
        assertThat(written.isEmpty() || written.endsWith("\r\n")).as("every line ends with CR LF: %s", written).isTrue();
        return written.isEmpty() ? List.of() : Arrays.asList(written.split("\r\n", -1)).subList(0, written.split("\r\n", -1).length - 1);
    }

    // ---------------------------------------------------------------- registration

    @Test
    void connectionMadeSendsCapPassNickUser() {
        Run run = connect(client -> {
            client.setPassword("server-secret");
            client.setUsername("botuser");
            client.setRealname("A Test Bot");
        });
        assertThat(run.sent()).containsExactly("CAP LS 302", "PASS server-secret", "NICK bot", "USER botuser 0 * :A Test Bot");
    }

    @Test
    void withoutPerformLoginNothingIsSent() {
        Run run = connect(client -> client.setPerformLogin(false));
        assertThat(run.sent()).isEmpty();
    }

    @Test
    void withoutCapabilityNegotiationRegistrationIsNickAndUser() {
        Run run = connect(client -> client.setCapabilityNegotiation(false));
        assertThat(run.sent()).containsExactly("NICK bot", "USER bot 0 * bot");
    }

    @Test
    void nickInUseIsRetriedWithTheAlternativesThenAnUnderscore() {
        Run run = feedEveryWay(client -> client.setAlternativeNicknames(List.of("bot2")),
                ":irc.test 433 * bot :Nickname is already in use\r\n"
                        + ":irc.test 432 * bot2 :Erroneous nickname\r\n"
                        + ":irc.test 436 * bot2_ :Nickname collision\r\n"
                        + ":irc.test 001 bot2__ :Welcome bot2__\r\n");
        assertThat(run.sent()).containsExactly("NICK bot2", "NICK bot2_", "NICK bot2__");
        assertThat(run.client().events).containsExactly("signedOn bot2__");
        assertThat(run.client().getNickname()).isEqualTo("bot2__");
    }

    @Test
    void nickInUseAfterRegistrationIsNotRetried() {
        Run run = feedEveryWay(client -> { }, WELCOME + ":irc.test 433 bot taken :Nickname is already in use\r\n");
        assertThat(run.sent()).isEmpty();
        assertThat(run.client().events).containsExactly("signedOn bot", "ircUnknown irc.test 433 [bot, taken, Nickname is already in use]");
    }

    @Test
    void welcomeAndServerInformationReachTheirCallbacks() {
        Run run = feedEveryWay(client -> { }, WELCOME
                + ":irc.test 002 bot :Your host is irc.test, running version ngircd-26\r\n"
                + ":irc.test 003 bot :This server has been started Mon Dec 1 2025\r\n"
                + ":irc.test 004 bot irc.test ngircd-26 abBcCFiIoqrRswx abcCehiIklmMnoOPqQrRstvVz\r\n"
                + ":irc.test 005 bot NETWORK=Test CASEMAPPING=ascii NICKLEN=30 CHANTYPES=# PREFIX=(qaohv)~&@%+ :are supported\r\n"
                + ":irc.test 005 bot CHANMODES=beI,k,l,imnt -MODES :are supported\r\n"
                + ":irc.test 375 bot :- irc.test message of the day\r\n"
                + ":irc.test 372 bot :- Be nice\r\n"
                + ":irc.test 372 bot :- ünïcode\r\n"
                + ":irc.test 376 bot :End of MOTD command\r\n");
        assertThat(run.client().events).containsExactly(
                "signedOn bot",
                "yourHost Your host is irc.test, running version ngircd-26",
                "created This server has been started Mon Dec 1 2025",
                "myInfo irc.test ngircd-26 abBcCFiIoqrRswx abcCehiIklmMnoOPqQrRstvVz",
                "isupport [NETWORK=Test, CASEMAPPING=ascii, NICKLEN=30, CHANTYPES=#, PREFIX=(qaohv)~&@%+]",
                "isupport [CHANMODES=beI,k,l,imnt, -MODES]",
                "receivedMOTD [Be nice, ünïcode]");
        ServerSupportedFeatures supported = run.client().getSupported();
        assertThat(supported.network()).isEqualTo("Test");
        assertThat(supported.caseMapping()).isEqualTo(CaseMapping.ASCII);
        assertThat(supported.nickLength()).isEqualTo(30);
        assertThat(supported.chanTypes()).isEqualTo("#");
        assertThat(supported.prefix()).containsExactly(Map.entry('q', '~'), Map.entry('a', '&'), Map.entry('o', '@'),
                Map.entry('h', '%'), Map.entry('v', '+'));
        assertThat(supported.chanModes()).containsExactly("beI", "k", "l", "imnt");
        assertThat(supported.hasFeature("MODES")).isFalse();
        assertThat(run.client().getHostmask()).isEqualTo("bot!~bot@host.test");
        assertThat(run.client().isRegistered()).isTrue();
    }

    @Test
    void caseMappingFromIsupportDecidesWhoWeAre() {
        Run rfc = feedEveryWay(client -> client.setNickname("bot[1]"),
                ":irc.test 001 bot[1] :Welcome\r\n:BOT{1}!u@h JOIN #c\r\n");
        assertThat(rfc.client().events).containsExactly("signedOn bot[1]", "joined #c");
        Run ascii = feedEveryWay(client -> client.setNickname("bot[1]"),
                ":irc.test 001 bot[1] :Welcome\r\n:irc.test 005 bot[1] CASEMAPPING=ascii :are supported\r\n"
                        + ":BOT{1}!u@h JOIN #c\r\n:BOT[1]!u@h JOIN #d\r\n");
        assertThat(ascii.client().events).containsExactly("signedOn bot[1]", "isupport [CASEMAPPING=ascii]",
                "userJoined BOT{1} #c", "joined #d");
    }

    // ---------------------------------------------------------------- messages

    @Test
    void channelEventsReachTheirCallbacks() {
        Run run = feedEveryWay(client -> { }, WELCOME
                + ":bot!~bot@other.host JOIN #twisted\r\n"
                + ":alice!a@h JOIN :#twisted\r\n"
                + ":alice!a@h PRIVMSG #twisted :hello, world\r\n"
                + ":alice!a@h PRIVMSG bot :just for you\r\n"
                + ":alice!a@h NOTICE #twisted :a notice\r\n"
                + ":irc.test NOTICE * :*** Looking up your hostname\r\n"
                + ":alice!a@h TOPIC #twisted :Twisted in Java\r\n"
                + ":irc.test 332 bot #twisted :the topic\r\n"
                + ":alice!a@h NICK alice2\r\n"
                + ":alice2!a@h PART #twisted :bye\r\n"
                + ":carol!c@h QUIT :Quit: gone fishing\r\n"
                + ":dave!d@h QUIT\r\n"
                + ":op!o@h KICK #twisted carol :behave\r\n"
                + ":op!o@h KICK #twisted bot :you too\r\n"
                + ":bot!~bot@other.host NICK robot\r\n"
                + ":robot!~bot@other.host PART #other\r\n");
        assertThat(run.client().events).containsExactly(
                "signedOn bot",
                "joined #twisted",
                "userJoined alice #twisted",
                "privmsg alice!a@h #twisted hello, world",
                "privmsg alice!a@h bot just for you",
                "noticed alice!a@h #twisted a notice",
                "noticed irc.test * *** Looking up your hostname",
                "topicUpdated alice #twisted Twisted in Java",
                "topicUpdated irc.test #twisted the topic",
                "userRenamed alice alice2",
                "userLeft alice2 #twisted",
                "userQuit carol Quit: gone fishing",
                "userQuit dave ",
                "userKicked carol #twisted op behave",
                "kickedFrom #twisted op you too",
                "nickChanged robot",
                "left #other");
        assertThat(run.client().getNickname()).isEqualTo("robot");
        assertThat(run.client().getHostmask()).isEqualTo("robot!~bot@other.host");
        assertThat(run.sent()).isEmpty();
    }

    @Test
    void modeChangesAreSplitIntoRunsWithTheirParameters() {
        Run run = feedEveryWay(client -> { }, WELCOME
                + ":op!o@h MODE #c +ov-k+lm alice bob secret 10\r\n"
                + ":op!o@h MODE #c -l+b *!*@spam\r\n"
                + ":bot MODE bot :+iw\r\n");
        assertThat(run.client().events).containsExactly(
                "signedOn bot",
                "modeChanged op!o@h #c +ov [alice, bob]",
                "modeChanged op!o@h #c -k [secret]",
                "modeChanged op!o@h #c +lm [10, null]",
                "modeChanged op!o@h #c -l [null]",
                "modeChanged op!o@h #c +b [*!*@spam]",
                "modeChanged bot bot +iw [null, null]");
    }

    @Test
    void namesWithMultiPrefixKeepEveryPrefix() {
        Run run = feedEveryWay(client -> { }, WELCOME
                + ":irc.test 005 bot PREFIX=(ov)@+ :are supported\r\n"
                + ":irc.test 353 bot = #c :@+alice +bob carol\r\n"
                + ":irc.test 353 bot = #c :@dave\r\n"
                + ":irc.test 366 bot #c :End of NAMES list\r\n");
        assertThat(run.client().events).endsWith("receivedNames #c {alice=@+, bob=+, carol=, dave=@}");
    }

    @Test
    void missingParametersAreBadMessagesNotCrashes() {
        Run run = feedEveryWay(client -> { }, WELCOME + ":alice!a@h PRIVMSG #c\r\n:alice!a@h KICK #c\r\n:x PING\r\n");
        assertThat(run.client().events).containsExactly("signedOn bot");
        assertThat(run.sent()).containsExactly("PONG bot");
    }

    @Test
    void unknownCommandsGoToIrcUnknownAndHandlersCanBeAdded() {
        Run run = feedEveryWay(client -> client.setHandler(Numerics.RPL_WHOISUSER,
                m -> client.events.add("whois " + m.params())), WELCOME
                + ":irc.test 311 bot alice a h * :Alice\r\n"
                + ":alice!a@h INVITE bot #secret\r\n");
        assertThat(run.client().events).containsExactly("signedOn bot", "whois [bot, alice, a, h, *, Alice]",
                "ircUnknown alice!a@h INVITE [bot, #secret]");
    }

    @Test
    void pingIsAnsweredWithItsToken() {
        Run run = feedEveryWay(client -> { }, "PING :irc.test-1234\r\n:irc.test PING token\r\n");
        assertThat(run.sent()).containsExactly("PONG irc.test-1234", "PONG token");
    }

    // ---------------------------------------------------------------- IRCv3

    @Test
    void capabilityNegotiationRequestsWhatIsWantedAndOffered() {
        Run run = feedEveryWay(client -> { },
                ":irc.test CAP * LS * :multi-prefix away-notify sasl=PLAIN\r\n"
                        + ":irc.test CAP * LS :server-time message-tags echo-message\r\n"
                        + ":irc.test CAP * ACK :multi-prefix server-time message-tags\r\n"
                        + WELCOME);
        assertThat(run.sent()).containsExactly("CAP REQ :message-tags server-time multi-prefix", "CAP END");
        assertThat(run.client().getEnabledCapabilities()).containsExactlyInAnyOrder("multi-prefix", "server-time", "message-tags");
        assertThat(run.client().events).containsExactly("signedOn bot");
    }

    @Test
    void echoMessageIsOnlyRequestedWhenSwitchedOn() {
        Run run = feedEveryWay(client -> client.setEchoMessage(true),
                ":irc.test CAP * LS :echo-message\r\n:irc.test CAP * NAK :echo-message\r\n");
        assertThat(run.sent()).containsExactly("CAP REQ echo-message", "CAP END");
    }

    @Test
    void noWantedCapabilityEndsNegotiationAtOnce() {
        Run run = feedEveryWay(client -> { }, ":irc.test CAP * LS :away-notify chghost\r\n");
        assertThat(run.sent()).containsExactly("CAP END");
    }

    @Test
    void capNewAndDelAfterRegistration() {
        Run run = feedEveryWay(client -> { }, ":irc.test CAP * LS :cap-notify\r\n:irc.test CAP * ACK cap-notify\r\n"
                + WELCOME + ":irc.test CAP bot NEW :server-time batch\r\n:irc.test CAP bot ACK :server-time\r\n"
                + ":irc.test CAP bot DEL :server-time\r\n");
        assertThat(run.sent()).containsExactly("CAP REQ cap-notify", "CAP END", "CAP REQ server-time");
        assertThat(run.client().getEnabledCapabilities()).containsExactly("cap-notify");
    }

    @Test
    void tagsAndServerTimeAreSeenDuringTheCallback() {
        Run run = feedEveryWay(client -> { }, WELCOME
                + "@time=2024-05-06T07:08:09.123Z;msgid=abc\\sdef :alice!a@h PRIVMSG #c :tagged\r\n"
                + ":alice!a@h PRIVMSG #c :untagged\r\n");
        IRCMessage tagged = run.client().messages.get(1);
        assertThat(tagged).isNotNull();
        assertThat(tagged.tags()).containsEntry("msgid", "abc def");
        assertThat(run.client().times.get(1)).isEqualTo(Instant.parse("2024-05-06T07:08:09.123Z"));
        assertThat(run.client().times.get(2)).isEqualTo(Instant.EPOCH);
        assertThat(run.client().currentMessage()).isNull();
    }

    @Test
    void saslPlainLogsInThenEndsNegotiation() {
        Run run = feedEveryWay(client -> client.setSaslAccount(null, "account", "s3cret"),
                ":irc.test CAP * LS :sasl=EXTERNAL,PLAIN server-time\r\n"
                        + ":irc.test CAP * ACK :server-time sasl\r\n"
                        + "AUTHENTICATE +\r\n"
                        + ":irc.test 900 bot bot!~bot@h account :You are now logged in as account\r\n"
                        + ":irc.test 903 bot :SASL authentication successful\r\n"
                        + WELCOME);
        String payload = Base64.getEncoder().encodeToString("\0account\0s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(run.sent()).containsExactly("CAP REQ :server-time sasl", "AUTHENTICATE PLAIN",
                "AUTHENTICATE " + payload, "CAP END");
        assertThat(run.client().events).containsExactly("signedOn bot");
    }

    @Test
    void saslIsNotRequestedWithoutAnAccountOrWithoutPlain() {
        Run none = feedEveryWay(client -> { }, ":irc.test CAP * LS :sasl\r\n");
        assertThat(none.sent()).containsExactly("CAP END");
        Run noPlain = feedEveryWay(client -> client.setSaslAccount(null, "a", "p"), ":irc.test CAP * LS :sasl=EXTERNAL\r\n");
        assertThat(noPlain.sent()).containsExactly("CAP END");
    }

    @Test
    void longSaslPayloadsAreSentIn400ByteChunksEndedByPlusWhenExact() {
        // authzid \0 authcid \0 password of 300 bytes: base64 of 300 bytes is exactly 400 characters
        String password = "p".repeat(300 - 2 - 1 - 1);
        Run run = feedEveryWay(client -> client.setSaslAccount("z", "u", password),
                ":irc.test CAP * LS :sasl\r\n:irc.test CAP * ACK :sasl\r\nAUTHENTICATE +\r\n");
        List<String> sent = run.sent();
        assertThat(sent).hasSize(4);
        assertThat(sent.get(2)).hasSize("AUTHENTICATE ".length() + 400);
        assertThat(sent.get(3)).isEqualTo("AUTHENTICATE +");
        byte[] decoded = Base64.getDecoder().decode(sent.get(2).substring("AUTHENTICATE ".length()));
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("z\0u\0" + password);

        Run longer = feedEveryWay(client -> client.setSaslAccount(null, "u", "p".repeat(400)),
                ":irc.test CAP * LS :sasl\r\n:irc.test CAP * ACK :sasl\r\nAUTHENTICATE +\r\n");
        List<String> chunks = longer.sent().subList(2, longer.sent().size());
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).hasSize("AUTHENTICATE ".length() + 400);
        assertThat(chunks.get(1)).isNotEqualTo("AUTHENTICATE +");
    }

    @Test
    void saslFailureEitherContinuesOrQuits() {
        String stream = ":irc.test CAP * LS :sasl\r\n:irc.test CAP * ACK :sasl\r\nAUTHENTICATE +\r\n"
                + ":irc.test 904 bot :SASL authentication failed\r\n";
        Run lenient = feedEveryWay(client -> client.setSaslAccount(null, "u", "wrong"), stream);
        assertThat(lenient.sent()).endsWith("CAP END");
        assertThat(lenient.client().events).containsExactly("saslFailed 904 SASL authentication failed");
        assertThat(lenient.transport().isDisconnecting()).isFalse();

        Run strict = feedEveryWay(client -> {
            client.setSaslAccount(null, "u", "wrong");
            client.setSaslRequired(true);
        }, stream);
        assertThat(strict.sent()).endsWith("QUIT :SASL authentication failed").doesNotContain("CAP END");
        assertThat(strict.transport().isDisconnecting()).isTrue();
    }

    // ---------------------------------------------------------------- CTCP

    @Test
    void ctcpQueriesAreAnswered() {
        Run run = feedEveryWay(client -> {
            client.setVersion("twisted-bot", "1.0", "Java");
            client.setSourceURL("https://example.org/src");
        }, WELCOME
                + ":alice!a@h PRIVMSG bot :\u0001VERSION\u0001\r\n"
                + ":alice!a@h PRIVMSG bot :\u0001PING 12345\u0001\r\n"
                + ":alice!a@h PRIVMSG bot :\u0001TIME\u0001\r\n"
                + ":alice!a@h PRIVMSG bot :\u0001CLIENTINFO\u0001\r\n"
                + ":alice!a@h PRIVMSG bot :\u0001CLIENTINFO PING\u0001\r\n"
                + ":alice!a@h PRIVMSG bot :\u0001SOURCE\u0001\r\n"
                + ":alice!a@h PRIVMSG bot :\u0001FINGER\u0001\r\n"
                + ":alice!a@h PRIVMSG #c :\u0001ACTION waves\u0001\r\n"
                + ":alice!a@h PRIVMSG #c :before \u0001ACTION mid\u0001 after\r\n");
        assertThat(run.sent()).containsExactly(
                "NOTICE alice :\u0001VERSION twisted-bot:1.0:Java\u0001",
                "NOTICE alice :\u0001PING 12345\u0001",
                "NOTICE alice :\u0001TIME Thu, 1 Jan 1970 00:00:00 GMT\u0001",
                "NOTICE alice :\u0001CLIENTINFO ACTION CLIENTINFO PING SOURCE TIME USERINFO VERSION\u0001",
                "NOTICE alice :\u0001CLIENTINFO PING\u0001",
                "NOTICE alice :\u0001SOURCE https://example.org/src\u0001");
        assertThat(run.client().events).containsExactly("signedOn bot",
                "ctcpUnknownQuery alice!a@h bot FINGER null",
                "action alice!a@h #c waves",
                "action alice!a@h #c mid",
                "privmsg alice!a@h #c before   after");
    }

    @Test
    void versionIsNotAnsweredWithoutAName() {
        Run run = feedEveryWay(client -> { }, WELCOME + ":alice!a@h PRIVMSG bot :\u0001VERSION\u0001\r\n");
        assertThat(run.sent()).isEmpty();
    }

    @Test
    void ctcpPingReplyGivesPongWithTheRoundTrip() {
        Run run = connect(client -> { });
        run.transport().clear();
        Fragments.feed(run.client(), List.of(WELCOME.getBytes(StandardCharsets.UTF_8)));
        run.client().ping("alice", "tok");
        assertThat(run.sent()).containsExactly("PRIVMSG alice :\u0001PING tok\u0001");
        run.clock().advance(2.5);
        run.client().dataReceived(":Alice!a@h NOTICE bot :\u0001PING tok\u0001\r\n".getBytes(StandardCharsets.UTF_8));
        run.client().dataReceived(":alice!a@h NOTICE bot :\u0001PING tok\u0001\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run.client().events).containsExactly("signedOn bot", "pong Alice!a@h 2.5");
    }

    @Test
    void describeSendsAnAction() {
        Run run = connect(client -> { });
        run.transport().clear();
        run.client().describe("#c", "waves \\ and \u0001 quotes");
        assertThat(run.sent()).containsExactly("PRIVMSG #c :\u0001ACTION waves \\\\ and \\a quotes\u0001");
    }

    // ---------------------------------------------------------------- commands

    @Test
    void commandsSendTheirLines() {
        Run run = connect(client -> { });
        Fragments.feed(run.client(), List.of(WELCOME.getBytes(StandardCharsets.UTF_8)));
        run.transport().clear();
        IRCClient client = run.client();
        client.join("twisted");
        client.join("&local", "key");
        client.leave("#twisted", "see you");
        client.part("twisted", null);
        client.say("twisted", "hi");
        client.notice("alice", "psst");
        client.setNick("robot");
        client.topic("#c", null);
        client.topic("#c", "new topic");
        client.topic("#c", "");
        client.mode("#c", true, "ol", "alice", "10");
        client.mode("#c", false, "b", "*!*@spam");
        client.kick("#c", "alice", "behave");
        client.kick("#c", "bob", null);
        client.invite("alice", "#c");
        client.whois("alice");
        client.whois("alice", "irc.test");
        client.names("#c");
        client.away("lunch");
        client.back();
        client.quit("bye all");
        assertThat(run.sent()).containsExactly("JOIN #twisted", "JOIN &local key", "PART #twisted :see you", "PART #twisted",
                "PRIVMSG #twisted hi", "NOTICE alice psst", "NICK robot", "TOPIC #c", "TOPIC #c :new topic", "TOPIC #c :",
                "MODE #c +ol alice 10", "MODE #c -b *!*@spam", "KICK #c alice behave", "KICK #c bob", "INVITE alice #c",
                "WHOIS alice", "WHOIS irc.test alice", "NAMES #c", "AWAY lunch", "AWAY", "QUIT :bye all");
    }

    @Test
    void joinAddsHashUnlessTheNameStartsWithAChanType() {
        Run run = connect(client -> { });
        Fragments.feed(run.client(), List.of((WELCOME + ":irc.test 005 bot CHANTYPES=# :are supported\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        run.transport().clear();
        run.client().join("#a");
        run.client().join("&b");
        assertThat(run.sent()).containsExactly("JOIN #a", "JOIN #&b");
    }

    @Test
    void linesWithLineBreaksAreRefused() {
        Run run = connect(client -> { });
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> run.client().sendLine("PRIVMSG a :x\r\nQUIT"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> run.client().setNick("two words"));
    }

    // ---------------------------------------------------------------- splitting

    @Test
    void longMessagesAreSplitSoEveryRelayedLineFitsAndDecodes() throws Exception {
        String text = ("Grüße aus Köln 🎉 日本語のテキスト " + "x".repeat(37) + " ").repeat(40) + "\nsecond line\r\nthird";
        for (boolean knownMask : List.of(false, true)) {
            Run run = connect(client -> { });
            if (knownMask) {
                Fragments.feed(run.client(), List.of(":bot!~averyveryverylongident@a.very.long.cloaked.host.name.example.org JOIN #c\r\n"
                        .getBytes(StandardCharsets.UTF_8)));
            }
            run.transport().clear();
            run.client().msg("#c", text);
            String prefix = ":" + (knownMask ? run.client().getHostmask() : "bot!" + "u".repeat(11) + "@" + "h".repeat(63)) + " ";
            List<String> pieces = new ArrayList<>();
            byte[] written = run.transport().value();
            int start = 0;
            for (int i = 0; i + 1 < written.length; i++) {
                if (written[i] == '\r' && written[i + 1] == '\n') {
                    byte[] line = Arrays.copyOfRange(written, start, i);
                    assertThat(prefix.getBytes(StandardCharsets.UTF_8).length + line.length + 2).isLessThanOrEqualTo(512);
                    String decoded = strictUtf8(line);
                    assertThat(decoded).startsWith("PRIVMSG #c ");
                    pieces.add(IRCMessage.parse(decoded).lastParam());
                    start = i + 2;
                }
            }
            assertThat(start).isEqualTo(written.length);
            assertThat(pieces.size()).isGreaterThan(5);
            assertThat(String.join(" ", pieces.subList(0, pieces.size() - 2)).stripTrailing())
                    .isEqualTo(text.substring(0, text.indexOf('\n')).stripTrailing());
            assertThat(pieces.subList(pieces.size() - 2, pieces.size())).containsExactly("second line", "third");
        }
    }

    @Test
    void aWordLongerThanTheRoomIsCutBetweenCharacters() throws Exception {
        Run run = connect(client -> { });
        run.transport().clear();
        run.client().msg("bob", "€".repeat(400));
        String written = run.transport().valueAsString();
        for (String line : written.split("\r\n")) {
            strictUtf8(line.getBytes(StandardCharsets.UTF_8));
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2 + 1 + 3 + 1 + 11 + 1 + 63 + 1).isLessThanOrEqualTo(512);
        }
        assertThat(written.replaceAll("PRIVMSG bob :?", "").replace("\r\n", "")).isEqualTo("€".repeat(400));
    }

    @Test
    void anExplicitLengthBoundsTheLineSent() {
        Run run = connect(client -> { });
        run.transport().clear();
        run.client().msg("bob", "one two three four five six", 24);
        for (String line : run.sent()) {
            assertThat(line.length() + 2).isLessThanOrEqualTo(24);
        }
        assertThat(run.sent()).containsExactly("PRIVMSG bob :one two", "PRIVMSG bob three", "PRIVMSG bob :four five",
                "PRIVMSG bob six");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> run.client().msg("bob", "x", 17));
    }

    @Test
    void longActionsAreSplitIntoSeveralActions() throws Exception {
        Run run = connect(client -> { });
        run.transport().clear();
        run.client().describe("#c", "dances ".repeat(100));
        List<String> sent = run.sent();
        assertThat(sent).hasSizeGreaterThan(1);
        for (String line : sent) {
            assertThat(line).startsWith("PRIVMSG #c :\u0001ACTION ").endsWith("\u0001");
            assertThat(line.length() + 2 + 1 + 3 + 1 + 11 + 1 + 63 + 1).isLessThanOrEqualTo(512);
        }
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    // ---------------------------------------------------------------- heartbeat and throttling

    @Test
    void heartbeatPingsAndClosesWhenNoPongComes() {
        Run run = connect(client -> client.setHeartbeatInterval(Duration.ofSeconds(60)));
        Fragments.feed(run.client(), List.of(WELCOME.getBytes(StandardCharsets.UTF_8)));
        run.transport().clear();
        run.clock().advance(59);
        assertThat(run.sent()).isEmpty();
        run.clock().advance(1);
        assertThat(run.sent()).containsExactly("PING twisted-60");
        run.client().dataReceived(":irc.test PONG irc.test :twisted-60\r\n".getBytes(StandardCharsets.UTF_8));
        run.transport().clear();
        run.clock().advance(60);
        assertThat(run.sent()).containsExactly("PING twisted-120");
        assertThat(run.transport().isAborted()).isFalse();
        run.clock().advance(60);
        assertThat(run.transport().isAborted()).isTrue();
    }

    @Test
    void noHeartbeatWhenSwitchedOffOrBeforeSigningOn() {
        Run off = connect(client -> client.setHeartbeatInterval(null));
        Fragments.feed(off.client(), List.of(WELCOME.getBytes(StandardCharsets.UTF_8)));
        assertThat(off.clock().getDelayedCalls()).isEmpty();
        Run unregistered = connect(client -> { });
        assertThat(unregistered.clock().getDelayedCalls()).isEmpty();
    }

    @Test
    void lineRateQueuesLinesOnTheClockButNotPong() {
        Run run = connect(client -> {
            client.setLineRate(Duration.ofSeconds(1));
            client.setCapabilityNegotiation(false);
        });
        assertThat(run.sent()).containsExactly("NICK bot");
        run.clock().advance(0.5);
        run.client().dataReceived("PING :x\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run.sent()).containsExactly("NICK bot", "PONG x");
        run.clock().advance(0.5);
        assertThat(run.sent()).containsExactly("NICK bot", "PONG x", "USER bot 0 * bot");
        run.client().say("c", "one");
        run.client().say("c", "two");
        run.clock().advance(0.999);
        assertThat(run.sent()).hasSize(3);
        run.clock().advance(0.001);
        assertThat(run.sent()).endsWith("PRIVMSG #c one");
        run.clock().advance(1);
        assertThat(run.sent()).endsWith("PRIVMSG #c two");
        run.clock().advance(1);
        assertThat(run.clock().getDelayedCalls()).isEmpty();
        run.client().say("c", "three");
        assertThat(run.sent()).endsWith("PRIVMSG #c three");
    }

    @Test
    void switchingTheLineRateOffSendsWhatIsQueuedAtOnceInOrder() {
        Run run = connect(client -> client.setCapabilityNegotiation(false));
        run.client().setLineRate(Duration.ofSeconds(1));
        run.client().say("c", "one");
        run.client().say("c", "two");
        run.client().say("c", "three");
        assertThat(run.sent()).endsWith("PRIVMSG #c one");
        run.client().setLineRate(null);
        assertThat(run.sent()).endsWith("PRIVMSG #c one", "PRIVMSG #c two", "PRIVMSG #c three");
        assertThat(run.clock().getDelayedCalls()).as("no throttle timer left").isEmpty();
        run.client().say("c", "four");
        assertThat(run.sent()).endsWith("PRIVMSG #c three", "PRIVMSG #c four");
    }

    @Test
    void losingTheConnectionDropsTheQueueAndTheHeartbeat() {
        Run run = connect(client -> client.setLineRate(Duration.ofSeconds(1)));
        Fragments.feed(run.client(), List.of(WELCOME.getBytes(StandardCharsets.UTF_8)));
        assertThat(run.clock().getDelayedCalls()).isNotEmpty();
        run.client().disconnected(new twisted.defer.Failure(new RuntimeException("gone")));
        assertThat(run.clock().getDelayedCalls()).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neitherPasswordNorSaslPayloadReachesTheLog(CapturedOutput output) {
        Logger logger = (Logger) LoggerFactory.getLogger("twisted");
        Level saved = logger.getLevel();
        logger.setLevel(Level.TRACE);
        try {
            String secret = "Corr3ct-Horse-Battery";
            String payload = Base64.getEncoder().encodeToString(("\0acct\0" + secret).getBytes(StandardCharsets.UTF_8));
            Run run = feedEveryWay(client -> {
                client.setPassword(secret);
                client.setSaslAccount(null, "acct", secret);
                client.setHeartbeatInterval(Duration.ofSeconds(1));
            }, ":irc.test CAP * LS :sasl\r\n:irc.test CAP * ACK :sasl\r\nAUTHENTICATE +\r\n"
                    + ":irc.test 904 bot :SASL authentication failed\r\n" + WELCOME + "\u0000bad line\r\n");
            run.clock().pump(1, 1);
            assertThat(run.sent()).contains("AUTHENTICATE " + payload);
            assertThat(run.transport().isAborted()).isTrue();
            assertThat(run.client().toString()).doesNotContain(secret);
            assertThat(output.getAll()).contains("no PONG from the server").doesNotContain(secret).doesNotContain(payload);
        }
        finally {
            logger.setLevel(saved);
        }
    }
}
