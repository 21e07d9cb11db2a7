package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import twisted.mail.imap.IMAPCommand.StatusItem;
import twisted.mail.imap.IMAPCommand.StoreMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IMAPParserTests {

    private final IMAPParser parser = new IMAPParser();

    /** Parses what the framing makes of {@code stream} (one command, CR LF added). */
    static IMAPCommand parse(String stream) throws IMAPParseException {
        return new IMAPParser().parse(raw(stream));
    }

    static RawCommand raw(String stream) {
        FramingHost host = FramingHost.feed(IMAPFraming.Limits.defaults(), (stream + "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(host.commands).as("commands framed from %s", stream).hasSize(1);
        return host.commands.get(0);
    }

    static IMAPParseException bad(String stream) {
        try {
            IMAPCommand command = parse(stream);
            throw new AssertionError("parsed " + stream + " as " + command);
        }
        catch (IMAPParseException ex) {
            return ex;
        }
    }

    @Test
    void commandsWithoutArguments() throws Exception {
        assertThat(parse("a CAPABILITY")).isEqualTo(new IMAPCommand.Capability("a"));
        assertThat(parse("a noop")).isEqualTo(new IMAPCommand.Noop("a"));
        assertThat(parse("a Logout")).isEqualTo(new IMAPCommand.Logout("a"));
        assertThat(parse("a STARTTLS")).isEqualTo(new IMAPCommand.StartTls("a"));
        assertThat(parse("a CHECK")).isEqualTo(new IMAPCommand.Check("a"));
        assertThat(parse("a CLOSE")).isEqualTo(new IMAPCommand.Close("a"));
        assertThat(parse("a UNSELECT")).isEqualTo(new IMAPCommand.Unselect("a"));
        assertThat(parse("a EXPUNGE")).isEqualTo(new IMAPCommand.Expunge("a", null));
        assertThat(parse("a IDLE")).isEqualTo(new IMAPCommand.Idle("a"));
        assertThat(parse("a NAMESPACE")).isEqualTo(new IMAPCommand.Namespace("a"));
        assertThat(bad("a NOOP now").reason()).isEqualTo("Error in IMAP command NOOP: Unexpected extra arguments");
        assertThat(bad("a NOOP ").reason()).isEqualTo("Error in IMAP command NOOP: Unexpected extra arguments");
    }

    @Test
    void tagsFollowTheGrammar() throws Exception {
        assertThat(parse("A.1-x]~ NOOP").tag()).isEqualTo("A.1-x]~");
        for (String line : new String[] {"+a NOOP", "a+b NOOP", "(a) NOOP", "a{1} NOOP", "\"a\" NOOP", "a*b NOOP",
            "a%b NOOP", "a\\b NOOP", " NOOP", "\u00e9 NOOP"}) {
            IMAPParseException ex = bad(line);
            assertThat(ex.tag()).as(line).isNull();
            assertThat(ex.reason()).isEqualTo("Missing or invalid tag");
        }
        assertThat(bad("").tag()).isNull();
        assertThat(bad("").reason()).isEqualTo("Empty command line");
        IMAPParseException noCommand = bad("a1");
        assertThat(noCommand.tag()).isEqualTo("a1");
        assertThat(noCommand.reason()).isEqualTo("Missing command");
        assertThat(bad("a1  NOOP").tag()).isEqualTo("a1");
    }

    @Test
    void unknownCommandsAreNamedNeither() {
        IMAPParseException ex = bad("a1 XYZZY secret");
        assertThat(ex.tag()).isEqualTo("a1");
        assertThat(ex.reason()).isEqualTo("Unknown command");
        assertThat(bad("a1 UID NOOP").reason()).isEqualTo("Error in IMAP command UID: Unknown UID command");
    }

    @Test
    void loginTakesAtomsQuotedStringsAndLiterals() throws Exception {
        assertThat(parse("a LOGIN alice s3cret")).isEqualTo(new IMAPCommand.Login("a", "alice", "s3cret"));
        assertThat(parse("a LOGIN \"al ice\" \"s\\\"3\\\\c\"")).isEqualTo(new IMAPCommand.Login("a", "al ice", "s\"3\\c"));
        assertThat(parse("a LOGIN {5+}\r\nalice {9+}\r\npass word")).isEqualTo(new IMAPCommand.Login("a", "alice", "pass word"));
        assertThat(parse("a LOGIN \"\" \"\"")).isEqualTo(new IMAPCommand.Login("a", "", ""));
        assertThat(parse("a LOGIN alice s3cret").toString()).doesNotContain("s3cret");
        assertThat(bad("a LOGIN alice").reason()).endsWith("Missing argument");
        assertThat(bad("a LOGIN alice s3cret extra").reason()).endsWith("Unexpected extra arguments");
        assertThat(bad("a LOGIN \"alice s3cret").reason()).endsWith("Unterminated quoted string").doesNotContain("s3cret");
        assertThat(bad("a LOGIN \"a\\lice\" x").reason()).endsWith("Invalid escape in quoted string");
        assertThat(bad("a LOGIN (alice) x").reason()).endsWith("Expected a string");
        assertThat(bad("a LOGIN {3+}\r\na\u0000b x").reason()).endsWith("NUL in a literal");
        assertThat(bad("a LOGIN alice{3+}\r\nabc").reason()).endsWith("Expected a space between arguments");
    }

    @Test
    void authenticateTakesAnOptionalInitialResponse() throws Exception {
        IMAPCommand.Authenticate plain = (IMAPCommand.Authenticate) parse("a AUTHENTICATE plain AGFsaWNlAHNlY3JldA==");
        assertThat(plain.mechanism()).isEqualTo("PLAIN");
        assertThat(new String(plain.initialResponse(), StandardCharsets.US_ASCII)).isEqualTo("\u0000alice\u0000secret");
        assertThat(plain.toString()).doesNotContain("AGFsaWNl").doesNotContain("secret");
        assertThat(((IMAPCommand.Authenticate) parse("a AUTHENTICATE PLAIN =")).initialResponse()).isEmpty();
        assertThat(((IMAPCommand.Authenticate) parse("a AUTHENTICATE PLAIN")).initialResponse()).isNull();
        assertThat(bad("a AUTHENTICATE PLAIN AGFsaWN").reason()).endsWith("Invalid base64 in initial response");
        assertThat(bad("a AUTHENTICATE PLAIN ====").reason()).endsWith("Invalid base64 in initial response");
        assertThat(bad("a AUTHENTICATE").reason()).endsWith("Missing argument");
    }

    @Test
    void mailboxCommandsDecodeNamesAndInboxIsCaseInsensitive() throws Exception {
        assertThat(parse("a SELECT inbox")).isEqualTo(new IMAPCommand.Select("a", "INBOX", false));
        assertThat(parse("a EXAMINE \"InBoX\"")).isEqualTo(new IMAPCommand.Select("a", "INBOX", true));
        assertThat(parse("a SELECT INBOX.sub")).isEqualTo(new IMAPCommand.Select("a", "INBOX.sub", false));
        assertThat(parse("a CREATE Entw&APw-rfe")).isEqualTo(new IMAPCommand.Create("a", "Entw\u00fcrfe"));
        assertThat(parse("a DELETE {6+}\r\nfoo]ba")).isEqualTo(new IMAPCommand.Delete("a", "foo]ba"));
        assertThat(parse("a RENAME INBOX Old")).isEqualTo(new IMAPCommand.Rename("a", "INBOX", "Old"));
        assertThat(parse("a SUBSCRIBE Lists")).isEqualTo(new IMAPCommand.Subscribe("a", "Lists", true));
        assertThat(parse("a UNSUBSCRIBE Lists")).isEqualTo(new IMAPCommand.Subscribe("a", "Lists", false));
        assertThat(bad("a SELECT \"Entw\u00fcrfe\"").reason()).endsWith("Mailbox name holds a character that is not printable ASCII");
        assertThat(bad("a SELECT Entw\u00fcrfe").reason()).endsWith("Unexpected 8-bit character");
        assertThat(bad("a CREATE &AGE-").reason()).endsWith("Mailbox name encodes printable ASCII in an & shift");
        assertThat(bad("a SELECT").reason()).isEqualTo("Error in IMAP command SELECT: Missing argument");
        assertThat(bad("a SELECT INBOX (CONDSTORE)").reason()).endsWith("Unexpected extra arguments");
        assertThat(bad("a RENAME INBOX").reason()).endsWith("Missing argument");
    }

    @Test
    void listAndLsubKeepPatternsAndTheirCase() throws Exception {
        assertThat(parse("a LIST \"\" *")).isEqualTo(new IMAPCommand.ListMailboxes("a", "", "*", false));
        assertThat(parse("a LIST \"\" %")).isEqualTo(new IMAPCommand.ListMailboxes("a", "", "%", false));
        assertThat(parse("a LIST ~/Mail/ inbox*")).isEqualTo(new IMAPCommand.ListMailboxes("a", "~/Mail/", "inbox*", false));
        assertThat(parse("a LSUB \"#news.\" \"comp.%\"")).isEqualTo(new IMAPCommand.ListMailboxes("a", "#news.", "comp.%", true));
        assertThat(parse("a LIST \"\" &APw-*")).isEqualTo(new IMAPCommand.ListMailboxes("a", "", "\u00fc*", false));
        assertThat(bad("a LIST \"\"").reason()).endsWith("Missing argument");
        assertThat(bad("a LIST (SUBSCRIBED) \"\" *").reason()).endsWith("Expected a string");
    }

    @Test
    void statusTakesAListOfItems() throws Exception {
        assertThat(parse("a STATUS INBOX (messages UIDNEXT uidvalidity UNSEEN RECENT messages)")).isEqualTo(
                new IMAPCommand.Status("a", "INBOX", List.of(StatusItem.MESSAGES, StatusItem.UIDNEXT,
                        StatusItem.UIDVALIDITY, StatusItem.UNSEEN, StatusItem.RECENT)));
        assertThat(bad("a STATUS INBOX ()").reason()).endsWith("Empty list");
        assertThat(bad("a STATUS INBOX (SIZE)").reason()).endsWith("Unknown STATUS item");
        assertThat(bad("a STATUS INBOX MESSAGES").reason()).endsWith("Expected a parenthesised list");
        assertThat(bad("a STATUS INBOX (MESSAGES").reason()).endsWith("Expected ')' closing the list");
    }

    @Test
    void appendTakesOptionalFlagsAndDateAndALiteral() throws Exception {
        IMAPCommand.Append plain = (IMAPCommand.Append) parse("a APPEND Drafts {5+}\r\nHello");
        assertThat(plain.mailbox()).isEqualTo("Drafts");
        assertThat(plain.flags()).isEmpty();
        assertThat(plain.internalDate()).isNull();
        assertThat(plain.message()).asString().isEqualTo("Hello");

        IMAPCommand.Append full = (IMAPCommand.Append) parse(
                "a APPEND inbox (\\seen \\DRAFT $Forwarded \\Seen) \" 7-Feb-1994 21:52:25 -0800\" {4+}\r\nx\r\ny");
        assertThat(full.mailbox()).isEqualTo("INBOX");
        assertThat(full.flags()).containsExactly("\\Seen", "\\Draft", "$Forwarded");
        assertThat(full.internalDate()).isEqualTo(OffsetDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)));
        assertThat(full.message()).asString().isEqualTo("x\r\ny");
        assertThat(full.toString()).contains("4 bytes").doesNotContain("x\r\ny");

        IMAPCommand.Append dated = (IMAPCommand.Append) parse("a APPEND x () \"17-Jul-1996 02:44:25 +0530\" {0+}\r\n");
        assertThat(dated.internalDate()).isEqualTo(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        assertThat(dated.message()).isEmpty();

        assertThat(bad("a APPEND x \"Hello\" {1+}\r\nx").reason()).endsWith("Invalid date-time");
        assertThat(bad("a APPEND x 7-Feb-1994 {1+}\r\nx").reason()).endsWith("Expected the message as a literal");
        assertThat(bad("a APPEND x Hello").reason()).endsWith("Expected the message as a literal");
        assertThat(bad("a APPEND x (\\Recent) {1+}\r\nx").reason()).endsWith("\\Recent cannot be set");
        assertThat(bad("a APPEND x (\\Flag) {1+}\r\nx").reason()).endsWith("Unknown system flag");
        assertThat(bad("a APPEND x \"31-Feb-1994 21:52:25 -0800\" {1+}\r\nx").reason()).endsWith("Invalid date");
        assertThat(bad("a APPEND x \"7-Feb-1994 21:52:25 -0800\" {1+}\r\nx").reason()).endsWith("Invalid date-time");
        assertThat(bad("a APPEND x \"07-Feb-1994 25:52:25 -0800\" {1+}\r\nx").reason()).endsWith("Invalid date-time");
        assertThat(bad("a APPEND x \"07-Foo-1994 21:52:25 -0800\" {1+}\r\nx").reason()).endsWith("Invalid month in date");
        assertThat(bad("a APPEND x \"07-Feb-1994 21:52:25 *0800\" {1+}\r\nx").reason()).endsWith("Invalid zone in date-time");
        assertThat(bad("a APPEND x {1+}\r\nx extra").reason()).endsWith("Unexpected extra arguments");
    }

    @Test
    void storeTakesTheModeSilenceAndFlagsWithOrWithoutParentheses() throws Exception {
        assertThat(parse("a STORE 1:3 +FLAGS (\\Deleted)")).isEqualTo(new IMAPCommand.Store("a", false,
                SequenceSet.parse("1:3"), StoreMode.ADD, false, List.of("\\Deleted")));
        assertThat(parse("a STORE * -flags.silent \\seen foo")).isEqualTo(new IMAPCommand.Store("a", false,
                SequenceSet.parse("*"), StoreMode.REMOVE, true, List.of("\\Seen", "foo")));
        assertThat(parse("a UID STORE 4:2 FLAGS ()")).isEqualTo(new IMAPCommand.Store("a", true,
                SequenceSet.parse("4:2"), StoreMode.REPLACE, false, List.of()));
        assertThat(parse("a STORE 1 FLAGS.SILENT (Junk junk)")).isEqualTo(new IMAPCommand.Store("a", false,
                SequenceSet.parse("1"), StoreMode.REPLACE, true, List.of("Junk")));
        assertThat(bad("a STORE 1 +FLAGS (\\Recent)").reason()).endsWith("\\Recent cannot be set");
        assertThat(bad("a STORE 1 +FLAGS (\\*)").reason()).endsWith("\\* is not a flag");
        assertThat(bad("a STORE 1 *FLAGS (\\Seen)").reason()).endsWith("Expected FLAGS");
        assertThat(bad("a STORE 1 +FLAGS.LOUD (\\Seen)").reason()).endsWith("Expected FLAGS, +FLAGS or -FLAGS");
        assertThat(bad("a STORE 1 ++FLAGS (\\Seen)").reason()).endsWith("Expected FLAGS, +FLAGS or -FLAGS");
        assertThat(bad("a STORE 1 FLAGS").reason()).endsWith("Missing argument");
        assertThat(bad("a STORE 0 FLAGS x").reason()).endsWith("Sequence number 0 is not allowed");
        assertThat(bad("a STORE 1 FLAGS (a b").reason()).endsWith("Expected ')' closing the list");
    }

    @Test
    void copyAndMoveAndTheirUidForms() throws Exception {
        assertThat(parse("a COPY 1:* Archive")).isEqualTo(new IMAPCommand.Copy("a", false, SequenceSet.parse("1:*"), "Archive", false));
        assertThat(parse("a MOVE 2 Trash")).isEqualTo(new IMAPCommand.Copy("a", false, SequenceSet.parse("2"), "Trash", true));
        assertThat(parse("a uid copy 5:7 inbox")).isEqualTo(new IMAPCommand.Copy("a", true, SequenceSet.parse("5:7"), "INBOX", false));
        assertThat(parse("a UID MOVE 9 \"Junk Mail\"")).isEqualTo(new IMAPCommand.Copy("a", true, SequenceSet.parse("9"), "Junk Mail", true));
        assertThat(bad("a COPY Archive").reason()).endsWith("Expected a sequence set");
        assertThat(bad("a COPY 1 ").reason()).endsWith("Expected a string");
    }

    @Test
    void uidExpungeTakesASet() throws Exception {
        assertThat(parse("a UID EXPUNGE 3:5,9")).isEqualTo(new IMAPCommand.Expunge("a", SequenceSet.parse("3:5,9")));
        assertThat(bad("a UID EXPUNGE").reason()).endsWith("Missing argument");
        assertThat(bad("a EXPUNGE 3").reason()).endsWith("Unexpected extra arguments");
    }

    @Test
    void fetchAndUidFetch() throws Exception {
        assertThat(parse("a FETCH 1:2 (FLAGS UID)")).isEqualTo(new IMAPCommand.Fetch("a", false, SequenceSet.parse("1:2"),
                List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.UID)));
        assertThat(parse("a UID FETCH 1:* FAST")).isEqualTo(new IMAPCommand.Fetch("a", true, SequenceSet.parse("1:*"),
                List.of(FetchItem.Simple.FLAGS, FetchItem.Simple.INTERNALDATE, FetchItem.Simple.RFC822_SIZE)));
        assertThat(bad("a FETCH 1").reason()).endsWith("Missing argument");
        assertThat(bad("a FETCH 1:2:3 FLAGS").reason()).endsWith("Invalid sequence set");
    }

    @Test
    void searchAndUidSearch() throws Exception {
        assertThat(parse("a SEARCH ALL")).isEqualTo(new IMAPCommand.Search("a", false, null, new SearchKey.All()));
        assertThat(parse("a UID SEARCH CHARSET utf-8 SUBJECT \"caf\u00e9\"")).isEqualTo(new IMAPCommand.Search("a", true,
                "UTF-8", new SearchKey.Header("SUBJECT", "caf\u00e9")));
        assertThat(parse("a SEARCH charset \"US-ASCII\" 1:3")).isEqualTo(new IMAPCommand.Search("a", false,
                "US-ASCII", new SearchKey.SequenceNumbers(SequenceSet.parse("1:3"))));
        assertThat(bad("a SEARCH").reason()).endsWith("Missing argument");
        assertThat(bad("a SEARCH ").reason()).endsWith("Expected an atom");
        assertThat(bad("a SEARCH CHARSET UTF-8").reason()).endsWith("Missing argument");
        assertThat(bad("a SEARCH SUBJECT caf\u00e9").reason()).endsWith("Unexpected 8-bit character");
    }

    @Test
    void anUnsupportedSearchCharsetIsItsOwnError() {
        IMAPParseException ex = bad("a17 SEARCH CHARSET ISO-8859-1 SUBJECT x");
        assertThat(ex).isInstanceOf(BadCharsetException.class);
        assertThat(ex.tag()).isEqualTo("a17");
        assertThat(((BadCharsetException) ex).responseCode()).isEqualTo("[BADCHARSET (US-ASCII UTF-8)]");
        assertThat(((BadCharsetException) ex).supported()).containsExactly("US-ASCII", "UTF-8");
    }

    @Test
    void idTakesNilOrPairs() throws Exception {
        assertThat(parse("a ID NIL")).isEqualTo(new IMAPCommand.Id("a", null));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("name", "Thunderbird");
        expected.put("version", null);
        assertThat(parse("a ID (\"name\" \"Thunderbird\" \"version\" NIL)")).isEqualTo(new IMAPCommand.Id("a", expected));
        assertThat(((IMAPCommand.Id) parse("a ID ()")).parameters()).isEmpty();
        assertThat(bad("a ID (\"name\" \"x\" \"NAME\" \"y\")").reason()).endsWith("ID field repeated");
        assertThat(bad("a ID (name \"x\")").reason()).endsWith("Expected a string");
        assertThat(bad("a ID (\"name\")").reason()).endsWith("Expected a space between arguments");
        assertThat(bad("a ID (\"" + "f".repeat(31) + "\" NIL)").reason()).endsWith("ID field or value too long");
        StringBuilder many = new StringBuilder("a ID (");
        for (int i = 0; i < 31; i++) {
            many.append(i > 0 ? " " : "").append("\"f").append(i).append("\" NIL");
        }
        assertThat(bad(many + ")").reason()).endsWith("Too many ID fields");
        assertThat(bad("a ID").reason()).endsWith("Missing argument");
        assertThat(bad("a ID nothing").reason()).endsWith("Expected a parameter list or NIL");
    }

    @Test
    void enableTakesCapabilities() throws Exception {
        assertThat(parse("a ENABLE condstore UTF8=ACCEPT")).isEqualTo(new IMAPCommand.Enable("a", List.of("CONDSTORE", "UTF8=ACCEPT")));
        assertThat(bad("a ENABLE").reason()).endsWith("Missing argument");
        assertThat(bad("a ENABLE x ").reason()).endsWith("Expected an atom");
    }

    @Test
    void theParserIsStatelessAndSharesWell() throws Exception {
        assertThat(this.parser.parse(RawCommand.of("x NOOP"))).isEqualTo(new IMAPCommand.Noop("x"));
        assertThat(this.parser.parse(RawCommand.of("y NOOP"))).isEqualTo(new IMAPCommand.Noop("y"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new IMAPParser(0));
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new RawCommand(List.of(new byte[0]), List.of(new byte[0])));
        assertThat(RawCommand.of("a1 LOGIN alice s3cret")).hasToString("RawCommand[a1, 21 bytes, 0 literals]");
    }
}
