package twisted.words.irc.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import twisted.words.irc.Fragments;
import twisted.words.irc.server.ServerFixture.Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client's whole session, every command the server knows and most of its error numerics, fed
 * whole, split in two at every byte and one byte at a time: what that client and the two others
 * on the server see must be the same each time, and must be what a daemon answers. The other
 * tests check each command's replies in detail; this one checks that none of them depends on how
 * the bytes arrive.
 */
class IRCServerFragmentationTests {

    /**
     * Alice's session: bare LF and CR LF lines, names in other cases than they were created in,
     * errors on purpose. {@code #chan[x]} is bob's (he is its operator), {@code #Mine{1}} hers.
     */
    private static final String SESSION = String.join("", List.of(
            "JOIN #early\r\n", "CAP LS 302\r\n", "NICK\r\n", "NICK 1bad\r\n", "NICK Alice[1]\r\n",
            "USER alice 0 * :Alice A\n", "CAP REQ :multi-prefix\r\n", "CAP END\r\n",
            "JOIN #full\r\n", "JOIN #invite\r\n", "JOIN #banned\r\n", "JOIN #keyed wrong\r\n", "JOIN nochan\r\n",
            "JOIN #quiet\r\n", "PRIVMSG #quiet :shh\r\n", "PRIVMSG a,b,c,d,e :x\r\n", "KICK\r\n",
            "KILL carol :bye\r\n", "PRIVMSG #quiet :" + "y".repeat(520) + "\r\n",
            "JOIN #CHAN{X},#Mine{1}\r\n", "MODE #chan[x] +m\r\n", "MODE #mine[1] +ntkl-s sekrit 10\r\n",
            "MODE #MINE[1] +b *!*@bad.example\r\n", "MODE #mine{1} b\r\n", "MODE #mine{1}\r\n",
            "TOPIC #mine{1} :Fragments are fine\r\n", "TOPIC #chan[x]\r\n", "NAMES #chan[x]\r\n",
            "PRIVMSG #chan[x] :hello, caf\u00e9 \u2603\r\n", "NOTICE bob :psst\r\n", "PRIVMSG BOB,carol :to both\r\n",
            "PRIVMSG nobody :lost\r\n", "PRIVMSG #nowhere :lost too\r\n", "PRIVMSG\r\n", "PRIVMSG bob\r\n",
            "WHO #chan[x]\r\n", "WHOIS carol\r\n", "LIST\r\n", "ISON bob nobody carol\r\n", "USERHOST bob carol\r\n",
            "AWAY :lunch\r\n", "AWAY\r\n", "LUSERS\r\n", "MOTD\r\n", "VERSION\r\n", "TIME\r\n",
            "INVITE carol #mine{1}\r\n", "INVITE carol #chan[x]\r\n", "KICK #chan[x] carol :out you go\r\n",
            "KICK #mine{1} carol\r\n", "PART #chan[x] :bye\r\n", "PART #chan[x]\r\n", "NICK alice[1]\r\n",
            "NICK bob\r\n", "NICK Alicia\r\n", "JOIN #three,#four,#five,#six,#seven\r\n", "OPER root wrong\r\n", "OPER root hunter2\r\n", "MODE Alicia -o\r\n",
            "MODE bob +i\r\n", "MODE Alicia +z\r\n", "FOO bar\r\n", "USER again 0 * :x\r\n", "PING :token 1\r\n", "QUIT :see you\r\n"));

    private static Map<String, List<String>> run(List<byte[]> chunks) {
        ServerFixture fixture = new ServerFixture(IRCServerSettings.defaults().toBuilder().floodBurst(1000)
                .operators(Map.of("root", "hunter2"::equals)).motd(List.of("Be nice.")).channelsPerClient(6).build());
        Client bob = fixture.register("bob");
        Client carol = fixture.register("carol");
        bob.send("JOIN #full", "MODE #full +l 1", "JOIN #invite", "MODE #invite +i", "JOIN #keyed",
                "MODE #keyed +k secret", "JOIN #banned", "MODE #banned +b alice*!*@*", "JOIN #quiet", "MODE #quiet +m");
        bob.send("JOIN #chan[x]");
        carol.send("JOIN #chan[x]");
        bob.take();
        carol.take();
        Client alice = fixture.connect();
        Fragments.feed(alice.protocol, chunks);
        List<String> aliceSaw = new ArrayList<>(alice.take());
        aliceSaw.add(alice.closed() ? "(closed)" : "(open)");
        return Map.of("alice", aliceSaw, "bob", bob.take(), "carol", carol.take());
    }

    @Test
    void everyCommandGivesTheSameRepliesHoweverTheSessionIsCut() {
        List<List<byte[]>> chunkings = Fragments.of(SESSION.getBytes(StandardCharsets.UTF_8));
        Map<String, List<String>> whole = run(chunkings.get(0));
        for (List<byte[]> chunks : chunkings) {
            assertThat(run(chunks)).as("cut into %d chunks", chunks.size()).isEqualTo(whole);
        }
        List<String> alice = whole.get("alice");
        assertThat(alice).contains(":irc.local 451 * :You have not registered", ":irc.local 431 * :No nickname given",
                ":irc.local 432 * 1bad :Erroneous nickname", ":irc.local 471 Alice[1] #full :Cannot join channel (+l)",
                ":irc.local 473 Alice[1] #invite :Cannot join channel (+i)",
                ":irc.local 474 Alice[1] #banned :Cannot join channel (+b)",
                ":irc.local 475 Alice[1] #keyed :Cannot join channel (+k)",
                ":irc.local 403 Alice[1] nochan :No such channel",
                ":irc.local 404 Alice[1] #quiet :Cannot send to channel",
                ":irc.local 407 Alice[1] e :Too many recipients",
                ":irc.local 461 Alice[1] KICK :Not enough parameters",
                ":irc.local 481 Alice[1] :Permission Denied- You're not an IRC operator",
                ":irc.local 417 Alice[1] :Input line was too long",
                ":irc.local 501 Alicia :Unknown MODE flag")
                .anyMatch(line -> line.startsWith(":irc.local 405 Alicia #seven "));
        assertThat(alice).contains(":irc.local 001 Alice[1] :Welcome to the TwistedNet IRC Network Alice[1]!~alice@192.168.1.1",
                ":Alice[1]!~alice@192.168.1.1 JOIN #chan[x]", ":irc.local 353 Alice[1] = #chan[x] :@bob carol Alice[1]",
                ":Alice[1]!~alice@192.168.1.1 JOIN #Mine{1}", ":irc.local 353 Alice[1] = #Mine{1} :@Alice[1]",
                ":irc.local 482 Alice[1] #chan[x] :You're not channel operator",
                ":Alice[1]!~alice@192.168.1.1 MODE #Mine{1} +kl sekrit 10",
                ":Alice[1]!~alice@192.168.1.1 MODE #Mine{1} +b *!*@bad.example",
                ":irc.local 367 Alice[1] #Mine{1} *!*@bad.example Alice[1]!~alice@192.168.1.1 0",
                ":irc.local 368 Alice[1] #Mine{1} :End of channel ban list",
                ":irc.local 324 Alice[1] #Mine{1} +ntkl sekrit 10",
                ":Alice[1]!~alice@192.168.1.1 TOPIC #Mine{1} :Fragments are fine",
                ":irc.local 331 Alice[1] #chan[x] :No topic is set",
                ":irc.local 401 Alice[1] nobody :No such nick/channel",
                ":irc.local 401 Alice[1] #nowhere :No such nick/channel",
                ":irc.local 411 Alice[1] :No recipient given (PRIVMSG)", ":irc.local 412 Alice[1] :No text to send",
                ":irc.local 315 Alice[1] #chan[x] :End of WHO list", ":irc.local 318 Alice[1] carol :End of /WHOIS list",
                ":irc.local 323 Alice[1] :End of /LIST", ":irc.local 303 Alice[1] :bob carol",
                ":irc.local 306 Alice[1] :You have been marked as being away",
                ":irc.local 305 Alice[1] :You are no longer marked as being away",
                ":irc.local 376 Alice[1] :End of /MOTD command.", ":irc.local 391 Alice[1] irc.local :Thu, 1 Jan 1970 00:00:00 GMT",
                ":irc.local 341 Alice[1] carol #Mine{1}", ":irc.local 443 Alice[1] carol #chan[x] :is already on channel",
                ":irc.local 441 Alice[1] carol #Mine{1} :They aren't on that channel",
                ":Alice[1]!~alice@192.168.1.1 PART #chan[x] :bye",
                ":irc.local 442 Alice[1] #chan[x] :You're not on that channel",
                ":Alice[1]!~alice@192.168.1.1 NICK alice[1]", ":irc.local 433 alice[1] bob :Nickname is already in use",
                ":alice[1]!~alice@192.168.1.1 NICK Alicia", ":irc.local 464 Alicia :Password incorrect",
                ":irc.local 381 Alicia :You are now an IRC operator",
                ":irc.local 502 Alicia :Can't change mode for other users", ":irc.local 421 Alicia FOO :Unknown command",
                ":irc.local 462 Alicia :You may not reregister", ":irc.local PONG irc.local :token 1",
                "ERROR :Closing Link: 192.168.1.1 (Quit: see you)").endsWith("(closed)");
        assertThat(whole.get("bob")).contains(":Alice[1]!~alice@192.168.1.1 JOIN #chan[x]",
                ":Alice[1]!~alice@192.168.1.1 PRIVMSG #chan[x] :hello, café ☃",
                ":Alice[1]!~alice@192.168.1.1 NOTICE bob :psst", ":Alice[1]!~alice@192.168.1.1 PRIVMSG bob :to both",
                ":Alice[1]!~alice@192.168.1.1 PART #chan[x] :bye",
                ":alice[1]!~alice@192.168.1.1 NICK Alicia", ":Alicia!~alice@192.168.1.1 QUIT :Quit: see you")
                .doesNotContain(":Alice[1]!~alice@192.168.1.1 PRIVMSG #quiet :shh");
        assertThat(whole.get("carol")).contains(":Alice[1]!~alice@192.168.1.1 PRIVMSG carol :to both",
                ":Alice[1]!~alice@192.168.1.1 INVITE carol #Mine{1}");
    }
}
