package twisted.mail.pop3;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.mail.pop3.POP3Fixture.FIRST;
import static twisted.mail.pop3.POP3Fixture.SECOND;

/**
 * Whole sessions fed whole, split in two at every byte and one byte at a time: the replies, the
 * close and what the store ends up with must be the same each time.
 */
class POP3FragmentationTests {

    private static final int TOTAL = FIRST.length() + SECOND.length();

    @Test
    void aSessionWithEveryCommandGivesTheSameRepliesHoweverItIsCut() {
        String session = String.join("", List.of("CAPA\r\n", "STAT\r\n", "USER alice\r\n", "PASS wrong\r\n",
                "user alice\n", "PASS s3cret\r\n", "STAT\r\n", "LIST\r\n", "LIST 2\r\n", "UIDL\r\n", "UIDL 1\r\n",
                "TOP 2 1\r\n", "RETR 1\r\n", "DELE 1\r\n", "RETR 1\r\n", "NOOP\r\n", "RSET\r\n", "DELE 2\r\n",
                "FOO\r\n", "LIST 9\r\n", "QUIT\r\n", "STAT\r\n"));
        List<String> output = POP3Fixture.everyFragmentation(session,
                fixture -> assertThat(fixture.store.uids("alice")).containsExactly("uid-alice-1"));
        assertThat(output).containsExactly(
                "+OK capability list follows", "USER", "TOP", "UIDL", "PIPELINING", "RESP-CODES", "AUTH-RESP-CODE",
                "IMPLEMENTATION twisted-spring", ".",
                "-ERR not logged in: log in with USER and PASS first",
                "+OK send PASS", "-ERR [AUTH] invalid user name or password",
                "+OK send PASS", "+OK alice's maildrop has 2 messages (" + TOTAL + " octets)",
                "+OK 2 " + TOTAL,
                "+OK 2 messages (" + TOTAL + " octets)", "1 " + FIRST.length(), "2 " + SECOND.length(), ".",
                "+OK 2 " + SECOND.length(),
                "+OK unique-id listing follows", "1 uid-alice-1", "2 uid-alice-2", ".",
                "+OK 1 uid-alice-1",
                "+OK top of message follows", "Subject: two", "", "line 1", ".",
                "+OK " + FIRST.length() + " octets", "From: bob@example.com", "Subject: one", "", "Hello", "..hidden",
                ".",
                "+OK message 1 deleted",
                "-ERR message 1 already deleted",
                "+OK",
                "+OK maildrop has 2 messages (" + TOTAL + " octets)",
                "+OK message 2 deleted",
                "-ERR unknown command",
                "-ERR no such message",
                "+OK localhost POP3 server signing off (1 message(s) deleted)",
                "(closed)");
    }

    @Test
    void aSessionCutWithoutQuitDeletesNothingHoweverItIsCut() {
        String session = "USER alice\r\nPASS s3cret\r\nDELE 1\r\nDELE 2\r\n";
        List<String> output = POP3Fixture.everyFragmentation(session, fixture -> {
            fixture.store.add("carol", "x\r\n");
            assertThat(fixture.store.isLocked("alice")).isTrue();
        });
        assertThat(output).endsWith("+OK message 1 deleted", "+OK message 2 deleted", "(open)");
        POP3Fixture fixture = new POP3Fixture();
        POP3Fixture.Client client = fixture.connect();
        for (byte b : session.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            client.protocol.dataReceived(new byte[] { b });
        }
        client.transport.loseConnection();
        assertThat(fixture.store.uids("alice")).containsExactly("uid-alice-1", "uid-alice-2");
        assertThat(fixture.store.isLocked("alice")).isFalse();
    }

    @Test
    void aLineTooLongClosesTheSameWayHoweverItIsCut() {
        List<String> output = POP3Fixture.everyFragmentation("NOOP\r\nUSER " + "x".repeat(260) + "\r\nCAPA\r\n",
                fixture -> { });
        assertThat(output).containsExactly("-ERR not logged in: log in with USER and PASS first",
                "-ERR line too long; closing the connection", "(closed)");
    }
}
