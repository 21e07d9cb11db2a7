package twisted.mail.pop3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.defer.Deferred;
import twisted.protocols.basic.Chunkings;
import twisted.testing.Clock;
import twisted.testing.StringTransportWithDisconnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole {@link POP3Client} session's replies fed whole, split in two at every byte, and one
 * byte at a time: every fragmentation gives the same results and the same commands on the wire.
 */
class POP3ClientFragmentationTests {

    private static final String SERVER = "+OK ready <77.1@example.org>\r\n"
            + "+OK maildrop locked\r\n"
            + "+OK\r\nTOP\r\nUIDL\r\nUSER\r\n.\r\n"
            + "+OK 2 60\r\n"
            + "+OK 2 messages\r\n1 38\r\n2 22\r\n.\r\n"
            + "+OK\r\n1 uid-one\r\n2 uid-two\r\n.\r\n"
            + "+OK 38 octets\r\nSubject: one\r\n\r\n..dot\r\n.\r\n"
            + "+OK\r\nSubject: two\r\n\r\nfirst\r\n.\r\n"
            + "-ERR no such message\r\n"
            + "+OK bye\r\n";

    @Test
    void everyFragmentationGivesTheSameSession() {
        List<String> first = null;
        for (List<byte[]> chunks : Chunkings.of(SERVER.getBytes(StandardCharsets.US_ASCII))) {
            List<String> outcome = run(chunks);
            if (first == null) {
                first = outcome;
            }
            else {
                assertThat(outcome).as("chunks of sizes %s",
                        Arrays.toString(chunks.stream().mapToInt(c -> c.length).toArray())).isEqualTo(first);
            }
        }
        assertThat(first).containsExactly("login: maildrop locked", "caps: {TOP=[], UIDL=[], USER=[]}",
                "stat: Stat[messages=2, octets=60]", "list: {1=38, 2=22}", "uidl: {1=uid-one, 2=uid-two}",
                "retr: Subject: one\r\n\r\n.dot\r\n", "top: Subject: two\r\n\r\nfirst\r\n",
                "dele failed: DELE failed: -ERR no such message", "quit: bye",
                "wire: APOP alice " + APOPCredentials.digest("<77.1@example.org>", "s3cret")
                        + "\r\nCAPA\r\nSTAT\r\nLIST\r\nUIDL\r\nRETR 1\r\nTOP 2 1\r\nDELE 9\r\nQUIT\r\n",
                "closed");
    }

    private static List<String> run(List<byte[]> chunks) {
        POP3Client client = new POP3Client(new Clock());
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
        transport.setProtocol(client);
        client.makeConnection(transport);
        List<String> outcome = new ArrayList<>();
        record("login", client.login("alice", "s3cret".toCharArray()), outcome);
        record("caps", client.capabilities(), outcome);
        record("stat", client.stat(), outcome);
        record("list", client.listSize(), outcome);
        record("uidl", client.listUID(), outcome);
        record("retr", client.retrieve(1), outcome);
        record("top", client.top(2, 1), outcome);
        record("dele", client.delete(9), outcome);
        record("quit", client.quit(), outcome);
        for (byte[] chunk : chunks) {
            client.dataReceived(chunk);
        }
        outcome.add("wire: " + transport.valueAsString());
        outcome.add(transport.isDisconnecting() ? "closed" : "open");
        return outcome;
    }

    private static void record(String name, Deferred<?> result, List<String> outcome) {
        result.addCallbacks(value -> {
            outcome.add(name + ": " + ((value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.US_ASCII)
                    : value));
            return null;
        }, failure -> {
            outcome.add(name + " failed: " + failure.value().getMessage());
            return null;
        });
    }
}
