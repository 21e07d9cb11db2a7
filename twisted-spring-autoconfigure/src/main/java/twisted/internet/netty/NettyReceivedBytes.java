package twisted.internet.netty;

import java.util.Objects;

import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;
import twisted.internet.ReceivedBytes;

/**
 * The readable bytes of one read's {@code ByteBuf}, lent to {@code Protocol.dataReceived} without
 * a copy. {@link NettyTransport} ends the loan when the call returns, before it releases the
 * buffer; from then on every method throws, so a protocol that kept the object fails loudly
 * instead of reading a recycled buffer.
 */
final class NettyReceivedBytes implements ReceivedBytes {

    private @Nullable ByteBuf buf;

    private final int offset;

    private final int length;

    NettyReceivedBytes(ByteBuf buf) {
        this.buf = buf;
        this.offset = buf.readerIndex();
        this.length = buf.readableBytes();
    }

    /** Ends the loan; called before the buffer is released. */
    void end() {
        this.buf = null;
    }

    private ByteBuf buf() {
        ByteBuf b = this.buf;
        if (b == null) {
            throw new IllegalStateException("received bytes are lent to dataReceived only until it returns; copy them");
        }
        return b;
    }

    @Override
    public int length() {
        buf();
        return this.length;
    }

    @Override
    public byte get(int index) {
        return buf().getByte(this.offset + Objects.checkIndex(index, this.length));
    }

    @Override
    public int indexOf(byte value, int from, int to) {
        ByteBuf b = buf();
        Objects.checkFromToIndex(from, to, this.length);
        if (from == to) {
            return -1;
        }
        int found = b.indexOf(this.offset + from, this.offset + to, value);
        return (found < 0) ? -1 : found - this.offset;
    }

    @Override
    public void copyTo(int index, byte[] destination, int destinationIndex, int length) {
        ByteBuf b = buf();
        Objects.checkFromIndexSize(index, length, this.length);
        b.getBytes(this.offset + index, destination, destinationIndex, length);
    }

    @Override
    public String toString() {
        return "ReceivedBytes[" + this.length + " bytes" + ((this.buf == null) ? ", returned]" : "]");
    }
}
