package twisted.internet.netty;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class NettyReceivedBytesTests {

    /** A direct buffer whose readable bytes start after two already-read ones, as after a decoder. */
    private final ByteBuf buf = Unpooled.directBuffer(16).writeBytes(ascii("xxab\r\ncd")).skipBytes(2);

    @AfterEach
    void release() {
        this.buf.release();
    }

    @Test
    void indexesCountFromTheFirstReadableByte() {
        NettyReceivedBytes bytes = new NettyReceivedBytes(this.buf);
        assertThat(bytes.length()).isEqualTo(6);
        assertThat(bytes.get(0)).isEqualTo((byte) 'a');
        assertThat(bytes.indexOf((byte) '\n', 0, 6)).isEqualTo(3);
        assertThat(bytes.indexOf((byte) 'x', 0, 6)).isEqualTo(-1);
        assertThat(bytes.indexOf((byte) 'c', 0, 4)).isEqualTo(-1);
        assertThat(bytes.indexOf((byte) 'c', 4, 4)).isEqualTo(-1);
    }

    @Test
    void searchFindsEveryPositionInLongRanges() {
        ByteBuf wide = Unpooled.directBuffer(64).writeZero(3);
        try {
            for (int i = 0; i < 40; i++) {
                wide.writeByte('a' + (i % 20));
            }
            NettyReceivedBytes bytes = new NettyReceivedBytes(wide.skipBytes(3));
            for (int value = 0; value < 20; value++) {
                assertThat(bytes.indexOf((byte) ('a' + value), 0, 40)).isEqualTo(value);
                assertThat(bytes.indexOf((byte) ('a' + value), value + 1, 40)).isEqualTo(value + 20);
                assertThat(bytes.indexOf((byte) ('a' + value), value + 1, value + 20)).isEqualTo(-1);
            }
            assertThat(bytes.indexOf((byte) 0xFF, 0, 40)).isEqualTo(-1);
        }
        finally {
            wide.release();
        }
    }

    @Test
    void searchOfLongRangesFindsTheFirstMatchEverywhere() {
        ByteBuf wide = Unpooled.directBuffer(2048).writeZero(5);
        try {
            wide.writeBytes(new byte[1500]);
            NettyReceivedBytes bytes = new NettyReceivedBytes(wide.skipBytes(5));
            for (int at : new int[] {0, 7, 8, 255, 256, 1000, 1497, 1499}) {
                wide.setByte(5 + at, '\n');
                assertThat(bytes.indexOf((byte) '\n', 0, 1500)).as("at %d", at).isEqualTo(at);
                assertThat(bytes.indexOf((byte) '\n', 0, at)).isEqualTo(-1);
                wide.setByte(5 + at, 0);
            }
            assertThat(bytes.indexOf((byte) '\n', 0, 1500)).isEqualTo(-1);
        }
        finally {
            wide.release();
        }
    }

    @Test
    void copiesComeFromTheReadableBytes() {
        NettyReceivedBytes bytes = new NettyReceivedBytes(this.buf);
        assertThat(new String(bytes.copy(4, 6), StandardCharsets.US_ASCII)).isEqualTo("cd");
        assertThat(new String(bytes.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("ab\r\ncd");
        byte[] into = new byte[4];
        bytes.copyTo(0, into, 1, 2);
        assertThat(into).containsExactly(0, 'a', 'b', 0);
        assertThat(this.buf.readerIndex()).isEqualTo(2);
    }

    @Test
    void rangesOutsideTheReadableBytesAreRefused() {
        NettyReceivedBytes bytes = new NettyReceivedBytes(this.buf);
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> bytes.get(6));
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> bytes.copy(5, 7));
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> bytes.indexOf((byte) 'a', -1, 2));
    }

    @Test
    void everyUseAfterTheLoanEndsIsRefused() {
        NettyReceivedBytes bytes = new NettyReceivedBytes(this.buf);
        bytes.end();
        assertThatIllegalStateException().isThrownBy(bytes::length);
        assertThatIllegalStateException().isThrownBy(() -> bytes.get(0));
        assertThatIllegalStateException().isThrownBy(() -> bytes.indexOf((byte) 'a', 0, 1));
        assertThatIllegalStateException().isThrownBy(bytes::toByteArray);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
