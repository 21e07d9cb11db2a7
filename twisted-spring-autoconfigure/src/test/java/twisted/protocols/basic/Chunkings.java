package twisted.protocols.basic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import twisted.internet.Protocol;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: the ways one stream of bytes can reach {@code dataReceived}. A framing receiver
 * must give the same result for each.
 */
public final class Chunkings {

    /** Whether {@link #feed} lends each chunk as {@link LentBytes} (the transport's way) instead of an array. */
    private static boolean lending;

    private Chunkings() {
    }

    /** A test receiver that records what it delivers, as text. */
    interface Recording {

        List<String> events();
    }

    /**
     * Connects a fresh receiver to a fresh {@link StringTransport} and feeds it the chunks.
     *
     * @return the receiver's events, then {@code "closed"} if it closed the connection
     */
    static <P extends Protocol & Recording> List<String> feed(Supplier<P> make, List<byte[]> chunks) {
        P receiver = make.get();
        StringTransport transport = new StringTransport();
        receiver.makeConnection(transport);
        for (byte[] chunk : chunks) {
            if (lending) {
                LentBytes.deliver(receiver, chunk);
            }
            else {
                receiver.dataReceived(chunk);
            }
        }
        List<String> result = new ArrayList<>(receiver.events());
        if (transport.isDisconnecting()) {
            result.add("closed");
        }
        return result;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes whole, split in two at every boundary, and one byte at a time; fresh arrays each.
     *
     * @param data the stream
     * @return the chunk lists
     */
    public static List<List<byte[]>> of(byte[] data) {
        List<List<byte[]>> chunkings = new ArrayList<>();
        chunkings.add(List.of(data.clone()));
        for (int at = 1; at < data.length; at++) {
            chunkings.add(List.of(Arrays.copyOfRange(data, 0, at), Arrays.copyOfRange(data, at, data.length)));
        }
        List<byte[]> bytewise = new ArrayList<>();
        for (byte b : data) {
            bytewise.add(new byte[] {b});
        }
        chunkings.add(bytewise);
        return chunkings;
    }

    /**
     * Runs {@code scenario} once per chunking of {@code data}, with the chunks given as arrays and
     * again lent as {@link LentBytes}, and checks that every run gives the result of the unsplit run.
     *
     * @return that result
     */
    static <T> T sameForEveryChunking(byte[] data, Function<List<byte[]>, T> scenario) {
        List<List<byte[]>> chunkings = of(data);
        T whole = scenario.apply(chunkings.get(0));
        for (List<byte[]> chunks : chunkings) {
            assertThat(scenario.apply(chunks)).as("chunks %s", describe(chunks)).isEqualTo(whole);
        }
        // The same again, each chunk lent as a transport lends a read, not handed over as an array.
        lending = true;
        try {
            for (List<byte[]> chunks : chunkings) {
                assertThat(scenario.apply(chunks)).as("lent chunks %s", describe(chunks)).isEqualTo(whole);
            }
        }
        finally {
            lending = false;
        }
        return whole;
    }

    /** {@link #sameForEveryChunking(byte[], Function)} for text whose characters are all bytes. */
    static <T> T sameForEveryChunking(String data, Function<List<byte[]>, T> scenario) {
        return sameForEveryChunking(ascii(data), scenario);
    }

    private static List<String> describe(List<byte[]> chunks) {
        return chunks.stream().map(Chunkings::ascii).toList();
    }
}
