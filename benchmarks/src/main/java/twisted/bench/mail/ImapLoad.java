package twisted.bench.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The IMAP benchmark's client (issue 14; run by {@code benchmarks/run-imap-load.sh}, results in
 * {@code docs/benchmarks.md}, "IMAP FETCH and SEARCH"). A plain-socket IMAP client written for
 * the benchmark alone, so that the measurement does not depend on our {@code IMAP4Client}: one
 * connection per phase, {@code LOGIN} and {@code SELECT INBOX}, then {@code --repeat} times each
 * operation, timed from the command's first byte sent to its tagged {@code OK} read:
 *
 * <ul>
 * <li>{@code fetch}: {@code FETCH 1:N (FLAGS RFC822.SIZE ENVELOPE BODY.PEEK[])} on the fetch user's
 * INBOX of N messages. Checked: exactly N untagged FETCH responses, one per sequence number, each
 * with a {@code BODY[]} literal as long as its {@code RFC822.SIZE}.</li>
 * <li>{@code unseen}, {@code subject}, {@code body}: {@code SEARCH UNSEEN}, {@code SEARCH SUBJECT needle},
 * {@code SEARCH BODY needle} on the search user's INBOX. Checked: the number of matches equals the
 * expected one (the generator's, {@link ImapMessages}). {@code --searches} picks which (all three unless
 * given).</li>
 * </ul>
 *
 * <p>The {@code SELECT} checks the mailbox holds the expected count ({@code EXISTS}). Prints a line
 * {@code RESULT label=... op=... samples_ms=a,b,... bytes=...} per operation for the script, and a
 * human summary (p50/p90/max from an HdrHistogram). Exit status 1 when any check failed.
 *
 * <pre>
 * java -cp benchmarks.jar twisted.bench.mail.ImapLoad --port P [--host 127.0.0.1] [--password bench]
 *     [--fetch-user fetch --fetch-count 1000] [--search-user search --search-count 10000
 *     --unseen U --subject S --body B [--searches unseen,subject,body]] [--repeat 5] [--label NAME]
 * </pre>
 */
public final class ImapLoad {

    private static final int MAX_LINE = 1 << 20;

    private static final long MAX_LITERAL = 64L << 20;

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}$");

    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\(");

    private static final Pattern SIZE = Pattern.compile("RFC822\\.SIZE (\\d+)");

    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS");

    private final Map<String, String> options;

    private final String label;

    private int failures;

    private ImapLoad(Map<String, String> options) {
        this.options = options;
        this.label = options.getOrDefault("label", "imap");
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --name value} pairs (see the class comment)
     * @throws Exception if it cannot connect
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Options are --name value: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        System.exit(new ImapLoad(options).run());
    }

    private int run() throws IOException {
        int repeat = Integer.parseInt(this.options.getOrDefault("repeat", "5"));
        if (this.options.containsKey("fetch-count")) {
            int count = Integer.parseInt(this.options.get("fetch-count"));
            try (Connection c = login(this.options.getOrDefault("fetch-user", "fetch"), count)) {
                List<Long> samples = new ArrayList<>();
                long bytes = 0;
                for (int r = 0; r < repeat; r++) {
                    long before = c.received;
                    long began = System.nanoTime();
                    Result result = c.command("FETCH 1:" + count + " (FLAGS RFC822.SIZE ENVELOPE BODY.PEEK[])");
                    samples.add(System.nanoTime() - began);
                    bytes = c.received - before;
                    checkFetch(result, count);
                }
                report("fetch", samples, bytes, count);
            }
        }
        if (this.options.containsKey("search-count")) {
            int count = Integer.parseInt(this.options.get("search-count"));
            try (Connection c = login(this.options.getOrDefault("search-user", "search"), count)) {
                String[][] searches = { { "unseen", "SEARCH UNSEEN" }, { "subject", "SEARCH SUBJECT needle" },
                    { "body", "SEARCH BODY needle" } };
                List<String> wanted = List.of(this.options.getOrDefault("searches", "unseen,subject,body").split(","));
                for (String[] search : searches) {
                    if (!wanted.contains(search[0])) {
                        continue;
                    }
                    int expected = Integer.parseInt(this.options.getOrDefault(search[0], "-1"));
                    List<Long> samples = new ArrayList<>();
                    long bytes = 0;
                    for (int r = 0; r < repeat; r++) {
                        long before = c.received;
                        long began = System.nanoTime();
                        Result result = c.command(search[1]);
                        samples.add(System.nanoTime() - began);
                        bytes = c.received - before;
                        checkSearch(search[0], result, expected);
                    }
                    report(search[0], samples, bytes, count);
                }
            }
        }
        System.out.println((this.failures == 0) ? "all checks passed" : "FAILED checks: " + this.failures);
        return (this.failures == 0) ? 0 : 1;
    }

    private Connection login(String user, int expected) throws IOException {
        Connection c = new Connection(this.options.getOrDefault("host", "127.0.0.1"),
                Integer.parseInt(this.options.get("port")));
        Response greeting = c.response();
        if (!greeting.text.startsWith("* OK")) {
            throw new IOException("greeting: " + greeting.text);
        }
        Result login = c.command("LOGIN " + user + " " + this.options.getOrDefault("password", "bench"));
        if (!login.ok()) {
            throw new IOException("LOGIN " + user + " refused: " + login.tagged);
        }
        long began = System.nanoTime();
        Result select = c.command("SELECT INBOX");
        long took = System.nanoTime() - began;
        if (!select.ok()) {
            throw new IOException("SELECT refused: " + select.tagged);
        }
        int exists = -1;
        for (Response r : select.untagged) {
            Matcher m = EXISTS.matcher(r.text);
            if (m.find()) {
                exists = Integer.parseInt(m.group(1));
            }
        }
        System.out.printf(Locale.ROOT, "%s SELECT INBOX of %s: %d messages, %.1f ms%n", this.label, user, exists,
                took / 1e6);
        if (exists != expected) {
            fail("SELECT INBOX of " + user + ": " + exists + " EXISTS, expected " + expected);
        }
        return c;
    }

    private void checkFetch(Result result, int count) {
        if (!result.ok()) {
            fail("FETCH: " + result.tagged);
            return;
        }
        BitSet seen = new BitSet(count + 1);
        int responses = 0;
        int bad = 0;
        for (Response r : result.untagged) {
            Matcher m = FETCH.matcher(r.text);
            if (!m.find()) {
                continue;
            }
            responses++;
            seen.set(Integer.parseInt(m.group(1)));
            Matcher size = SIZE.matcher(r.text);
            if (!size.find() || r.bodyLiteral < 0 || Long.parseLong(size.group(1)) != r.bodyLiteral
                    || !r.text.contains("ENVELOPE (") || !r.text.contains("FLAGS (")) {
                bad++;
            }
        }
        if (responses != count || seen.cardinality() != count || seen.nextSetBit(0) != 1 || bad != 0) {
            fail("FETCH: " + responses + " FETCH responses (" + seen.cardinality() + " distinct), expected " + count
                    + "; " + bad + " without FLAGS, ENVELOPE or a BODY[] as long as RFC822.SIZE");
        }
    }

    private void checkSearch(String name, Result result, int expected) {
        if (!result.ok()) {
            fail("SEARCH " + name + ": " + result.tagged);
            return;
        }
        int matches = 0;
        int lines = 0;
        for (Response r : result.untagged) {
            if (r.text.startsWith("* SEARCH")) {
                lines++;
                String rest = r.text.substring("* SEARCH".length()).trim();
                matches += rest.isEmpty() ? 0 : rest.split(" +").length;
            }
        }
        if (lines != 1 || matches != expected) {
            fail("SEARCH " + name + ": " + matches + " matches in " + lines + " SEARCH responses, expected "
                    + expected);
        }
    }

    private void report(String op, List<Long> samples, long bytes, int messages) {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        StringBuilder list = new StringBuilder();
        for (long sample : samples) {
            histogram.recordValue(sample / 1000);
            list.append(list.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.2f", sample / 1e6));
        }
        double p50 = histogram.getValueAtPercentile(50) / 1000.0;
        System.out.printf(Locale.ROOT, "%s %-7s n=%d p50 %.1f ms p90 %.1f ms max %.1f ms; %d bytes a response; "
                + "%.0f messages/s at p50%n", this.label, op, samples.size(), p50,
                histogram.getValueAtPercentile(90) / 1000.0, histogram.getMaxValue() / 1000.0, bytes,
                messages / (p50 / 1000));
        System.out.printf(Locale.ROOT, "RESULT label=%s op=%s messages=%d bytes=%d samples_ms=%s%n", this.label, op,
                messages, bytes, list);
    }

    private void fail(String message) {
        this.failures++;
        System.out.println("FAILED: " + this.label + ": " + message);
    }

    /** One response: its text with each literal's bytes left out, and the length of its BODY[] literal. */
    private record Response(String text, long bodyLiteral) {
    }

    /** A command's untagged responses and its tagged status line. */
    private record Result(List<Response> untagged, String tagged, String tag) {

        boolean ok() {
            return this.tagged.startsWith(this.tag + " OK");
        }
    }

    /** One connection. */
    private static final class Connection implements AutoCloseable {

        private final Socket socket;

        private final InputStream in;

        private final OutputStream out;

        private final byte[] skip = new byte[65536];

        private int tags;

        long received;

        Connection(String host, int port) throws IOException {
            this.socket = new Socket();
            this.socket.setTcpNoDelay(true);
            this.socket.setSoTimeout((int) TimeUnit.MINUTES.toMillis(5));
            this.socket.connect(new InetSocketAddress(host, port), 30_000);
            this.in = new BufferedInputStream(this.socket.getInputStream(), 65536);
            this.out = new BufferedOutputStream(this.socket.getOutputStream(), 4096);
        }

        Result command(String command) throws IOException {
            String tag = "b" + (++this.tags);
            this.out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            this.out.flush();
            List<Response> untagged = new ArrayList<>();
            while (true) {
                Response r = response();
                if (r.text.startsWith(tag + " ")) {
                    return new Result(untagged, r.text, tag);
                }
                untagged.add(r);
            }
        }

        /** A response, reading each literal's bytes (counted, not kept) and the line that goes on after it. */
        Response response() throws IOException {
            StringBuilder text = new StringBuilder();
            long body = -1;
            while (true) {
                String line = line();
                Matcher m = LITERAL.matcher(line);
                if (!m.find()) {
                    text.append(line);
                    return new Response(text.toString(), body);
                }
                long length = Long.parseLong(m.group(1));
                if (length > MAX_LITERAL) {
                    throw new IOException("literal of " + length + " bytes");
                }
                text.append(line, 0, m.start()).append("{}");
                if (line.endsWith("BODY[] {" + m.group(1) + "}")) {
                    body = length;
                }
                long left = length;
                while (left > 0) {
                    int n = this.in.read(this.skip, 0, (int) Math.min(left, this.skip.length));
                    if (n < 0) {
                        throw new EOFException("in a literal");
                    }
                    left -= n;
                    this.received += n;
                }
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            int previous = -1;
            while (true) {
                int b = this.in.read();
                if (b < 0) {
                    throw new EOFException("connection closed");
                }
                this.received++;
                if (b == '\n' && previous == '\r') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
                }
                if (line.size() >= MAX_LINE) {
                    throw new IOException("line longer than " + MAX_LINE);
                }
                line.write(b);
                previous = b;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                command("LOGOUT");
            }
            finally {
                this.socket.close();
            }
        }
    }
}
