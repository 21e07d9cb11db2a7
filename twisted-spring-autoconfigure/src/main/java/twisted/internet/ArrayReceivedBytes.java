package twisted.internet;

import java.util.Arrays;
import java.util.Objects;

/** {@link ReceivedBytes} over a whole array, made by {@link ReceivedBytes#of(byte[])}. */
final class ArrayReceivedBytes implements ReceivedBytes {

    private final byte[] data;

    ArrayReceivedBytes(byte[] data) {
        this.data = data;
    }

    @Override
    public int length() {
        return this.data.length;
    }

    @Override
    public byte get(int index) {
        return this.data[index];
    }

    @Override
    public int indexOf(byte value, int from, int to) {
        Objects.checkFromToIndex(from, to, this.data.length);
        for (int i = from; i < to; i++) {
            if (this.data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void copyTo(int index, byte[] destination, int destinationIndex, int length) {
        System.arraycopy(this.data, index, destination, destinationIndex, length);
    }

    @Override
    public byte[] copy(int from, int to) {
        Objects.checkFromToIndex(from, to, this.data.length);
        return Arrays.copyOfRange(this.data, from, to);
    }

    @Override
    public String toString() {
        return "ReceivedBytes[" + this.data.length + " bytes]";
    }
}
