package twisted.mail.imap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

import twisted.defer.Deferred;
import twisted.defer.DeferredTimeoutException;
import twisted.internet.TlsOptions;
import twisted.internet.error.ConnectionLostException;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

/**
 * {@link IMAP4Client} on a {@link StringTransportWithDisconnection} and a {@link Clock}: each
 * command's wire form, responses fed whole, split at every byte and one byte at a time (literals
 * included), NO/BAD, the limits, the timeout and a lost connection.
 */
class IMAP4ClientTests {

    private static final String GREETING = "* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n";

    private static final String BODY = "Subject: hi\r\n\r\nline {3}\r\n)(\"\r\n";

    private static final String FETCH_RESPONSE = "* 1 FETCH (UID 7 FLAGS (\\Seen $Junk) RFC822.SIZE "
            + BODY.length() + " ENVELOPE (\"Mon, 7 Feb 1994 21:52:25 -0800\" {5}\r\nhe(l)"
            + " ((\"Bob B\" NIL \"bob\" \"example.com\")) NIL NIL ((NIL NIL \"alice\" \"example.org\")) NIL NIL NIL"
            + " \"<1@example.com>\") BODY[] {" + BODY.length() + "}\r\n" + BODY + ")\r\nA0001 OK done\r\n";

    private final Clock clock = new Clock();

    private StringTransportWithDisconnection transport = new StringTransportWithDisconnection();

    private IMAP4Client client = connect(IMAPClientOptions.defaults());

    private IMAP4Client connect(IMAPClientOptions options) {
        IMAP4Client imap = new IMAP4Client(this.clock, options);
        this.transport = new StringTransportWithDisconnection();
        this.transport.setProtocol(imap);
        imap.makeConnection(this.transport);
        return imap;
    }

    private void receive(String text) {
        this.client.dataReceived(text.getBytes(StandardCharsets.UTF_8));
    }

    private void receiveByteByByte(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            this.client.dataReceived(new byte[] { b });
        }
    }

    private String sent() {
        String text = this.transport.valueAsString();
        this.transport.clear();
        return text;
    }

    private void greeted() {
        receive(GREETING);
        assertThat(successResultOf(this.client.serverGreeting())).isEqualTo("ready");
    }

    private static void checkFetch(SortedMap<Long, Map<String, Object>> messages) {
        Map<String, Object> one = messages.get(1L);
        assertThat(one.get("UID")).isEqualTo(7L);
        assertThat(one.get("FLAGS")).isEqualTo(Set.of("\\Seen", "$Junk"));
        assertThat(one.get("RFC822.SIZE")).isEqualTo((long) BODY.length());
        assertThat((byte[]) one.get("BODY[]")).isEqualTo(BODY.getBytes(StandardCharsets.UTF_8));
        Envelope envelope = (Envelope) one.get("ENVELOPE");
        assertThat(envelope.subject()).isEqualTo("he(l)");
        assertThat(envelope.from()).containsExactly(new Address("Bob B", "bob", "example.com"));
        assertThat(envelope.to()).containsExactly(new Address(null, "alice", "example.org"));
        assertThat(envelope.cc()).isEmpty();
        assertThat(envelope.messageId()).isEqualTo("<1@example.com>");
    }

    @Test
    void fetchWithLiteralsWholeAndOneByteAtATime() {
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> whole = this.client.fetch("1", "(UID FLAGS ENVELOPE BODY.PEEK[])");
        assertThat(sent()).isEqualTo("A0001 FETCH 1 (UID FLAGS ENVELOPE BODY.PEEK[])\r\n");
        receive(FETCH_RESPONSE);
        checkFetch(successResultOf(whole));

        this.client = connect(IMAPClientOptions.defaults());
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> bytes = this.client.fetch("1", "ALL");
        receiveByteByByte(FETCH_RESPONSE);
        checkFetch(successResultOf(bytes));
    }

    @Test
    void fetchSplitAtEveryByte() {
        for (int cut = 1; cut < FETCH_RESPONSE.length(); cut++) {
            this.client = connect(IMAPClientOptions.defaults());
            greeted();
            Deferred<SortedMap<Long, Map<String, Object>>> result = this.client.fetch("1", "ALL");
            receive(FETCH_RESPONSE.substring(0, cut));
            receive(FETCH_RESPONSE.substring(cut));
            checkFetch(successResultOf(result));
        }
    }

    @Test
    void commandsAreQueuedUntilTheGreetingThenSentOneAtATimeWithIncreasingTags() {
        Deferred<Void> noop = this.client.noop();
        Deferred<List<Long>> search = this.client.search("UNSEEN FROM \"bob\"");
        assertThat(sent()).isEmpty();
        greeted();
        assertThat(sent()).isEqualTo("A0001 NOOP\r\n");
        receive("A0001 OK NOOP done\r\n");
        successResultOf(noop);
        assertThat(sent()).isEqualTo("A0002 SEARCH UNSEEN FROM \"bob\"\r\n");
        receive("* SEARCH 2 3 10\r\nA0002 OK done\r\n");
        assertThat(successResultOf(search)).containsExactly(2L, 3L, 10L);
    }

    @Test
    void noFailsTheCommandWithItsCodeAndTheSessionGoesOn() {
        greeted();
        Deferred<SelectedMailbox> select = this.client.select("Nope");
        Deferred<Void> noop = this.client.noop();
        assertThat(sent()).isEqualTo("A0001 SELECT \"Nope\"\r\n");
        receive("A0001 NO [NONEXISTENT] Mailbox doesn't exist: Nope\r\n");
        IMAP4Exception no = (IMAP4Exception) failureResultOf(select, IMAP4Exception.class).value();
        assertThat(no.status()).isEqualTo("NO");
        assertThat(no.responseCode()).isEqualTo("NONEXISTENT");
        assertThat(no.text()).isEqualTo("Mailbox doesn't exist: Nope");
        assertThat(sent()).isEqualTo("A0002 NOOP\r\n");
        receive("A0002 BAD what\r\n");
        assertThat(((IMAP4Exception) failureResultOf(noop, IMAP4Exception.class).value()).status()).isEqualTo("BAD");
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void selectReadsCountsCodesAndFlags() {
        greeted();
        Deferred<SelectedMailbox> select = this.client.examine("Entw\u00fcrfe");
        assertThat(sent()).isEqualTo("A0001 EXAMINE \"Entw&APw-rfe\"\r\n");
        receive("* FLAGS (\\Answered \\Seen)\r\n* OK [PERMANENTFLAGS ()] none\r\n* 4 EXISTS\r\n* 1 RECENT\r\n"
                + "* OK [UIDVALIDITY 1700] ok\r\n* OK [UIDNEXT 9] next\r\nA0001 OK [READ-ONLY] done\r\n");
        assertThat(successResultOf(select))
                .isEqualTo(new SelectedMailbox(4, 1, 1700, 9, Set.of("\\Answered", "\\Seen"), Set.of(), true));
    }

    @Test
    void listDecodesModifiedUtf7AndStatusReadsItsItems() {
        greeted();
        Deferred<List<ListEntry>> list = this.client.list("", "*");
        assertThat(sent()).isEqualTo("A0001 LIST \"\" \"*\"\r\n");
        receive("* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \\Drafts) \"/\" \"Entw&APw-rfe\"\r\n"
                + "* LIST (\\Noselect) NIL {3}\r\na b\r\nA0001 OK done\r\n");
        assertThat(successResultOf(list)).containsExactly(new ListEntry(Set.of("\\HasNoChildren"), "/", "INBOX"),
                new ListEntry(Set.of("\\HasNoChildren", "\\Drafts"), "/", "Entw\u00fcrfe"),
                new ListEntry(Set.of("\\Noselect"), null, "a b"));
        Deferred<Map<String, Long>> status = this.client.status("INBOX", "MESSAGES", "UIDNEXT");
        assertThat(sent()).isEqualTo("A0002 STATUS \"INBOX\" (MESSAGES UIDNEXT)\r\n");
        receive("* STATUS INBOX (MESSAGES 2 UIDNEXT 5)\r\nA0002 OK done\r\n");
        assertThat(successResultOf(status)).containsExactly(Map.entry("MESSAGES", 2L), Map.entry("UIDNEXT", 5L));
    }

    @Test
    void loginIsRefusedWithoutTlsAndNothingIsSent() {
        greeted();
        Deferred<Void> login = this.client.login("alice", "s3cret".toCharArray());
        failureResultOf(login, InsecureLoginException.class);
        assertThat(sent()).isEmpty();
    }

    @Test
    void loginQuotesOrSendsTheSecretAsALiteral() {
        this.client = connect(IMAPClientOptions.defaults().withAllowInsecureLogin(true));
        greeted();
        Deferred<Void> quoted = this.client.login("alice", "se\"cr\\et".toCharArray());
        assertThat(sent()).isEqualTo("A0001 LOGIN \"alice\" \"se\\\"cr\\\\et\"\r\n");
        receive("A0001 OK [CAPABILITY IMAP4rev1 IDLE] Logged in\r\n");
        successResultOf(quoted);
        assertThat(successResultOf(this.client.capabilities())).containsExactly("IMAP4rev1".toUpperCase(), "IDLE");
        Deferred<Void> literal = this.client.login("bob", "tab\there".toCharArray());
        assertThat(sent()).isEqualTo("A0002 LOGIN \"bob\" {8}\r\n");
        receive("+ go ahead\r\n");
        assertThat(sent()).isEqualTo("tab\there\r\n");
        receive("A0002 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n");
        IMAP4Exception no = (IMAP4Exception) failureResultOf(literal, IMAP4Exception.class).value();
        assertThat(no.getMessage()).doesNotContain("tab");
    }

    @Test
    void authenticatePlainUsesSaslIrWhenOfferedElseTheContinuation() {
        this.client = connect(IMAPClientOptions.defaults().withAllowInsecureLogin(true));
        receive("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        Deferred<Void> ir = this.client.authenticatePlain("alice", "pw".toCharArray());
        assertThat(sent()).isEqualTo("A0001 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n");
        receive("A0001 OK ok\r\n");
        successResultOf(ir);

        this.client = connect(IMAPClientOptions.defaults().withAllowInsecureLogin(true));
        greeted();
        Deferred<Void> step = this.client.authenticatePlain("alice", "pw".toCharArray());
        assertThat(sent()).isEqualTo("A0001 AUTHENTICATE PLAIN\r\n");
        receive("+ \r\n");
        assertThat(sent()).isEqualTo("AGFsaWNlAHB3\r\n");
        receive("A0001 OK ok\r\n");
        successResultOf(step);
    }

    @Test
    void startTlsSwitchesThenReadsTheCapabilitiesBeforeTheNextCommand() throws Exception {
        greeted();
        Deferred<Set<String>> tls = this.client.startTLS(TlsOptions.client(javax.net.ssl.SSLContext.getDefault(), "localhost"));
        Deferred<Void> login = this.client.login("alice", "pw".toCharArray());
        assertThat(sent()).isEqualTo("A0001 STARTTLS\r\n");
        receive("A0001 OK Begin TLS negotiation now.\r\n");
        assertThat(this.transport.isSecure()).isTrue();
        assertThat(sent()).isEqualTo("A0002 CAPABILITY\r\n");
        receive("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\nA0002 OK done\r\n");
        assertThat(successResultOf(tls)).containsExactly("IMAP4REV1", "AUTH=PLAIN");
        assertThat(sent()).isEqualTo("A0003 LOGIN \"alice\" \"pw\"\r\n");
        receive("A0003 OK in\r\n");
        successResultOf(login);
    }

    @Test
    void appendWaitsForTheContinuationUnlessLiteralPlus() {
        greeted();
        Deferred<AppendUid> append = this.client.append("INBOX", "Hi\r\n".getBytes(StandardCharsets.UTF_8),
                List.of("\\Seen"), "17-Jul-1996 02:44:25 -0700");
        assertThat(sent()).isEqualTo("A0001 APPEND \"INBOX\" (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {4}\r\n");
        receive("+ Ready for literal data\r\n");
        assertThat(sent()).isEqualTo("Hi\r\n\r\n");
        receive("A0001 OK [APPENDUID 38505 3955] APPEND completed\r\n");
        assertThat(successResultOf(append)).isEqualTo(new AppendUid(38505, 3955));

        this.client = connect(IMAPClientOptions.defaults());
        receive("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");
        Deferred<AppendUid> plus = this.client.append("Sent", new byte[] { 'x' }, List.of(), null);
        assertThat(sent()).isEqualTo("A0001 APPEND \"Sent\" {1+}\r\nx\r\n");
        receive("A0001 OK done\r\n");
        assertThat(successResultOf(plus)).isNull();
    }

    @Test
    void storeCopyMoveAndExpungeWireForms() {
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> store = this.client.store("1:3", "+FLAGS", "\\Seen");
        assertThat(sent()).isEqualTo("A0001 STORE 1:3 +FLAGS (\\Seen)\r\n");
        receive("* 1 FETCH (FLAGS (\\Seen))\r\nA0001 OK done\r\n");
        assertThat(successResultOf(store).get(1L)).containsEntry("FLAGS", Set.of("\\Seen"));
        Deferred<Void> copy = this.client.copy("2", "Archive");
        assertThat(sent()).isEqualTo("A0002 COPY 2 \"Archive\"\r\n");
        receive("A0002 OK [COPYUID 1 2 3] done\r\n");
        successResultOf(copy);
        Deferred<List<Long>> move = this.client.move("3", "Trash");
        assertThat(sent()).isEqualTo("A0003 MOVE 3 \"Trash\"\r\n");
        receive("* OK [COPYUID 1 3 4] moved\r\n* 3 EXPUNGE\r\nA0003 OK done\r\n");
        assertThat(successResultOf(move)).containsExactly(3L);
        Deferred<List<Long>> expunge = this.client.expunge();
        assertThat(sent()).isEqualTo("A0004 EXPUNGE\r\n");
        receive("* 1 EXPUNGE\r\n* 1 EXPUNGE\r\nA0004 OK done\r\n");
        assertThat(successResultOf(expunge)).containsExactly(1L, 1L);
    }

    @Test
    void unsolicitedResponsesGoToTheListenerAndIdleToItsOwn() {
        greeted();
        List<String> heard = new ArrayList<>();
        this.client.setUntaggedListener(new UntaggedListener() {
            @Override
            public void exists(long count) {
                heard.add("exists " + count);
            }

            @Override
            public void fetch(long sequence, Map<String, Object> items) {
                heard.add("fetch " + sequence + " " + items.get("FLAGS"));
            }
        });
        Deferred<Void> noop = this.client.noop();
        sent();
        receive("* 5 EXISTS\r\n* 2 FETCH (FLAGS (\\Deleted))\r\nA0001 OK done\r\n");
        successResultOf(noop);
        assertThat(heard).containsExactly("exists 5", "fetch 2 [\\Deleted]");

        List<Long> idled = new ArrayList<>();
        Deferred<IMAP4Client.Idle> idle = this.client.idle(new UntaggedListener() {
            @Override
            public void expunge(long sequence) {
                idled.add(sequence);
            }
        });
        assertThat(sent()).isEqualTo("A0002 IDLE\r\n");
        assertNoResult(idle);
        receive("+ idling\r\n");
        IMAP4Client.Idle handle = successResultOf(idle);
        this.clock.advance(Duration.ofHours(1));
        receive("* 4 EXPUNGE\r\n");
        assertThat(idled).containsExactly(4L);
        Deferred<Void> done = handle.done();
        assertThat(sent()).isEqualTo("DONE\r\n");
        receive("A0002 OK Idle completed\r\n");
        successResultOf(done);
        assertThat(heard).hasSize(2);
    }

    @Test
    void literalLargerThanTheLimitClosesAndFailsEverything() {
        this.client = connect(IMAPClientOptions.defaults().withLimits(1024, 10, 4096, 8));
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> fetch = this.client.fetch("1", "BODY[]");
        Deferred<Void> noop = this.client.noop();
        receive("* 1 FETCH (BODY[] {11}\r\n");
        assertThat(failureResultOf(fetch, IllegalServerResponseException.class).value().getMessage())
                .contains("literal size (11) exceeds the allowed maximum (10)");
        failureResultOf(noop, ConnectionLostException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void nestingLongLinesAndMalformedResponsesClose() {
        this.client = connect(IMAPClientOptions.defaults().withLimits(100, 10, 4096, 3));
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> deep = this.client.fetch("1", "BODYSTRUCTURE");
        receive("* 1 FETCH (BODYSTRUCTURE (((\"text\"))))\r\n");
        assertThat(failureResultOf(deep, IllegalServerResponseException.class).value().getMessage())
                .contains("nest deeper");

        this.client = connect(IMAPClientOptions.defaults().withLimits(100, 10, 4096, 3));
        greeted();
        Deferred<Void> noop = this.client.noop();
        receive("* " + "x".repeat(120) + "\r\n");
        failureResultOf(noop, IllegalServerResponseException.class);

        this.client = connect(IMAPClientOptions.defaults());
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> bad = this.client.fetch("1", "FLAGS");
        receive("* 1 FETCH (FLAGS (\\Seen)\r\n");
        failureResultOf(bad, IllegalServerResponseException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void timeoutClosesAndConnectionLostFailsWhatIsOutstanding() {
        greeted();
        Deferred<Void> noop = this.client.noop();
        this.clock.advance(Duration.ofSeconds(59));
        assertNoResult(noop);
        this.clock.advance(Duration.ofSeconds(2));
        failureResultOf(noop, DeferredTimeoutException.class);

        this.client = connect(IMAPClientOptions.defaults());
        greeted();
        Deferred<Void> first = this.client.noop();
        Deferred<Void> second = this.client.noop();
        this.transport.loseConnection();
        failureResultOf(first);
        failureResultOf(second);
        failureResultOf(this.client.noop(), ConnectionLostException.class);
    }

    @Test
    void bodyStructureAccessors() {
        greeted();
        Deferred<SortedMap<Long, Map<String, Object>>> fetch = this.client.fetch("1", "BODYSTRUCTURE");
        receive("* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 1 NIL NIL NIL NIL)"
                + "(\"IMAGE\" \"PNG\" NIL NIL NIL \"base64\" 4 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL))\r\n"
                + "A0001 OK done\r\n");
        BodyStructure structure = (BodyStructure) successResultOf(fetch).get(1L).get("BODYSTRUCTURE");
        assertThat(structure.type()).isEqualTo("multipart");
        assertThat(structure.subtype()).isEqualTo("mixed");
        assertThat(structure.parts()).extracting(BodyStructure::type, BodyStructure::subtype)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text", "plain"),
                        org.assertj.core.groups.Tuple.tuple("image", "png"));
    }
}
