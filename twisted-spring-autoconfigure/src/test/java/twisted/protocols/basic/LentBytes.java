package twisted.protocols.basic;

import java.util.Arrays;
import java.util.Objects;

import twisted.internet.Protocol;
import twisted.internet.ReceivedBytes;

/**
 * Test fixture: {@link ReceivedBytes} lent the way the Netty transport lends a read. It works on
 * its own copy of the bytes; when the call it was lent to returns, it overwrites that copy and
 * refuses every later use, so a receiver that kept lent bytes instead of copying them is caught.
 * It counts the bytes copied out of it, through the public interface only.
 */
final class LentBytes implements ReceivedBytes {

    private final byte[] bytes;

    private boolean returned;

    private int copied;

    private LentBytes(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** Lends {@code data} to {@code receiver} for one {@code dataReceived} call, then takes it back. */
    static LentBytes deliver(Protocol receiver, byte[] data) {
        LentBytes lent = new LentBytes(data);
        try {
            receiver.dataReceived(lent);
        }
        finally {
            Arrays.fill(lent.bytes, (byte) '#');
            lent.returned = true;
        }
        return lent;
    }

    /** How many bytes were copied out while lent. */
    int copied() {
        return this.copied;
    }

    private void check() {
        if (this.returned) {
            throw new IllegalStateException("lent bytes used after the call returned");
        }
    }

    @Override
    public int length() {
        check();
        return this.bytes.length;
    }

    @Override
    public byte get(int index) {
        check();
        return this.bytes[index];
    }

    @Override
    public int indexOf(byte value, int from, int to) {
        check();
        Objects.checkFromToIndex(from, to, this.bytes.length);
        for (int i = from; i < to; i++) {
            if (this.bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void copyTo(int index, byte[] destination, int destinationIndex, int length) {
        check();
        System.arraycopy(this.bytes, index, destination, destinationIndex, length);
        this.copied += length;
    }
}
