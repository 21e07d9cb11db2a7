package twisted.internet.netty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    /** Reads eight bytes of a buffer as one little-endian long, at any index. */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** From this many bytes on, a search goes through a {@code ByteBuffer} view (one small object). */
    private static final int VIEW_THRESHOLD = 256;

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

    /**
     * {@inheritDoc}
     *
     * <p>Reads eight bytes at a time (the SWAR search of {@code ReceiveBuffer} and Netty's
     * {@code SWARUtil}). {@code ByteBuf.indexOf} on the pooled buffers of a read went byte by byte,
     * about 1 ns per byte through the buffer's wrappers, 4 us of a 4 KiB line; {@code getLongLE}
     * per word still cost 0.6 us of one (issue 9). A long range is therefore read through one
     * {@code ByteBuffer} view of the memory.
     */
    @Override
    public int indexOf(byte value, int from, int to) {
        ByteBuf b = buf();
        Objects.checkFromToIndex(from, to, this.length);
        if (to - from >= VIEW_THRESHOLD && b.nioBufferCount() == 1) {
            int found = indexOf(b.nioBuffer(this.offset + from, to - from), value);
            return (found < 0) ? -1 : from + found;
        }
        long pattern = (value & 0xFFL) * 0x0101010101010101L;
        int i = this.offset + from;
        int end = this.offset + to;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long input = b.getLongLE(i) ^ pattern;
            long zeroes = ~(((input & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | input | LOW_SEVEN_BITS);
            if (zeroes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroes) >>> 3) - this.offset;
            }
        }
        for (; i < end; i++) {
            if (b.getByte(i) == value) {
                return i - this.offset;
            }
        }
        return -1;
    }

    /** The first index (from 0) of {@code value} in the whole of {@code view}, or -1. */
    private static int indexOf(ByteBuffer view, byte value) {
        long pattern = (value & 0xFFL) * 0x0101010101010101L;
        int end = view.limit();
        int i = 0;
        for (; i <= end - Long.BYTES; i += Long.BYTES) {
            long input = (long) LONGS.get(view, i) ^ pattern;
            long zeroes = ~(((input & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | input | LOW_SEVEN_BITS);
            if (zeroes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroes) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (view.get(i) == value) {
                return i;
            }
        }
        return -1;
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
