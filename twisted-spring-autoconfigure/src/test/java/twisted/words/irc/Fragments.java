package twisted.words.irc;

import java.util.List;

import twisted.internet.Protocol;
import twisted.protocols.basic.Chunkings;

/**
 * Test fixture for the IRC tests: the ways one stream of bytes can reach {@code dataReceived}
 * (whole, split in two at every boundary, one byte at a time), so a test can check that each gives
 * the same result.
 */
public final class Fragments {

    private Fragments() {
    }

    /**
     * Every fragmentation of the bytes: whole, split in two at each boundary, and one byte at a
     * time; fresh arrays each.
     *
     * @param data the stream
     * @return the chunk lists
     */
    public static List<List<byte[]>> of(byte[] data) {
        return Chunkings.of(data);
    }

    /**
     * Feeds the chunks to a protocol, in order.
     *
     * @param protocol a connected protocol
     * @param chunks the chunks
     */
    public static void feed(Protocol protocol, List<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            protocol.dataReceived(chunk);
        }
    }
}
