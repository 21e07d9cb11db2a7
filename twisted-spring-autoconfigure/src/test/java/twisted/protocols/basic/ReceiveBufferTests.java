package twisted.protocols.basic;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import twisted.internet.ReceivedBytes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static twisted.protocols.basic.Chunkings.ascii;

class ReceiveBufferTests {

    private static final byte[] CRLF = ascii("\r\n");

    private final ReceiveBuffer buffer = new ReceiveBuffer();

    @Test
    void newBufferIsEmpty() {
        assertThat(this.buffer.isEmpty()).isTrue();
        assertThat(this.buffer.size()).isZero();
        assertThat(this.buffer.takeAll()).isEmpty();
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(-1);
    }

    @Test
    void bytesComeOutInTheOrderTheyWentIn() {
        this.buffer.append(ascii("hello "));
        this.buffer.append(new byte[0]);
        this.buffer.append(ascii("world"));
        assertThat(ascii(this.buffer.take(3))).isEqualTo("hel");
        assertThat(this.buffer.get(0)).isEqualTo('l');
        this.buffer.skip(3);
        assertThat(ascii(this.buffer.peek(2))).isEqualTo("wo");
        assertThat(ascii(this.buffer.takeAll())).isEqualTo("world");
        assertThat(this.buffer.isEmpty()).isTrue();
    }

    @Test
    void appendedArrayIsCopied() {
        byte[] data = ascii("abc");
        this.buffer.append(data);
        data[0] = 'x';
        assertThat(ascii(this.buffer.takeAll())).isEqualTo("abc");
    }

    @Test
    void getReadsBytesAsUnsigned() {
        this.buffer.append(new byte[] {(byte) 0xFF, 0x01});
        assertThat(this.buffer.get(0)).isEqualTo(255);
        assertThat(this.buffer.get(1)).isEqualTo(1);
    }

    @Test
    void growsAndCompactsWithoutLosingBytes() {
        StringBuilder expected = new StringBuilder();
        StringBuilder taken = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String chunk = "chunk" + i + ";".repeat(i % 300);
            this.buffer.append(ascii(chunk));
            expected.append(chunk);
            if (i % 3 == 0) {
                taken.append(ascii(this.buffer.take(this.buffer.size() / 2)));
            }
        }
        taken.append(ascii(this.buffer.takeAll()));
        assertThat(taken.toString()).isEqualTo(expected.toString());
    }

    @Test
    void indexOfFindsTheFirstDelimiterRelativeToTheReadPosition() {
        this.buffer.append(ascii("ab\r\ncd\r\n"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(2);
        this.buffer.skip(4);
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(2);
    }

    @Test
    void indexOfFindsADelimiterSplitAcrossAppends() {
        this.buffer.append(ascii("abc\r"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(-1);
        this.buffer.append(ascii("\n"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(3);
    }

    @Test
    void indexOfFindsTheDelimiterAtEveryPositionAndAlignment() {
        // Near misses around it: a lone CR, a lone LF, and bytes that differ from CR or LF only in
        // the high bit or the lowest bit, so the eight-bytes-at-a-time search must not match them.
        byte[] filler = {(byte) 0x8D, 0x0C, '\n', (byte) 0xFF, 0x00, '\r', 'x', (byte) 0x8A, 0x0E};
        for (int skipped = 0; skipped < 9; skipped++) {
            for (int position = 0; position < 40; position++) {
                ReceiveBuffer buffer = new ReceiveBuffer();
                byte[] data = new byte[skipped + position + 2 + 11];
                for (int i = 0; i < data.length; i++) {
                    data[i] = filler[i % filler.length];
                }
                data[skipped + position] = '\r';
                data[skipped + position + 1] = '\n';
                buffer.append(data);
                buffer.skip(skipped);
                assertThat(buffer.indexOf(CRLF)).as("skipped %d, at %d", skipped, position).isEqualTo(position);
            }
        }
    }

    @Test
    void bytesDifferingFromTheDelimiterInOneBitAreNotFound() {
        byte[] data = new byte[64];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i % 2 == 0) ? 0x8D : 0x0B);
        }
        this.buffer.append(data);
        assertThat(this.buffer.indexOf(ascii("\r"))).isEqualTo(-1);
        this.buffer.append(ascii("\r"));
        assertThat(this.buffer.indexOf(ascii("\r"))).isEqualTo(64);
    }

    @Test
    void failedSearchStaysValidAfterSkipping() {
        this.buffer.append(ascii("xxxxxx\r"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(-1);
        this.buffer.skip(4);
        this.buffer.append(ascii("\nrest"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(2);
    }

    @Test
    void searchForAnotherDelimiterStartsAgainFromTheFront() {
        this.buffer.append(ascii("a\nb"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(-1);
        assertThat(this.buffer.indexOf(ascii("\n"))).isEqualTo(1);
    }

    @Test
    void prependedBytesAreReadFirst() {
        this.buffer.append(ascii("xyz"));
        this.buffer.skip(1);
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(-1);
        this.buffer.prepend(ascii("a\r\n"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(1);
        assertThat(ascii(this.buffer.takeAll())).isEqualTo("a\r\nyz");
    }

    @Test
    void lentArrayIsReadInPlaceAndItsTailCopiedOnSettle() {
        byte[] data = ascii("abc\r\nde");
        this.buffer.lend(data);
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(3);
        assertThat(ascii(this.buffer.take(3))).isEqualTo("abc");
        this.buffer.skip(2);
        this.buffer.settle();
        data[5] = 'x';
        assertThat(ascii(this.buffer.takeAll())).isEqualTo("de");
        assertThat(data).isEqualTo(ascii("abc\r\nxe"));
    }

    @Test
    void appendingToLentBytesCopiesTheirTailFirst() {
        byte[] data = ascii("ab");
        this.buffer.lend(data);
        this.buffer.skip(1);
        this.buffer.append(ascii("c"));
        data[1] = 'x';
        this.buffer.settle();
        assertThat(ascii(this.buffer.takeAll())).isEqualTo("bc");
    }

    @Test
    void lentReceivedBytesAreReadInPlaceAndTheirTailCopiedOnSettle() {
        byte[] data = ascii("x\r\nyz");
        this.buffer.lend(ReceivedBytes.of(data));
        assertThat(this.buffer.size()).isEqualTo(5);
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(1);
        assertThat(this.buffer.get(0)).isEqualTo('x');
        this.buffer.skip(3);
        this.buffer.settle();
        Arrays.fill(data, (byte) '#');
        assertThat(this.buffer.size()).isEqualTo(2);
        assertThat(ascii(this.buffer.peek(2))).isEqualTo("yz");
    }

    @Test
    void fullyConsumedLentBytesLeaveAnEmptyBufferThatCanBeLentAgain() {
        this.buffer.lend(ascii("ab"));
        this.buffer.skip(2);
        assertThat(this.buffer.isEmpty()).isTrue();
        this.buffer.settle();
        this.buffer.lend(ReceivedBytes.of(ascii("cd")));
        assertThat(ascii(this.buffer.takeAll())).isEqualTo("cd");
    }

    @Test
    void lendingToABufferThatHoldsBytesIsRefused() {
        this.buffer.append(ascii("a"));
        assertThatIllegalStateException()
                .isThrownBy(() -> this.buffer.lend(ascii("b")));
    }

    @Test
    void failedSearchOverLentBytesResumesAfterSettle() {
        this.buffer.lend(ascii("abc\r"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(-1);
        this.buffer.settle();
        this.buffer.append(ascii("\n"));
        assertThat(this.buffer.indexOf(CRLF)).isEqualTo(3);
    }
}
