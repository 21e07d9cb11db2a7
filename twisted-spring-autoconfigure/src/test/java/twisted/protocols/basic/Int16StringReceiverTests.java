package twisted.protocols.basic;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.Chunkings.ascii;

class Int16StringReceiverTests {

    private final StringTransport transport = new StringTransport();

    private final List<String> strings = new ArrayList<>();

    private Int16StringReceiver connected() {
        Int16StringReceiver receiver = new Int16StringReceiver() {
            @Override
            public void stringReceived(byte[] string) {
                Int16StringReceiverTests.this.strings.add(ascii(string));
            }
        };
        receiver.makeConnection(this.transport);
        return receiver;
    }

    @Test
    void prefixIs2Bytes() {
        Int16StringReceiver receiver = connected();
        assertThat(receiver.getPrefixLength()).isEqualTo(2);
        receiver.dataReceived(IntNStringReceiverTests.frames(2, "hello"));
        assertThat(this.strings).containsExactly("hello");
    }

    @Test
    void longestStringThePrefixCanExpressIsSent() {
        Int16StringReceiver receiver = connected();
        receiver.sendString(new byte[65535]);
        assertThat(this.transport.value()).hasSize(2 + 65535);
    }

    @Test
    void stringTooLongForThePrefixIsRefusedAndNothingIsWritten() {
        Int16StringReceiver receiver = connected();
        assertThatExceptionOfType(StringTooLongException.class).isThrownBy(() -> receiver.sendString(new byte[65536]))
                .withMessage("string length (65536) exceeds the most a 2-byte prefix can express (65535)");
        assertThat(this.transport.value()).isEmpty();
    }
}
