package twisted.protocols.basic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.protocols.basic.Chunkings.ascii;

class Int32StringReceiverTests {

    private final StringTransport transport = new StringTransport();

    private final List<String> strings = new ArrayList<>();

    private Int32StringReceiver connected() {
        Int32StringReceiver receiver = new Int32StringReceiver() {
            @Override
            public void stringReceived(byte[] string) {
                Int32StringReceiverTests.this.strings.add(ascii(string));
            }
        };
        receiver.makeConnection(this.transport);
        return receiver;
    }

    @Test
    void prefixIs4Bytes() {
        Int32StringReceiver receiver = connected();
        assertThat(receiver.getPrefixLength()).isEqualTo(4);
        receiver.dataReceived(IntNStringReceiverTests.frames(4, "hello"));
        assertThat(this.strings).containsExactly("hello");
    }

    @Test
    void sendStringWritesAFourByteLength() {
        Int32StringReceiver receiver = connected();
        receiver.sendString(new byte[70000]);
        byte[] written = this.transport.value();
        assertThat(written).hasSize(4 + 70000);
        assertThat(Arrays.copyOf(written, 4)).isEqualTo(new byte[] {0, 1, 0x11, 0x70});
    }
}
