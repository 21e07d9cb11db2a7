package twisted.protocols.basic;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.protocols.basic.Chunkings.ascii;

class Int8StringReceiverTests {

    private final StringTransport transport = new StringTransport();

    private final List<String> strings = new ArrayList<>();

    private Int8StringReceiver connected() {
        Int8StringReceiver receiver = new Int8StringReceiver() {
            @Override
            public void stringReceived(byte[] string) {
                Int8StringReceiverTests.this.strings.add(ascii(string));
            }
        };
        receiver.makeConnection(this.transport);
        return receiver;
    }

    @Test
    void prefixIs1Byte() {
        Int8StringReceiver receiver = connected();
        assertThat(receiver.getPrefixLength()).isEqualTo(1);
        receiver.dataReceived(IntNStringReceiverTests.frames(1, "hello"));
        assertThat(this.strings).containsExactly("hello");
    }

    @Test
    void longestStringThePrefixCanExpressIsSent() {
        Int8StringReceiver receiver = connected();
        receiver.sendString(new byte[255]);
        assertThat(this.transport.value()).hasSize(1 + 255);
    }

    @Test
    void stringTooLongForThePrefixIsRefusedAndNothingIsWritten() {
        Int8StringReceiver receiver = connected();
        assertThatExceptionOfType(StringTooLongException.class).isThrownBy(() -> receiver.sendString(new byte[256]))
                .withMessage("string length (256) exceeds the most a 1-byte prefix can express (255)");
        assertThat(this.transport.value()).isEmpty();
    }
}
