package twisted.mail.pop3;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.defer.Deferred;
import twisted.mail.pop3.POP3Fixture.Client;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.mail.pop3.POP3Fixture.FIRST;
import static twisted.mail.pop3.POP3Fixture.SECOND;

/** Every command in every state, RFC 1939's replies, UPDATE semantics and the session limits. */
class POP3ServerTests {

    private final POP3Fixture f = new POP3Fixture();

    @Test
    void greetingHasNoApopTimestampWhenNoCheckerCanVerifyApop() {
        Client client = new POP3Fixture().connect("10.1.1.1");
        client.send("APOP alice 0123456789abcdef0123456789abcdef");
        assertThat(client.take()).containsExactly("-ERR APOP is not offered by this server");
    }

    @Test
    void capaListsRealCapabilitiesOnlyInBothStates() {
        List<String> expected = List.of("+OK capability list follows", "USER", "TOP", "UIDL", "PIPELINING",
                "RESP-CODES", "AUTH-RESP-CODE", "IMPLEMENTATION twisted-spring", ".");
        assertThat(this.f.connect().send("CAPA").take()).isEqualTo(expected);
        assertThat(this.f.alice().send("capa").take()).isEqualTo(expected);
    }

    @Test
    void transactionCommandsAreRefusedBeforeLogin() {
        Client client = this.f.connect().send("STAT", "LIST", "RETR 1", "DELE 1", "RSET", "NOOP", "UIDL", "PASS x", "USER", "XYZZY");
        assertThat(client.take()).containsExactly(
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR not logged in: log in with USER and PASS first",
                "-ERR send USER first",
                "-ERR usage: USER name",
                "-ERR unknown command");
        assertThat(client.closed()).isFalse();
    }

    @Test
    void wrongPasswordIsRefusedWithTheAuthResponseCodeAndTheSessionMayRetry() {
        Client client = this.f.connect().send("USER alice", "PASS wrong", "USER alice", "PASS s3cret");
        assertThat(client.take()).containsExactly("+OK send PASS", "-ERR [AUTH] invalid user name or password",
                "+OK send PASS", "+OK alice's maildrop has 2 messages (" + (FIRST.length() + SECOND.length())
                        + " octets)");
        Client stranger = this.f.connect().send("USER mallory", "PASS s3cret");
        assertThat(stranger.take()).containsExactly("+OK send PASS", "-ERR [AUTH] invalid user name or password");
    }

    @Test
    void passwordMayHoldSpaces() {
        Client client = this.f.connect().send("USER carol", "PASS two words");
        assertThat(client.take()).contains("+OK carol's maildrop has 0 messages (0 octets)");
    }

    @Test
    void statListUidlDescribeTheMaildrop() {
        Client client = this.f.alice().send("STAT", "LIST", "LIST 2", "LIST 3", "LIST 0", "LIST x", "UIDL", "UIDL 1",
                "NOOP");
        assertThat(client.take()).containsExactly(
                "+OK 2 " + (FIRST.length() + SECOND.length()),
                "+OK 2 messages (" + (FIRST.length() + SECOND.length()) + " octets)",
                "1 " + FIRST.length(), "2 " + SECOND.length(), ".",
                "+OK 2 " + SECOND.length(),
                "-ERR no such message",
                "-ERR no such message",
                "-ERR the message number must be a number",
                "+OK unique-id listing follows", "1 uid-alice-1", "2 uid-alice-2", ".",
                "+OK 1 uid-alice-1",
                "+OK");
    }

    @Test
    void retrByteStuffsAndTerminates() {
        Client client = this.f.alice().send("RETR 1");
        assertThat(client.transport.valueAsString()).isEqualTo("+OK " + FIRST.length() + " octets\r\n"
                + "From: bob@example.com\r\nSubject: one\r\n\r\nHello\r\n..hidden\r\n.\r\n");
    }

    @Test
    void retrOfAMessageWithoutFinalLineEndAddsOne() {
        this.f.store.add("bob", "Subject: x\r\n\r\n.no end");
        Client client = this.f.connect().send("USER bob", "PASS hunter2");
        client.take();
        client.send("RETR 2");
        assertThat(client.transport.valueAsString()).endsWith("\r\n\r\n..no end\r\n.\r\n");
    }

    @Test
    void topSendsTheHeaderAndTheFirstLinesOfTheBody() {
        Client client = this.f.alice().send("TOP 2 0", "TOP 2 2", "TOP 2 99", "TOP 1 1", "TOP 2", "TOP 2 -1");
        assertThat(client.take()).containsExactly(
                "+OK top of message follows", "Subject: two", "", ".",
                "+OK top of message follows", "Subject: two", "", "line 1", "line 2", ".",
                "+OK top of message follows", "Subject: two", "", "line 1", "line 2", "line 3", ".",
                "+OK top of message follows", "From: bob@example.com", "Subject: one", "", "Hello", ".",
                "-ERR usage: TOP message lines",
                "-ERR the line count must be a number");
    }

    @Test
    void deletedMessagesAreHiddenUntilRset() {
        Client client = this.f.alice().send("DELE 1", "DELE 1", "RETR 1", "LIST 1", "UIDL 1", "TOP 1 0", "STAT",
                "LIST", "UIDL", "RSET", "STAT");
        assertThat(client.take()).containsExactly(
                "+OK message 1 deleted",
                "-ERR message 1 already deleted",
                "-ERR message 1 already deleted",
                "-ERR message 1 already deleted",
                "-ERR message 1 already deleted",
                "-ERR message 1 already deleted",
                "+OK 1 " + SECOND.length(),
                "+OK 1 message (" + SECOND.length() + " octets)", "2 " + SECOND.length(), ".",
                "+OK unique-id listing follows", "2 uid-alice-2", ".",
                "+OK maildrop has 2 messages (" + (FIRST.length() + SECOND.length()) + " octets)",
                "+OK 2 " + (FIRST.length() + SECOND.length()));
    }

    @Test
    void quitAppliesDeletionsInTheUpdateState() {
        Client client = this.f.alice().send("DELE 2", "QUIT");
        assertThat(client.take()).containsExactly("+OK message 2 deleted",
                "+OK localhost POP3 server signing off (1 message(s) deleted)");
        assertThat(client.closed()).isTrue();
        assertThat(this.f.store.uids("alice")).containsExactly("uid-alice-1");
        assertThat(this.f.store.syncs("alice")).isEqualTo(1);
        assertThat(this.f.store.releases("alice")).isZero();
        assertThat(this.f.store.isLocked("alice")).isFalse();
    }

    @Test
    void aPop3SessionCutWithoutQuitDeletesNothing() {
        Client client = this.f.alice().send("DELE 1", "DELE 2");
        client.transport.loseConnection();
        assertThat(this.f.store.uids("alice")).containsExactly("uid-alice-1", "uid-alice-2");
        assertThat(this.f.store.syncs("alice")).isZero();
        assertThat(this.f.store.releases("alice")).isEqualTo(1);
        assertThat(this.f.store.isLocked("alice")).isFalse();
        assertThat(this.f.alice().send("STAT").take()).containsExactly("+OK 2 " + (FIRST.length() + SECOND.length()));
    }

    @Test
    void quitBeforeLoginOpensNothing() {
        Client client = this.f.connect().send("QUIT", "NOOP");
        assertThat(client.take()).containsExactly("+OK localhost POP3 server signing off");
        assertThat(client.closed()).isTrue();
        assertThat(this.f.store.releases("alice") + this.f.store.syncs("alice")).isZero();
    }

    @Test
    void pipelinedCommandsWaitForTheSyncAndNothingIsReadAfterQuit() {
        Deferred<Void> pending = new Deferred<>();
        this.f.store.pendingSync(pending);
        Client client = this.f.alice().send("DELE 1", "QUIT", "STAT");
        assertThat(client.take()).containsExactly("+OK message 1 deleted");
        assertThat(client.closed()).isFalse();
        pending.callback(null);
        assertThat(client.take()).containsExactly("+OK localhost POP3 server signing off (1 message(s) deleted)");
        assertThat(client.closed()).isTrue();
    }

    @Test
    void aSessionCutWhileTheMaildropIsBeingOpenedReleasesItOnceOpen() {
        Deferred<Void> gate = new Deferred<>();
        this.f.store.openGate(gate);
        Client client = this.f.connect().send("USER alice", "PASS s3cret", "STAT");
        assertThat(client.take()).containsExactly("+OK send PASS");
        client.transport.loseConnection();
        gate.callback(null);
        assertThat(this.f.store.isLocked("alice")).isFalse();
        assertThat(this.f.store.releases("alice")).isEqualTo(1);
    }

    @Test
    void aFailedSyncSaysSoAndReleasesTheMaildrop() {
        Deferred<Void> pending = new Deferred<>();
        this.f.store.pendingSync(pending);
        Client client = this.f.alice().send("DELE 1", "QUIT");
        pending.errback(new java.io.IOException("read-only file system"));
        assertThat(client.take()).containsExactly("+OK message 1 deleted",
                "-ERR [SYS/TEMP] some deleted messages were not removed");
        assertThat(client.closed()).isTrue();
        assertThat(this.f.store.isLocked("alice")).isFalse();
    }

    @Test
    void aLockedMaildropGivesInUseAndTheLoginMayBeRetried() {
        Client first = this.f.alice();
        Client second = this.f.connect().send("USER alice", "PASS s3cret");
        assertThat(second.take()).containsExactly("+OK send PASS",
                "-ERR [IN-USE] maildrop already locked by another session");
        assertThat(second.closed()).isFalse();
        first.send("QUIT");
        second.send("USER alice", "PASS s3cret", "STAT");
        assertThat(second.take()).hasSize(3).last().isEqualTo("+OK 2 " + (FIRST.length() + SECOND.length()));
    }

    @Test
    void aStoreThatCannotOpenTheMaildropGivesSysTemp() {
        this.f.store.openFailure(new java.io.IOException("disk on fire"));
        Client client = this.f.connect().send("USER alice", "PASS s3cret");
        assertThat(client.take()).containsExactly("+OK send PASS", "-ERR [SYS/TEMP] cannot open the maildrop");
    }

    @Test
    void loginCommandsAreRefusedAfterLogin() {
        Client client = this.f.alice().send("USER bob", "PASS hunter2", "APOP a b", "STLS", "FOO");
        assertThat(client.take()).containsExactly("-ERR already logged in", "-ERR already logged in",
                "-ERR already logged in", "-ERR already logged in", "-ERR unknown command");
    }

    @Test
    void badArgumentsAreRefused() {
        Client client = this.f.alice().send("STAT 1", "RETR", "RETR 1 2", "DELE", "RSET x", "LIST 1 2", "UIDL 1 2",
                "RETR +1", "RETR 99999999999");
        assertThat(client.take()).containsExactly("-ERR usage: STAT", "-ERR usage: RETR message",
                "-ERR usage: RETR message", "-ERR usage: DELE message", "-ERR usage: RSET",
                "-ERR usage: LIST [message]", "-ERR usage: UIDL [message]",
                "-ERR the message number must be a number", "-ERR the message number must be a number");
    }

    @Test
    void tooManyBadCommandsCloseTheSession() {
        POP3Fixture strict = new POP3Fixture(factory -> factory.settings(POP3Settings.defaults().withMaxBadCommands(2)));
        Client client = strict.alice().send("FOO", "DELE 1", "BAR", "BAZ", "STAT");
        assertThat(client.take()).containsExactly("-ERR unknown command", "+OK message 1 deleted",
                "-ERR unknown command", "-ERR too many bad commands; closing the connection");
        assertThat(client.closed()).isTrue();
        assertThat(strict.store.uids("alice")).hasSize(2);
        assertThat(strict.store.isLocked("alice")).isFalse();
    }

    @Test
    void aLineTooLongClosesTheSession() {
        Client client = this.f.connect().send("USER " + "a".repeat(300));
        assertThat(client.take()).containsExactly("-ERR line too long; closing the connection");
        assertThat(client.closed()).isTrue();
        Client ok = this.f.connect().send("USER " + "a".repeat(248));
        assertThat(ok.take()).containsExactly("+OK send PASS");
    }

    @Test
    void bareLineFeedsAndLowerCaseCommandsAreAccepted() {
        Client client = this.f.connect();
        client.protocol.dataReceived("user alice\npass s3cret\nstat\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(client.take()).last().isEqualTo("+OK 2 " + (FIRST.length() + SECOND.length()));
    }

    @Test
    void keywordsAreUpperCasedInAsciiOnly() {
        Client client = this.f.alice().send("DELE 1", "qu\u0131t", "\u017ftat", "l\u0131st");
        assertThat(client.take()).containsExactly("+OK message 1 deleted", "-ERR unknown command",
                "-ERR unknown command", "-ERR unknown command");
        assertThat(client.closed()).isFalse();
    }

    @Test
    void anIdleSessionIsClosedAfterTenMinutesDeletingNothing() {
        Client client = this.f.alice().send("DELE 1");
        client.take();
        this.f.clock.advance(599);
        client.send("NOOP");
        this.f.clock.advance(599);
        assertThat(client.take()).containsExactly("+OK");
        assertThat(client.closed()).isFalse();
        this.f.clock.advance(1);
        assertThat(client.take()).containsExactly("-ERR autologout: idle for too long; closing the connection");
        assertThat(client.closed()).isTrue();
        assertThat(this.f.store.uids("alice")).hasSize(2);
        assertThat(this.f.store.isLocked("alice")).isFalse();
    }

    @Test
    void idleTimeoutIsConfigurable() {
        POP3Fixture quick = new POP3Fixture(factory -> factory.settings(POP3Settings.defaults()
                .withIdleTimeout(Duration.ofSeconds(30))));
        Client client = quick.connect();
        quick.clock.advance(30);
        assertThat(client.closed()).isTrue();
    }
}
