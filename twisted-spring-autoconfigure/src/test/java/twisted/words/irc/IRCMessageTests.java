package twisted.words.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IRCMessageTests {

    @Test
    void parsesTagsSourceCommandAndParameters() {
        IRCMessage message = IRCMessage
                .parse("@time=2026-12-02T12:00:00.000Z;account=alice;+draft/x :alice!a@host PRIVMSG #chan :hello  world");
        assertThat(message.tags()).containsExactly(Map.entry("time", "2026-12-02T12:00:00.000Z"),
                Map.entry("account", "alice"), Map.entry("+draft/x", ""));
        assertThat(message.prefix()).isEqualTo("alice!a@host");
        assertThat(message.sourceNick()).isEqualTo("alice");
        assertThat(message.command()).isEqualTo("PRIVMSG");
        assertThat(message.params()).containsExactly("#chan", "hello  world");
    }

    @Test
    void toleratesWhatDaemonsTolerate() {
        IRCMessage message = IRCMessage.parse("privmsg   #a    b   :");
        assertThat(message.command()).isEqualTo("PRIVMSG");
        assertThat(message.params()).containsExactly("#a", "b", "");
        assertThat(IRCMessage.parse("PING").params()).isEmpty();
        assertThat(IRCMessage.parse("001 me :Welcome").isNumeric()).isTrue();
        assertThat(IRCMessage.parse("@a=1;a=2 PING x").tags()).containsExactly(Map.entry("a", "2"));
    }

    @Test
    void refusesLinesThatAreNotMessages() {
        assertThatThrownBy(() -> IRCMessage.parse("")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> IRCMessage.parse(":source")).hasMessage("A source but no command");
        assertThatThrownBy(() -> IRCMessage.parse("@a=b")).hasMessage("Tags but no command");
        assertThatThrownBy(() -> IRCMessage.parse("@=b PING")).hasMessage("A tag with no name");
        assertThatThrownBy(() -> IRCMessage.parse("PRIV-MSG x")).hasMessage("Not a command: PRIV-MSG");
        assertThatThrownBy(() -> IRCMessage.parse("12 x")).isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> IRCMessage.parse("PRIVMSG #a :a\0b")).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void tagValuesAreUnescapedAndEscapedBack() {
        IRCMessage message = IRCMessage.parse("@k=a\\:b\\sc\\\\d\\r\\ne\\x\\ PING");
        assertThat(message.tags().get("k")).isEqualTo("a;b c\\d\r\nex");
        assertThat(message.toLine()).isEqualTo("@k=a\\:b\\sc\\\\d\\r\\nex PING");
        assertThat(IRCMessage.parse(message.toLine())).isEqualTo(message);
    }

    @Test
    void writesTheLastParameterWithAColonOnlyWhenItNeedsOne() {
        assertThat(IRCMessage.of("PRIVMSG", "#a", "hi").toLine()).isEqualTo("PRIVMSG #a hi");
        assertThat(IRCMessage.of("PRIVMSG", "#a", "hi there").toLine()).isEqualTo("PRIVMSG #a :hi there");
        assertThat(IRCMessage.of("PRIVMSG", "#a", ":)").toLine()).isEqualTo("PRIVMSG #a ::)");
        assertThat(IRCMessage.of("TOPIC", "#a", "").toLine()).isEqualTo("TOPIC #a :");
        assertThat(IRCMessage.of("PING", "x").withPrefix("irc.example").withTag("time", "t").toLine())
                .isEqualTo("@time=t :irc.example PING x");
    }

    @Test
    void refusesToBuildAMessageThatWouldReadBackDifferently() {
        assertThatIllegalArgumentException().isThrownBy(() -> IRCMessage.of("PRIVMSG", "#a b", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> IRCMessage.of("PRIVMSG", "", "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> IRCMessage.of("PRIVMSG", "#a", "x\r\nQUIT"));
        assertThatIllegalArgumentException().isThrownBy(() -> IRCMessage.of("PRIV MSG"));
        assertThatIllegalArgumentException().isThrownBy(() -> IRCMessage.of("PING").withPrefix("a b"));
    }

    @Test
    void caseMappingsFoldTheirOwnCharacters() {
        assertThat(CaseMapping.RFC1459.toLowerCase("Nick[1]\\^~")).isEqualTo("nick{1}|~~");
        assertThat(CaseMapping.STRICT_RFC1459.toLowerCase("Nick[1]\\^")).isEqualTo("nick{1}|^");
        assertThat(CaseMapping.ASCII.toLowerCase("Nick[1]")).isEqualTo("nick[1]");
        assertThat(CaseMapping.RFC1459.equalsIgnoreCase("#Chan[x]", "#chan{X}")).isTrue();
        assertThat(CaseMapping.forToken("RFC1459")).isSameAs(CaseMapping.RFC1459);
        assertThat(CaseMapping.forToken("unknown")).isSameAs(CaseMapping.RFC1459);
    }

    @Test
    void splitsTextAtSpacesAndNeverInsideACharacter() {
        assertThat(IRCText.split("hello world", 8)).containsExactly("hello", "world");
        assertThat(IRCText.split("one\r\ntwo\n\nthree", 100)).containsExactly("one", "two", "three");
        String text = "é".repeat(5) + "😀" + "ü";
        for (int room = 4; room <= 16; room++) {
            List<String> pieces = IRCText.split(text, room);
            assertThat(String.join("", pieces)).isEqualTo(text);
            for (String piece : pieces) {
                assertThat(piece.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(room);
                assertThat(new String(piece.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(piece);
            }
        }
        assertThat(IRCText.truncate("ab😀", 5)).isEqualTo("ab");
        assertThat(IRCText.utf8Length("aé😀€")).isEqualTo(1 + 2 + 4 + 3);
    }

    /** Records what the framing delivers. */
    static final class Recorder extends IRC {

        final List<String> events = new ArrayList<>();

        @Override
        protected void messageReceived(IRCMessage message) {
            this.events.add(message.toLine());
        }

        @Override
        protected void badMessage(String line, MalformedMessageException problem) {
            this.events.add("bad " + problem.getMessage());
        }

        @Override
        protected void messageTooLong(byte[] line) {
            this.events.add("too long " + line.length);
        }
    }

    @Test
    void framingGivesTheSameMessagesForEveryFragmentation() {
        String stream = "NICK alice\r\nUSER a 0 * :Alice A\n\r\n@a=1 PING :x y\r\n:bad\r\nPRIVMSG #c :caf\u00e9\r\n";
        List<String> expected = List.of("NICK alice", "USER a 0 * :Alice A", "@a=1 PING :x y",
                "bad A source but no command", "PRIVMSG #c café");
        for (List<byte[]> chunks : Fragments.of(stream.getBytes(StandardCharsets.UTF_8))) {
            Recorder recorder = new Recorder();
            recorder.makeConnection(new StringTransport());
            Fragments.feed(recorder, chunks);
            assertThat(recorder.events).isEqualTo(expected);
        }
    }

    @Test
    void framingDropsMessagesOverTheLimitsAndClosesOnALineThatNeverEnds() {
        Recorder recorder = new Recorder();
        StringTransport transport = new StringTransport();
        recorder.makeConnection(transport);
        String body510 = "PRIVMSG #c :" + "x".repeat(510 - 12);
        recorder.dataReceived((body510 + "\r\n").getBytes(StandardCharsets.US_ASCII));
        recorder.dataReceived((body510 + "y\r\n").getBytes(StandardCharsets.US_ASCII));
        String tags = "@" + "t".repeat(8189) + " ";
        recorder.dataReceived((tags + "PING x\r\n").getBytes(StandardCharsets.US_ASCII));
        recorder.dataReceived(("@" + tags + "PING x\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(recorder.events).containsExactly(IRCMessage.parse(body510).toLine(), "too long 512", tags + "PING x", "too long 8199");
        assertThat(transport.isDisconnecting()).isFalse();
        recorder.dataReceived(("x".repeat(8191 + 512 + 1)).getBytes(StandardCharsets.US_ASCII));
        assertThat(transport.isDisconnecting()).isTrue();
    }

    @Test
    void sendsMessagesEndedByCrLf() {
        Recorder recorder = new Recorder();
        StringTransport transport = new StringTransport();
        recorder.makeConnection(transport);
        recorder.sendCommand("PRIVMSG", "#c", "hi there");
        recorder.sendMessage(IRCMessage.of("PING", "x").withPrefix("srv"));
        assertThat(transport.valueAsString()).isEqualTo("PRIVMSG #c :hi there\r\n:srv PING x\r\n");
    }

    @Test
    void tagsAreKeptInTheOrderTheyCame() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("b", "1");
        tags.put("a", "");
        assertThat(new IRCMessage(tags, null, "ping", List.of()).toLine()).isEqualTo("@b=1;a PING");
    }
}
