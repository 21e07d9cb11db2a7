package twisted.protocols.basic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import twisted.internet.Protocol;
import twisted.testing.StringTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture for the framing fuzz targets: one stream of bytes, and the ways the fuzzer cuts it
 * into the chunks a transport would deliver, each handed over as an array or lent as
 * {@link LentBytes} (the Netty transport's way). A framing receiver must give the same outcome for
 * every cut; {@link #sameOutcomeForEveryCut} checks that.
 *
 * <p>Public for the fuzz targets of other packages (the IRC framing's, in {@code twisted.words.irc}).
 *
 * <p>Read the fuzzer's choices first ({@link #read}) and the stream last: the stream is the rest of
 * the input, so the corpus files stay readable (their tail is the bytes on the wire).
 */
public final class FuzzedStream {

    /** Streams up to this long are also fed one byte at a time, the cut most likely to break a parser. */
    private static final int BYTEWISE_LIMIT = 256;

    private final byte[] bytes;

    private final int[] cutsAt;

    private final long lent;

    private FuzzedStream(byte[] bytes, int[] cutsAt, long lent) {
        this.bytes = bytes;
        this.cutsAt = cutsAt;
        this.lent = lent;
    }

    /** Reads up to 16 cut positions and which chunks to lend, then takes the rest of the input as the stream. */
    public static FuzzedStream read(FuzzedDataProvider data) {
        int[] cutsAt = new int[data.consumeInt(0, 16)];
        for (int i = 0; i < cutsAt.length; i++) {
            cutsAt[i] = data.consumeInt(0, Integer.MAX_VALUE);
        }
        long lent = data.consumeLong();
        return new FuzzedStream(data.consumeRemainingAsBytes(), cutsAt, lent);
    }

    /** Other bytes, cut and lent as the fuzzer chose for these: for the bytes a round trip sends back. */
    public FuzzedStream withBytes(byte[] other) {
        return new FuzzedStream(other.clone(), this.cutsAt, this.lent);
    }

    public byte[] bytes() {
        return this.bytes.clone();
    }

    /** One chunk, and whether it is lent rather than handed over as an array. */
    public record Chunk(byte[] bytes, boolean lend) {
    }

    /** The stream in one array chunk. */
    public List<Chunk> whole() {
        return List.of(new Chunk(this.bytes.clone(), false));
    }

    /** The stream cut where the fuzzer chose, each chunk lent or not as the fuzzer chose. */
    public List<Chunk> fuzzerCut() {
        TreeSet<Integer> positions = new TreeSet<>();
        for (int at : this.cutsAt) {
            positions.add(at % (this.bytes.length + 1));
        }
        positions.add(this.bytes.length);
        List<Chunk> chunks = new ArrayList<>();
        int from = 0;
        for (int to : positions) {
            if (to > from) {
                chunks.add(new Chunk(Arrays.copyOfRange(this.bytes, from, to), ((this.lent >>> (chunks.size() % 64)) & 1) != 0));
            }
            from = to;
        }
        return chunks;
    }

    /** The stream one byte at a time, lent. */
    public List<Chunk> bytewise() {
        List<Chunk> chunks = new ArrayList<>();
        for (byte b : this.bytes) {
            chunks.add(new Chunk(new byte[] {b}, true));
        }
        return chunks;
    }

    /** The cuts every target tries: whole, the fuzzer's, and (for short streams) byte by byte. */
    public List<List<Chunk>> cuts() {
        return (this.bytes.length <= BYTEWISE_LIMIT) ? List.of(whole(), fuzzerCut(), bytewise())
                : List.of(whole(), fuzzerCut());
    }

    /**
     * Runs {@code scenario} on each of {@link #cuts()} and checks that every run has the outcome of
     * the whole stream.
     *
     * @return that outcome
     */
    public <T> T sameOutcomeForEveryCut(Function<List<Chunk>, T> scenario) {
        List<List<Chunk>> cuts = cuts();
        T whole = scenario.apply(cuts.get(0));
        for (List<Chunk> cut : cuts.subList(1, cuts.size())) {
            assertThat(scenario.apply(cut)).as("outcome when cut into %s", describe(cut)).isEqualTo(whole);
        }
        return whole;
    }

    /**
     * Connects a fresh receiver to a fresh {@link StringTransport} and feeds it the chunks, calling
     * {@code afterEachChunk} after each one (to check bounds, or resume a paused receiver).
     *
     * @return the receiver, with its transport
     */
    public static <P extends Protocol> P feed(Supplier<P> make, List<Chunk> chunks, Consumer<P> afterEachChunk) {
        P receiver = make.get();
        receiver.makeConnection(new StringTransport());
        for (Chunk chunk : chunks) {
            if (chunk.lend()) {
                LentBytes.deliver(receiver, chunk.bytes());
            }
            else {
                receiver.dataReceived(chunk.bytes().clone());
            }
            afterEachChunk.accept(receiver);
        }
        return receiver;
    }

    /**
     * How many bytes a line receiver holds between chunks (its package-private {@code buffered()}),
     * for the bound checks of targets in other packages.
     */
    public static int buffered(LineReceiver receiver) {
        return receiver.buffered();
    }

    /** Whether {@code data} starts with {@code prefix} (AssertJ's {@code startsWith} refuses an empty prefix). */
    public static boolean startsWith(byte[] data, byte[] prefix) {
        return prefix.length <= data.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code data} holds {@code part} anywhere. */
    static boolean contains(byte[] data, byte[] part) {
        return indexOf(data, part) >= 0;
    }

    static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes as text for assertion messages and recorded events: printable ASCII as is, the rest escaped. */
    public static String show(byte[] data) {
        StringBuilder text = new StringBuilder();
        for (byte b : data) {
            int octet = b & 0xFF;
            if (octet >= 0x20 && octet < 0x7F && octet != '\\') {
                text.append((char) octet);
            }
            else {
                text.append(String.format("\\x%02x", octet));
            }
        }
        return text.toString();
    }

    private static List<String> describe(List<Chunk> chunks) {
        return chunks.stream().map(c -> (c.lend() ? "lent " : "") + show(c.bytes())).toList();
    }

    @Override
    public String toString() {
        return show(this.bytes);
    }
}
