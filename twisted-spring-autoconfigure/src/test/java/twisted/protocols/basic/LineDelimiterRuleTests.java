package twisted.protocols.basic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.internet.Protocol;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delimiter rule the docs state (issue 10, item 5): {@code printf 'SET a b\n' | nc} sends no
 * line to a protocol left on the default {@code \r\n}; {@code nc -C} or {@code \r\n} does, and so
 * does {@code \n} once the protocol sets it. Bytes are fed one at a time, as a slow client sends
 * them.
 */
class LineDelimiterRuleTests {

    static class Lines extends LineReceiver {

        final List<String> lines = new ArrayList<>();

        Lines() {
        }

        Lines(String delimiter) {
            setDelimiter(delimiter.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void lineReceived(String line) {
            this.lines.add(line);
        }
    }

    static class OnlyLines extends LineOnlyReceiver {

        final List<String> lines = new ArrayList<>();

        OnlyLines() {
        }

        OnlyLines(String delimiter) {
            setDelimiter(delimiter.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void lineReceived(String line) {
            this.lines.add(line);
        }
    }

    private static void feedOneByteAtATime(Protocol protocol, String data) {
        protocol.makeConnection(new StringTransport());
        for (byte b : data.getBytes(StandardCharsets.US_ASCII)) {
            protocol.dataReceived(new byte[] {b});
        }
    }

    @Test
    void theDefaultDelimiterIsCrLfSoAUnixLineEndIsNoLine() {
        Lines receiver = new Lines();
        assertThat(receiver.getDelimiter()).isEqualTo(new byte[] {'\r', '\n'});
        feedOneByteAtATime(receiver, "SET a b\n");
        assertThat(receiver.lines).isEmpty();
    }

    @Test
    void crLfAsSentByNcMinusCIsALine() {
        Lines receiver = new Lines();
        feedOneByteAtATime(receiver, "SET a b\r\n");
        assertThat(receiver.lines).containsExactly("SET a b");
    }

    @Test
    void aProtocolThatSetsTheNewlineDelimiterTakesUnixLines() {
        Lines receiver = new Lines("\n");
        feedOneByteAtATime(receiver, "SET a b\n");
        assertThat(receiver.lines).containsExactly("SET a b");
    }

    @Test
    void lineOnlyReceiverFollowsTheSameRule() {
        OnlyLines crlf = new OnlyLines();
        feedOneByteAtATime(crlf, "SET a b\n");
        assertThat(crlf.lines).isEmpty();
        OnlyLines withCrLf = new OnlyLines();
        feedOneByteAtATime(withCrLf, "SET a b\r\n");
        assertThat(withCrLf.lines).containsExactly("SET a b");
        OnlyLines unix = new OnlyLines("\n");
        feedOneByteAtATime(unix, "SET a b\n");
        assertThat(unix.lines).containsExactly("SET a b");
    }
}
