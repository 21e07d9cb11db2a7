package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import twisted.cred.LoginResult;
import twisted.cred.Portal;
import twisted.defer.Deferred;
import twisted.internet.IPv4Address;
import twisted.internet.Protocol;
import twisted.mail.MessageWriter;
import twisted.mail.maildir.InlineMaildir;
import twisted.mail.maildir.MaildirStore;
import twisted.testing.Clock;
import twisted.testing.InMemoryCredentialsChecker;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

class IMAP4ServerTests {

    private static final String MESSAGE = "From: bob@example.com\r\nSubject: hi\r\n\r\nHello\r\n";

    @TempDir
    Path root;

    private final Clock clock = new Clock();

    private MaildirStore store;

    private IMAPFactory factory;

    private int port = 40000;

    @BeforeEach
    void setUp() throws Exception {
        this.clock.advance(1_796_000_000);
        this.store = InlineMaildir.store(this.root, this.clock);
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(LoginResult.of(new Object(), () -> { },
                Object.class)));
        portal.registerChecker(new InMemoryCredentialsChecker().addUser("alice", "s3cret"));
        this.factory = new IMAPFactory(this.store, portal, this.clock)
                .settings(IMAPSettings.defaults().withAllowLoginWithoutTls(true));
        deliver("alice", MESSAGE);
        deliver("alice", "Subject: two\r\n\r\nsecond\r\n");
    }

    private void deliver(String user, String text) throws Exception {
        MessageWriter writer = this.store.newMessage(user);
        for (String line : text.split("\r\n")) {
            writer.lineReceived(line.getBytes(StandardCharsets.UTF_8));
        }
        writer.eomReceived();
    }

    private Client connect() {
        IPv4Address peer = new IPv4Address("TCP", "192.168.1.1", this.port++);
        Protocol protocol = this.factory.buildProtocol(peer);
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection(
                new IPv4Address("TCP", "10.0.0.1", 143), peer);
        transport.setProtocol(protocol);
        protocol.makeConnection(transport);
        Client client = new Client(protocol, transport);
        assertThat(client.take()).singleElement().asString().startsWith("* OK [CAPABILITY IMAP4rev1 ")
                .endsWith("localhost IMAP4rev1 server ready");
        return client;
    }

    private Client alice() {
        Client client = connect();
        assertThat(client.send("a LOGIN alice s3cret")).singleElement().asString().startsWith("a OK [CAPABILITY ");
        return client;
    }

    private Client selected() {
        Client client = alice();
        assertThat(client.send("s SELECT INBOX")).last().isEqualTo("s OK [READ-WRITE] SELECT completed");
        return client;
    }

    @Test
    void oneUserGetsAtMostMaxSessionsPerUserAndAClosedOneFreesItsPlace() {
        this.factory.settings(IMAPSettings.defaults().withAllowLoginWithoutTls(true).withMaxSessionsPerUser(2));
        Client first = alice();
        Client second = alice();
        Client third = connect();
        assertThat(third.send("a LOGIN alice s3cret")).containsExactly("a NO [LIMIT] Too many sessions for this user");
        assertThat(third.transport.isDisconnecting()).as("the client may try again").isFalse();
        assertThat(first.send("z LOGOUT")).last().isEqualTo("z OK LOGOUT completed");
        first.transport.loseConnection();
        assertThat(third.send("b LOGIN alice s3cret")).singleElement().asString().startsWith("b OK ");
        second.transport.loseConnection();
        assertThat(connect().send("c LOGIN alice s3cret")).singleElement().asString().startsWith("c OK ");
    }

    @Test
    void mailboxAndSessionCommandsAnswerAsRfc3501Says() {
        Client client = alice();
        assertThat(client.send("a CREATE Work.Old")).containsExactly("a OK CREATE completed");
        assertThat(client.send("b RENAME Work Projects")).containsExactly("b OK RENAME completed");
        assertThat(client.send("c LIST \"\" Projects*")).containsExactly(
                "* LIST (\\HasChildren \\Noselect) \".\" \"Projects\"",
                "* LIST (\\HasNoChildren) \".\" \"Projects.Old\"", "c OK LIST completed");
        assertThat(client.send("d DELETE Projects.Old")).containsExactly("d OK DELETE completed");
        assertThat(client.send("e DELETE INBOX")).singleElement().asString().startsWith("e NO ");
        assertThat(client.send("f NAMESPACE")).containsExactly("* NAMESPACE ((\"\" \".\")) NIL NIL",
                "f OK NAMESPACE completed");
        assertThat(client.send("g ID NIL")).hasSize(2).last().isEqualTo("g OK ID completed");
        assertThat(client.send("h ENABLE CONDSTORE")).containsExactly("* ENABLED", "h OK ENABLE completed");
        assertThat(client.send("i SELECT INBOX")).last().isEqualTo("i OK [READ-WRITE] SELECT completed");
        assertThat(client.send("j STORE 1 +FLAGS.SILENT (\\Deleted)")).containsExactly("j OK STORE completed");
        assertThat(client.send("k UNSELECT")).containsExactly("k OK UNSELECT completed");
        assertThat(client.send("l SELECT INBOX")).contains("* 2 EXISTS").as("UNSELECT expunged nothing");
        assertThat(client.send("m CLOSE")).containsExactly("m OK CLOSE completed").as("no EXPUNGE after CLOSE");
        assertThat(client.send("n SELECT INBOX")).contains("* 1 EXISTS").as("CLOSE expunged the deleted message");
        assertThat(client.send("o FETCH 1 FLAGS")).as("the message left, its \\Recent taken by the first SELECT")
                .containsExactly("* 1 FETCH (FLAGS ())", "o OK FETCH completed");
    }

    @Test
    void loginIsDisabledWithoutTlsByDefault() {
        this.factory.settings(IMAPSettings.defaults());
        Client client = connect();
        assertThat(client.send("a CAPABILITY")).first().asString().contains("LOGINDISABLED")
                .doesNotContain("AUTH=PLAIN");
        assertThat(client.send("b LOGIN alice s3cret"))
                .containsExactly("b NO [PRIVACYREQUIRED] Log in only after STARTTLS");
    }

    @Test
    void wrongPasswordFailsAndCommandsNeedALogin() {
        Client client = connect();
        assertThat(client.send("a LOGIN alice wrong")).containsExactly("a NO [AUTHENTICATIONFAILED] Authentication failed");
        assertThat(client.send("b SELECT INBOX")).containsExactly("b BAD Log in first");
    }

    @Test
    void authenticatePlainWithAndWithoutInitialResponse() {
        Client client = connect();
        String plain = java.util.Base64.getEncoder().encodeToString("\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(client.send("a AUTHENTICATE PLAIN")).containsExactly("+ ");
        assertThat(client.send(plain)).singleElement().asString().startsWith("a OK [CAPABILITY ");
        Client other = connect();
        assertThat(other.send("b AUTHENTICATE PLAIN " + plain)).singleElement().asString().startsWith("b OK ");
    }

    @Test
    void selectReportsTheFolder() {
        Client client = alice();
        List<String> lines = client.send("s SELECT INBOX");
        assertThat(lines).contains("* 2 EXISTS", "* 2 RECENT", "* OK [UNSEEN 1] First unseen",
                "* OK [UIDNEXT 3] Predicted next UID", "s OK [READ-WRITE] SELECT completed");
        assertThat(lines).anyMatch(l -> l.startsWith("* OK [UIDVALIDITY "));
        assertThat(lines).anyMatch(l -> l.startsWith("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft"));
        assertThat(client.send("e EXAMINE INBOX")).contains("* OK [PERMANENTFLAGS ()] Flags permitted",
                "e OK [READ-ONLY] EXAMINE completed");
    }

    @Test
    void fetchOfTheWholeMessageSetsSeenAndReportsIt() {
        Client client = selected();
        assertThat(client.sendRaw("f FETCH 1 (FLAGS RFC822.SIZE)\r\n")).isEqualTo(
                "* 1 FETCH (FLAGS (\\Recent) RFC822.SIZE " + MESSAGE.length() + ")\r\nf OK FETCH completed\r\n");
        assertThat(client.sendRaw("g FETCH 1 BODY.PEEK[]<6.3>\r\n")).isEqualTo(
                "* 1 FETCH (BODY[]<6> {3}\r\nbob)\r\ng OK FETCH completed\r\n");
        assertThat(client.sendRaw("h UID FETCH 1 BODY[]\r\n")).isEqualTo("* 1 FETCH (UID 1 BODY[] {" + MESSAGE.length()
                + "}\r\n" + MESSAGE + " FLAGS (\\Seen \\Recent))\r\nh OK FETCH completed\r\n");
        assertThat(client.send("i FETCH 1:* INTERNALDATE")).first().asString()
                .matches("\\* 1 FETCH \\(INTERNALDATE \"[ 0-9]\\d-[A-Z][a-z]{2}-\\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\"\\)");
        assertThat(client.send("j FETCH 1 ENVELOPE")).containsExactly("* 1 FETCH (ENVELOPE (NIL \"hi\" "
                + "((NIL NIL \"bob\" \"example.com\")) ((NIL NIL \"bob\" \"example.com\")) "
                + "((NIL NIL \"bob\" \"example.com\")) NIL NIL NIL NIL NIL))", "j OK FETCH completed");
        assertThat(client.sendRaw("l FETCH 2 (BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODYSTRUCTURE RFC822.TEXT)\r\n"))
                .isEqualTo("* 2 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {16}\r\nSubject: two\r\n\r\n "
                        + "BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 1 NIL NIL NIL NIL) "
                        + "RFC822.TEXT {8}\r\nsecond\r\n FLAGS (\\Seen \\Recent))\r\nl OK FETCH completed\r\n");
        assertThat(client.send("k FETCH 3 FLAGS")).singleElement().asString().startsWith("k BAD ");
    }

    @Test
    void storeCopyMoveExpungeAndSearch() {
        Client client = selected();
        assertThat(client.send("a STORE 1 +FLAGS (\\Deleted $Work)"))
                .containsExactly("* 1 FETCH (FLAGS (\\Deleted \\Recent $Work))", "a OK STORE completed");
        assertThat(client.send("b STORE 2 +FLAGS.SILENT (\\Flagged)")).containsExactly("b OK STORE completed");
        assertThat(client.send("c SEARCH DELETED")).containsExactly("* SEARCH 1", "c OK SEARCH completed");
        assertThat(client.send("c UID SEARCH OR FLAGGED KEYWORD $Work")).containsExactly("* SEARCH 1 2",
                "c OK SEARCH completed");
        assertThat(client.send("c SEARCH NOT SMALLER 10 UNFLAGGED")).containsExactly("* SEARCH 1", "c OK SEARCH completed");
        assertThat(client.send("c SEARCH SUBJECT hi")).containsExactly("* SEARCH 1", "c OK SEARCH completed");
        assertThat(client.send("c UID SEARCH NOT FROM bob BODY second")).containsExactly("* SEARCH 2",
                "c OK SEARCH completed");
        assertThat(client.send("d COPY 1:2 Archive")).singleElement().asString().startsWith("d NO [TRYCREATE] ");
        assertThat(client.send("e CREATE Archive")).containsExactly("e OK CREATE completed");
        assertThat(client.send("f COPY 1:2 Archive")).singleElement().asString().matches("f OK \\[COPYUID \\d+ 1:2 1:2\\] COPY completed");
        assertThat(client.send("g EXPUNGE")).containsExactly("* 1 EXPUNGE", "g OK EXPUNGE completed");
        List<String> moved = client.send("h UID MOVE 2 Archive");
        assertThat(moved).hasSize(3);
        assertThat(moved.get(0)).matches("\\* OK \\[COPYUID \\d+ 2 3\\] Moved");
        assertThat(moved.subList(1, 3)).containsExactly("* 1 EXPUNGE", "h OK MOVE completed");
        assertThat(client.send("i STATUS Archive (MESSAGES UIDNEXT UNSEEN)"))
                .containsExactly("* STATUS \"Archive\" (MESSAGES 3 UIDNEXT 4 UNSEEN 3)", "i OK STATUS completed");
    }

    @Test
    void listPatternsAndTheDelimiterQuery() {
        Client client = alice();
        client.send("a CREATE Archive.2024");
        client.send("a CREATE Sent");
        assertThat(client.send("b LIST \"\" \"\"")).containsExactly("* LIST (\\Noselect) \".\" \"\"", "b OK LIST completed");
        assertThat(client.send("c LIST \"\" %")).containsExactly("* LIST (\\HasChildren \\Noselect) \".\" \"Archive\"",
                "* LIST (\\HasNoChildren) \".\" \"INBOX\"", "* LIST (\\HasNoChildren \\Sent) \".\" \"Sent\"",
                "c OK LIST completed");
        assertThat(client.send("d LIST Archive. *")).containsExactly("* LIST (\\HasNoChildren) \".\" \"Archive.2024\"",
                "d OK LIST completed");
        client.send("e SUBSCRIBE Sent");
        assertThat(client.send("f LSUB \"\" *")).containsExactly("* LSUB () \".\" \"Sent\"", "f OK LSUB completed");
    }

    @Test
    void appendTakesTheLiteralSplitAtEveryByte() {
        String command = "a APPEND INBOX (\\Seen) {" + MESSAGE.length() + "}\r\n" + MESSAGE + "\r\n";
        for (int cut = 1; cut < command.length(); cut++) {
            Client client = alice();
            byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
            client.feed(Arrays.copyOf(bytes, cut));
            client.feed(Arrays.copyOfRange(bytes, cut, bytes.length));
            List<String> lines = client.take();
            assertThat(lines).as("cut at %d", cut).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("+ Ready for literal data");
            assertThat(lines.get(1)).matches("a OK \\[APPENDUID \\d+ " + (3 + cut - 1) + "\\] APPEND completed");
            client.transport.loseConnection();
        }
        Client client = alice();
        client.send("s EXAMINE INBOX");
        assertThat(client.send("f FETCH 3 (FLAGS BODY.PEEK[])")).first().asString()
                .isEqualTo("* 3 FETCH (FLAGS (\\Seen) BODY[] {" + MESSAGE.length() + "}");
        assertThat(client.send("g APPEND Nowhere {1+}\r\nx")).singleElement().asString().startsWith("g NO [TRYCREATE]");
    }

    @Test
    void anExpungeInOneSessionReachesTheOtherOnlyWhenAllowed() {
        Client one = selected();
        Client two = selected();
        one.send("a STORE 1 +FLAGS.SILENT (\\Deleted)");
        assertThat(one.send("b EXPUNGE")).containsExactly("* 1 EXPUNGE", "b OK EXPUNGE completed");
        // the other session's flag change is told at once; its expunge is held during FETCH and SEARCH
        assertThat(two.send("c FETCH 2 FLAGS")).containsExactly("* 2 FETCH (FLAGS ())",
                "* 1 FETCH (FLAGS (\\Deleted))", "c OK FETCH completed");
        assertThat(two.send("d SEARCH ALL")).containsExactly("* SEARCH 1 2", "d OK SEARCH completed");
        assertThat(two.send("e NOOP")).containsExactly("* 1 EXPUNGE", "e OK NOOP completed");
        assertThat(two.send("f FETCH 1 UID")).containsExactly("* 1 FETCH (UID 2)", "f OK FETCH completed");
    }

    @Test
    void idleIsWokenByADelivery() throws Exception {
        Client client = selected();
        assertThat(client.send("i IDLE")).containsExactly("+ idling");
        deliver("alice", "Subject: three\r\n\r\nthird\r\n");
        assertThat(client.take()).containsExactly("* 3 EXISTS", "* 3 RECENT");
        assertThat(client.send("DONE")).containsExactly("i OK IDLE terminated");
        assertThat(client.send("n NOOP")).containsExactly("n OK NOOP completed");
    }

    @Test
    void logoutSaysByeAndBadCommandsAreCounted() {
        this.factory.settings(IMAPSettings.defaults().withAllowLoginWithoutTls(true).withMaxBadCommands(1));
        Client client = connect();
        assertThat(client.send("a FOO")).singleElement().asString().startsWith("a BAD ");
        assertThat(client.send("b FOO")).containsExactly("* BYE Too many invalid commands");
        assertThat(client.transport.isDisconnecting()).isTrue();
        Client other = connect();
        assertThat(other.send("z LOGOUT")).containsExactly("* BYE localhost IMAP4rev1 server logging out",
                "z OK LOGOUT completed");
    }

    @Test
    void idleConnectionsGetByeAfterThirtyMinutes() {
        Client client = alice();
        this.clock.advance(java.time.Duration.ofMinutes(29));
        assertThat(client.take()).isEmpty();
        this.clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(client.take()).containsExactly("* BYE Autologout; idle for too long");
        assertThat(client.transport.isDisconnecting()).isTrue();
    }

    /** One connection: feeds bytes, one at a time when asked, and collects the lines written. */
    private static final class Client {

        final Protocol protocol;

        final StringTransportWithDisconnection transport;

        Client(Protocol protocol, StringTransportWithDisconnection transport) {
            this.protocol = protocol;
            this.transport = transport;
        }

        void feed(byte[] bytes) {
            this.protocol.dataReceived(bytes);
        }

        List<String> send(String line) {
            for (byte b : (line + "\r\n").getBytes(StandardCharsets.UTF_8)) {
                feed(new byte[] { b });
            }
            return take();
        }

        String sendRaw(String text) {
            feed(text.getBytes(StandardCharsets.UTF_8));
            String out = this.transport.valueAsString();
            this.transport.clear();
            return out;
        }

        List<String> take() {
            String out = this.transport.valueAsString();
            this.transport.clear();
            List<String> lines = new ArrayList<>(Arrays.asList(out.split("\r\n", -1)));
            lines.remove(lines.size() - 1);
            return lines;
        }
    }
}
