package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import twisted.defer.Deferred;
import twisted.defer.DeferredTimeoutException;
import twisted.defer.Failure;
import twisted.internet.TlsOptions;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

/**
 * {@link POP3Client} on a {@link StringTransportWithDisconnection} and a {@link Clock}: what each
 * command writes, how each reply is parsed, {@code -ERR}, dot-unstuffing, the limits, the
 * timeout, a lost connection, APOP, the refusal of plain-text passwords, STLS and pipelining.
 */
class POP3ClientTests {

    private static final String GREETING = "+OK POP3 server ready\r\n";

    private final Clock clock = new Clock();

    private StringTransportWithDisconnection transport = new StringTransportWithDisconnection();

    private POP3Client client = connect(POP3ClientOptions.defaults());

    private POP3Client connect(POP3ClientOptions options) {
        POP3Client pop3 = new POP3Client(this.clock, options);
        this.transport = new StringTransportWithDisconnection();
        this.transport.setProtocol(pop3);
        pop3.makeConnection(this.transport);
        return pop3;
    }

    private void receive(String text) {
        this.client.dataReceived(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the client wrote since the last call. */
    private String sent() {
        String text = this.transport.valueAsString();
        this.transport.clear();
        return text;
    }

    private POP3Client greeted() {
        receive(GREETING);
        assertThat(sent()).isEmpty();
        return this.client;
    }

    @Test
    void greetingFiresWithItsTextAndNothingIsSentBeforeIt() {
        Deferred<POP3Client.Stat> stat = this.client.stat();
        Deferred<String> greeting = this.client.serverGreeting();
        assertNoResult(greeting);
        assertThat(sent()).isEmpty();
        receive("+OK Dovecot ready. <1896.697170952@dbc.mtview.ca.us>\r\n");
        assertThat(successResultOf(greeting)).isEqualTo("Dovecot ready. <1896.697170952@dbc.mtview.ca.us>");
        assertThat(successResultOf(this.client.serverGreeting())).startsWith("Dovecot ready.");
        assertThat(this.client.serverChallenge()).isEqualTo("<1896.697170952@dbc.mtview.ca.us>");
        assertThat(sent()).isEqualTo("STAT\r\n");
        receive("+OK 2 320\r\n");
        assertThat(successResultOf(stat)).isEqualTo(new POP3Client.Stat(2, 320));
    }

    @Test
    void greetingWithoutTimestampHasNoChallenge() {
        greeted();
        assertThat(this.client.serverChallenge()).isNull();
    }

    @Test
    void errGreetingFailsEverythingAndCloses() {
        Deferred<String> noop = this.client.noop();
        receive("-ERR [SYS/TEMP] go away\r\n");
        assertThat(failureResultOf(this.client.serverGreeting(), ServerErrorResponse.class).value())
                .hasMessageContaining("go away");
        failureResultOf(noop, ConnectionLostException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void everyCommandsWireFormAndResult() {
        greeted();
        List<String> wire = new ArrayList<>();
        Deferred<?> stat = this.client.stat();
        wire.add(sent());
        receive("+OK 2 320\r\n");
        Deferred<?> sizes = this.client.listSize();
        wire.add(sent());
        receive("+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n");
        Deferred<?> size = this.client.listSize(2);
        wire.add(sent());
        receive("+OK 2 200\r\n");
        Deferred<?> uids = this.client.listUID();
        wire.add(sent());
        receive("+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n");
        Deferred<?> uid = this.client.listUID(1);
        wire.add(sent());
        receive("+OK 1 whqtswO00WBw418f9t5JxYwZ\r\n");
        Deferred<?> message = this.client.retrieve(1);
        wire.add(sent());
        receive("+OK 120 octets\r\nSubject: hi\r\n\r\nbody\r\n.\r\n");
        Deferred<?> top = this.client.top(2, 0);
        wire.add(sent());
        receive("+OK\r\nSubject: two\r\n\r\n.\r\n");
        Deferred<?> dele = this.client.delete(1);
        wire.add(sent());
        receive("+OK message 1 deleted\r\n");
        Deferred<?> rset = this.client.reset();
        wire.add(sent());
        receive("+OK maildrop has 2 messages\r\n");
        Deferred<?> noop = this.client.noop();
        wire.add(sent());
        receive("+OK\r\n");
        Deferred<?> quit = this.client.quit();
        wire.add(sent());
        assertThat(this.transport.isDisconnecting()).isFalse();
        receive("+OK bye\r\n");
        assertThat(wire).containsExactly("STAT\r\n", "LIST\r\n", "LIST 2\r\n", "UIDL\r\n", "UIDL 1\r\n", "RETR 1\r\n",
                "TOP 2 0\r\n", "DELE 1\r\n", "RSET\r\n", "NOOP\r\n", "QUIT\r\n");
        assertThat(successResultOf(stat)).isEqualTo(new POP3Client.Stat(2, 320));
        assertThat(successResultOf(sizes)).isEqualTo(Map.of(1, 120L, 2, 200L));
        assertThat(successResultOf(size)).isEqualTo(200L);
        assertThat(successResultOf(uids)).isEqualTo(Map.of(1, "whqtswO00WBw418f9t5JxYwZ", 2, "QhdPYR:00WBw1Ph7x7"));
        assertThat(successResultOf(uid)).isEqualTo("whqtswO00WBw418f9t5JxYwZ");
        assertThat(new String((byte[]) successResultOf(message), StandardCharsets.UTF_8))
                .isEqualTo("Subject: hi\r\n\r\nbody\r\n");
        assertThat(new String((byte[]) successResultOf(top), StandardCharsets.UTF_8)).isEqualTo("Subject: two\r\n\r\n");
        assertThat(successResultOf(dele)).isEqualTo("message 1 deleted");
        assertThat(successResultOf(rset)).isEqualTo("maildrop has 2 messages");
        assertThat(successResultOf(noop)).isEqualTo("");
        assertThat(successResultOf(quit)).isEqualTo("bye");
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void errFailsThatCommandWithTheServersTextAndTheSessionGoesOn() {
        greeted();
        Deferred<byte[]> missing = this.client.retrieve(9);
        Deferred<Long> size = this.client.listSize(1);
        assertThat(sent()).isEqualTo("RETR 9\r\n");
        receive("-ERR no such message\r\n");
        ServerErrorResponse error = (ServerErrorResponse) failureResultOf(missing, ServerErrorResponse.class).value();
        assertThat(error.getResponse()).isEqualTo("no such message");
        assertThat(error).hasMessage("RETR failed: -ERR no such message");
        assertThat(sent()).isEqualTo("LIST 1\r\n");
        receive("+OK 1 120\r\n");
        assertThat(successResultOf(size)).isEqualTo(120L);
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void messagesAreDotUnstuffedWithTheirCrLfKept() {
        greeted();
        Deferred<byte[]> message = this.client.retrieve(1);
        receive("+OK\r\n..\r\n...two dots\r\n.one\r\nbare\nlf and bare\rcr\r\n\r\n.\r\n");
        assertThat(new String(successResultOf(message), StandardCharsets.UTF_8))
                .isEqualTo(".\r\n..two dots\r\none\r\nbare\nlf and bare\rcr\r\n\r\n");
        Deferred<byte[]> empty = this.client.retrieve(2);
        receive("+OK 0 octets\r\n.\r\n");
        assertThat(successResultOf(empty)).isEmpty();
    }

    @Test
    void aMalformedStatusLineFailsTheCommandAndCloses() {
        greeted();
        Deferred<String> noop = this.client.noop();
        Deferred<String> queued = this.client.noop();
        receive("* OK hello IMAP\r\n");
        assertThat(failureResultOf(noop, POP3ClientError.class).value()).hasMessageContaining("malformed reply to NOOP");
        failureResultOf(queued, ConnectionLostException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void malformedStatFailsOnlyThatCommand() {
        greeted();
        Deferred<POP3Client.Stat> stat = this.client.stat();
        receive("+OK many\r\n");
        assertThat(failureResultOf(stat, POP3ClientError.class).value()).hasMessageContaining("malformed reply to STAT");
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void aLineLongerThanTheLimitFailsWithLineTooLongAndCloses() {
        this.client = connect(POP3ClientOptions.defaults().withMaxLineLength(64));
        greeted();
        Deferred<byte[]> message = this.client.retrieve(1);
        Deferred<String> next = this.client.noop();
        receive("+OK\r\n" + "x".repeat(65) + "\r\n.\r\n");
        failureResultOf(message, LineTooLong.class);
        failureResultOf(next, ConnectionLostException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void aMessageOverTheMaximumFailsWithResponseTooLargeAndCloses() {
        this.client = connect(POP3ClientOptions.defaults().withMaxMessageSize(10));
        greeted();
        Deferred<byte[]> fits = this.client.retrieve(1);
        receive("+OK\r\n12345678\r\n.\r\n");
        assertThat(successResultOf(fits)).hasSize(10);
        Deferred<byte[]> big = this.client.retrieve(2);
        receive("+OK\r\n123456789\r\n.\r\n");
        assertThat(failureResultOf(big, ResponseTooLarge.class).value()).hasMessageContaining("RETR")
                .hasMessageContaining("10 bytes");
        assertThat(this.transport.isDisconnecting()).isTrue();
        assertThat(failureResultOf(this.client.noop(), POP3ClientError.class).value()).hasMessageContaining("closed");
    }

    @Test
    void aListingOverTheResponseLimitFails() {
        this.client = connect(POP3ClientOptions.defaults().withMaxResponseSize(20));
        greeted();
        Deferred<?> list = this.client.listSize();
        receive("+OK\r\n1 100\r\n2 100\r\n3 100\r\n4 100\r\n.\r\n");
        failureResultOf(list, ResponseTooLarge.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void noReplyWithinTheTimeoutFailsEverythingAndCloses() {
        this.client = connect(POP3ClientOptions.defaults().withTimeout(Duration.ofSeconds(30)));
        greeted();
        this.clock.advance(Duration.ofHours(1));
        assertThat(this.transport.isDisconnecting()).as("idle without commands: no timeout").isFalse();
        Deferred<byte[]> message = this.client.retrieve(1);
        Deferred<String> queued = this.client.noop();
        this.clock.advance(Duration.ofSeconds(20));
        receive("+OK\r\nline\r\n");
        this.clock.advance(Duration.ofSeconds(20));
        assertNoResult(message);
        this.clock.advance(Duration.ofSeconds(10));
        failureResultOf(message, DeferredTimeoutException.class);
        failureResultOf(queued, ConnectionLostException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void noGreetingWithinTheTimeoutFailsIt() {
        Deferred<String> greeting = this.client.serverGreeting();
        this.clock.advance(Duration.ofSeconds(60));
        failureResultOf(greeting, DeferredTimeoutException.class);
        assertThat(this.transport.isDisconnecting()).isTrue();
    }

    @Test
    void lostConnectionFailsEveryOutstandingDeferred() {
        greeted();
        Deferred<byte[]> sending = this.client.retrieve(1);
        Deferred<String> queued = this.client.delete(1);
        receive("+OK\r\npart of it\r\n");
        this.client.connectionLost(new Failure(new ConnectionDoneException()));
        failureResultOf(sending, ConnectionDoneException.class);
        failureResultOf(queued, ConnectionDoneException.class);
        failureResultOf(this.client.noop(), POP3ClientError.class);
    }

    @Test
    void commandsAfterQuitFailAtOnce() {
        greeted();
        this.client.quit();
        assertThat(failureResultOf(this.client.stat(), POP3ClientError.class).value()).hasMessageContaining("QUIT");
    }

    @Test
    void apopDigestIsRfc1939sExample() {
        receive("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n");
        Deferred<String> login = this.client.login("mrose", "tanstaaf".toCharArray());
        assertThat(sent()).isEqualTo("APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n");
        receive("+OK maildrop has 1 message (369 octets)\r\n");
        assertThat(successResultOf(login)).isEqualTo("maildrop has 1 message (369 octets)");
        assertThat(APOPCredentials.digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"))
                .as("the server's own check agrees").isEqualTo("c4c9334bac560ecc979e58001b3e22fb");
    }

    @Test
    void apopWithoutAChallengeFails() {
        greeted();
        failureResultOf(this.client.apop("mrose", "tanstaaf".toCharArray()), POP3ClientError.class);
        assertThat(sent()).isEmpty();
    }

    @Test
    void noPasswordIsSentWithoutTlsUnlessAllowed() {
        greeted();
        failureResultOf(this.client.login("alice", "s3cret".toCharArray()), InsecureAuthenticationDisallowed.class);
        failureResultOf(this.client.password("s3cret".toCharArray()), InsecureAuthenticationDisallowed.class);
        assertThat(sent()).isEmpty();
        assertThat(this.transport.isDisconnecting()).isFalse();
    }

    @Test
    void noPasswordIsSentWhenApopIsOfferedButTurnedOff() {
        this.client = connect(POP3ClientOptions.defaults().withUseApop(false));
        receive("+OK ready <1.2@host>\r\n");
        failureResultOf(this.client.login("alice", "s3cret".toCharArray()), InsecureAuthenticationDisallowed.class);
        assertThat(sent()).isEmpty();
    }

    @Test
    void userAndPassWhenAllowedAndTheCallersArrayIsCopied() {
        this.client = connect(POP3ClientOptions.defaults().withAllowInsecureLogin(true));
        greeted();
        char[] password = "two words é".toCharArray();
        Deferred<String> login = this.client.login("alice", password);
        Deferred<String> noop = this.client.noop();
        java.util.Arrays.fill(password, 'x');
        assertThat(sent()).isEqualTo("USER alice\r\n");
        receive("+OK send PASS\r\n");
        assertThat(sent()).isEqualTo("PASS two words é\r\n");
        receive("+OK logged in\r\n");
        assertThat(successResultOf(login)).isEqualTo("logged in");
        assertThat(sent()).isEqualTo("NOOP\r\n");
        assertNoResult(noop);
    }

    @Test
    void aRefusedUserFailsTheLoginWithoutSendingThePassword() {
        this.client = connect(POP3ClientOptions.defaults().withAllowInsecureLogin(true));
        greeted();
        Deferred<String> login = this.client.login("nobody", "pw".toCharArray());
        assertThat(sent()).isEqualTo("USER nobody\r\n");
        receive("-ERR [AUTH] no\r\n");
        failureResultOf(login, ServerErrorResponse.class);
        assertThat(sent()).isEmpty();
    }

    @Test
    void argumentsThatWouldInjectCommandsAreRefused() {
        greeted();
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.login("a\r\nDELE 1", "pw".toCharArray()));
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.login("alice", "pw\r\nDELE 1".toCharArray()))
                .withMessageNotContaining("pw");
        assertThatIllegalArgumentException().isThrownBy(() -> this.client.retrieve(0));
        assertThat(sent()).isEmpty();
    }

    @Test
    void startTlsChecksCapaSwitchesDropsPlainTextLeftoversAndRereadsCapa() throws Exception {
        greeted();
        TlsOptions tls = TlsOptions.client(SSLContext.getDefault(), "mail.example.org");
        Deferred<Map<String, List<String>>> started = this.client.startTLS(tls);
        Deferred<String> login = this.client.login("alice", "s3cret".toCharArray());
        assertThat(sent()).isEqualTo("CAPA\r\n");
        receive("+OK\r\nTOP\r\nSTLS\r\nSASL PLAIN LOGIN\r\n.\r\n");
        assertThat(sent()).isEqualTo("STLS\r\n");
        // an attacker's injected reply rides in the same packet as the +OK
        receive("+OK begin TLS\r\n+OK\r\nPIPELINING\r\n.\r\n");
        assertThat(this.transport.isSecure()).isTrue();
        assertThat(this.transport.getTlsOptions()).isSameAs(tls);
        assertThat(sent()).isEqualTo("CAPA\r\n");
        assertNoResult(started);
        receive("+OK\r\nUSER\r\nSASL PLAIN\r\n.\r\n");
        assertThat(successResultOf(started)).containsOnlyKeys("USER", "SASL");
        assertThat(successResultOf(this.client.capabilities())).containsOnlyKeys("USER", "SASL");
        assertThat(sent()).isEqualTo("USER alice\r\n");
        receive("+OK\r\n");
        assertThat(sent()).isEqualTo("PASS s3cret\r\n");
        receive("+OK logged in\r\n");
        successResultOf(login);
    }

    @Test
    void startTlsWithoutStlsInCapaFailsAndNoPasswordFollows() throws Exception {
        greeted();
        Deferred<?> started = this.client.startTLS(TlsOptions.client(SSLContext.getDefault(), "mail.example.org"));
        Deferred<String> login = this.client.login("alice", "s3cret".toCharArray());
        assertThat(sent()).isEqualTo("CAPA\r\n");
        receive("+OK\r\nTOP\r\nUSER\r\n.\r\n");
        failureResultOf(started, TLSNotSupportedError.class);
        failureResultOf(login, InsecureAuthenticationDisallowed.class);
        assertThat(sent()).isEmpty();
        assertThat(this.transport.isSecure()).isFalse();
    }

    @Test
    void capabilitiesAreParsedAndCachedAndErrMeansNone() {
        greeted();
        Deferred<Map<String, List<String>>> caps = this.client.capabilities();
        assertThat(sent()).isEqualTo("CAPA\r\n");
        receive("+OK\r\ntop\r\nSASL PLAIN  LOGIN\r\nIMPLEMENTATION some server\r\n.\r\n");
        assertThat(successResultOf(caps)).containsExactly(Map.entry("TOP", List.of()),
                Map.entry("SASL", List.of("PLAIN", "LOGIN")), Map.entry("IMPLEMENTATION", List.of("some", "server")));
        successResultOf(this.client.capabilities());
        assertThat(sent()).isEmpty();
        Deferred<Map<String, List<String>>> again = this.client.capabilities(false);
        assertThat(sent()).isEqualTo("CAPA\r\n");
        receive("-ERR unknown command\r\n");
        assertThat(successResultOf(again)).isEmpty();
    }

    @Test
    void commandsGoOneAtATimeWithoutPipelining() {
        greeted();
        this.client.capabilities();
        receive("+OK\r\nTOP\r\n.\r\n");
        sent();
        this.client.stat();
        this.client.noop();
        assertThat(sent()).isEqualTo("STAT\r\n");
        receive("+OK 0 0\r\n");
        assertThat(sent()).isEqualTo("NOOP\r\n");
    }

    @Test
    void commandsArePipelinedWhenOfferedButLoginGoesAlone() {
        this.client = connect(POP3ClientOptions.defaults().withAllowInsecureLogin(true));
        greeted();
        this.client.capabilities();
        receive("+OK\r\nPIPELINING\r\n.\r\n");
        sent();
        Deferred<POP3Client.Stat> stat = this.client.stat();
        Deferred<byte[]> message = this.client.retrieve(1);
        Deferred<String> dele = this.client.delete(1);
        this.client.login("alice", "pw".toCharArray());
        this.client.noop();
        assertThat(sent()).isEqualTo("STAT\r\nRETR 1\r\nDELE 1\r\n");
        receive("+OK 1 5\r\n+OK\r\nabc\r\n.\r\n+OK deleted\r\n");
        assertThat(successResultOf(stat)).isEqualTo(new POP3Client.Stat(1, 5));
        assertThat(successResultOf(message)).isEqualTo("abc\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(successResultOf(dele)).isEqualTo("deleted");
        assertThat(sent()).isEqualTo("USER alice\r\n");
    }

    @Test
    void anUnsolicitedLineClosesTheConnection() {
        greeted();
        receive("+OK surprise\r\n");
        assertThat(this.transport.isDisconnecting()).isTrue();
    }
}
