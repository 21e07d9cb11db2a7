package twisted.bench.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * SMTP load benchmark (issue 13): {@code connections} plain blocking sockets, one thread each,
 * each sending messages of {@code size} bytes in a loop on its one connection, one transaction
 * per message and no pipelining: {@code MAIL FROM}, {@code RCPT TO}, {@code DATA}, the message and
 * its final dot, then wait for the reply, and again. It runs {@code warmup} seconds not measured,
 * then {@code duration} seconds measured; each connection finishes the transaction it is in and
 * says {@code QUIT}.
 *
 * <p>Only a {@code 250} after the final dot counts as a message accepted: for our server it means
 * the message is fsynced in the maildir's {@code new/}, for OpenSMTPD that it is committed to its
 * queue. The summary gives messages accepted per second in the measured window, the latency of
 * that final reply (from the first byte of the message written to the reply read; HdrHistogram,
 * microseconds) p50/p90/p99/p99.9/max, and every reply that was not the one expected (4xx/5xx),
 * by command and reply line.
 *
 * <p>The tool then checks its own work when given {@code --maildir} (the directory holding
 * {@code new/}): the number of files in {@code new/} that were not there at the start must equal
 * the number of {@code 250}s after DATA over the whole run (warm-up included). A server that
 * delivers after its {@code 250} (OpenSMTPD) gets up to {@code drain-timeout} seconds for its
 * queue to empty; the tool waits until the count is reached or stops moving for
 * {@code settle} seconds, and prints how long delivery went on after the last {@code 250} (an
 * upper bound: the first count is taken once every connection has said QUIT) and the files landed
 * per second from the first message sent to the last file seen, which is the rate such a server
 * sustains end to end. It also
 * reads a sample of the new files and checks each holds the message body (line endings compared
 * as LF, since a server may store either).
 *
 * <p>The load side is a neutral peer: plain {@link Socket}s and a few string tests, none of the
 * project's SMTP classes, so the measurement does not depend on them.
 *
 * <pre>
 * java -cp benchmarks.jar twisted.bench.mail.SmtpLoad --host 127.0.0.1 --port 25 --connections 8
 *     --size 4096 --duration 20 --warmup 5 [--maildir DIR] [--drain-timeout 120] [--settle 10]
 *     [--from load@bench.test] [--to bench@bench.test] [--label NAME]
 * </pre>
 *
 * Prints a Markdown table and one line {@code RESULT label=... key=value ...} for scripts. Exit
 * status 0 when no reply was unexpected, no connection was lost and the file count matched; 1
 * otherwise.
 */
public final class SmtpLoad {

    private static final int MAX_REPLY_LINE = 4096;

    private static final int MAX_REPLY_LINES = 100;

    private static final int MAX_ERRORS_PER_CONNECTION = 100;

    private final String host;

    private final int port;

    private final int connections;

    private final int size;

    private final int duration;

    private final int warmup;

    private final Path maildir;

    private final int drainTimeout;

    private final int settle;

    private final String from;

    private final String to;

    private final String label;

    private final byte[] body;

    private volatile long started;

    private volatile long warmupEnd;

    private volatile long windowEnd;

    private SmtpLoad(Map<String, String> options) {
        this.host = options.getOrDefault("host", "127.0.0.1");
        this.port = Integer.parseInt(options.getOrDefault("port", "25"));
        this.connections = Integer.parseInt(options.getOrDefault("connections", "8"));
        this.size = Integer.parseInt(options.getOrDefault("size", "4096"));
        this.duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        this.maildir = options.containsKey("maildir") ? Path.of(options.get("maildir")) : null;
        this.drainTimeout = Integer.parseInt(options.getOrDefault("drain-timeout", "120"));
        this.settle = Integer.parseInt(options.getOrDefault("settle", "10"));
        this.from = options.getOrDefault("from", "load@bench.test");
        this.to = options.getOrDefault("to", "bench@bench.test");
        this.label = options.getOrDefault("label", this.host + ":" + this.port);
        if (this.connections < 1 || this.size < 200 || this.duration < 1 || this.warmup < 0) {
            throw new IllegalArgumentException("Need connections >= 1, size >= 200, duration >= 1, warmup >= 0");
        }
        this.body = body(this.size - 128); // the headers take about 128 bytes
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --name value} or {@code --name=value} pairs (see the class comment)
     * @throws Exception if it cannot run
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Options are --name value: " + arg);
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                options.put(arg.substring(2, equals), arg.substring(equals + 1));
            }
            else {
                options.put(arg.substring(2), args[++i]);
            }
        }
        System.exit(new SmtpLoad(options).run());
    }

    private int run() throws Exception {
        System.out.printf(Locale.ROOT, "SMTP load: %s (%s:%d), %d connections, %d-byte messages, warmup %d s, "
                + "measured %d s%n", this.label, this.host, this.port, this.connections, this.size, this.warmup,
                this.duration);
        long filesBefore = (this.maildir != null) ? countNew() : 0;
        CyclicBarrier ready = new CyclicBarrier(this.connections + 1);
        List<Sender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < this.connections; i++) {
            Sender sender = new Sender(i, ready);
            senders.add(sender);
            Thread thread = new Thread(sender, "smtp-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        ready.await(60, TimeUnit.SECONDS);
        // every connection has had its greeting and EHLO answered; the clock starts now
        long start = System.nanoTime();
        this.started = start;
        this.warmupEnd = start + TimeUnit.SECONDS.toNanos(this.warmup);
        this.windowEnd = this.warmupEnd + TimeUnit.SECONDS.toNanos(this.duration);
        ready.await(60, TimeUnit.SECONDS);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(this.warmup + this.duration + 120));
        }
        long lastAccepted = 0;
        long acceptedTotal = 0;
        long acceptedInWindow = 0;
        int lost = 0;
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        Map<String, Integer> errors = new TreeMap<>();
        for (Sender sender : senders) {
            acceptedTotal += sender.acceptedTotal;
            acceptedInWindow += sender.acceptedInWindow;
            lastAccepted = Math.max(lastAccepted, sender.lastAccepted);
            latency.add(sender.latency);
            lost += sender.lost ? 1 : 0;
            sender.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum));
        }
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                System.out.println("FAILED: " + thread.getName() + " did not finish");
                lost++;
            }
        }
        int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();

        StringBuilder out = new StringBuilder();
        double seconds = this.duration;
        out.append(String.format(Locale.ROOT, "%n| measure | value |%n|---|---:|%n"));
        row(out, "connections / message size (bytes)", this.connections + " / " + this.size);
        row(out, "**accepted (250 after DATA) per second**",
                String.format(Locale.ROOT, "**%,.0f**", acceptedInWindow / seconds));
        row(out, "accepted in the window / in the whole run", acceptedInWindow + " / " + acceptedTotal);
        row(out, "final-250 latency p50 (ms)", ms(latency.getValueAtPercentile(50)));
        row(out, "final-250 latency p90 (ms)", ms(latency.getValueAtPercentile(90)));
        row(out, "**final-250 latency p99 (ms)**", "**" + ms(latency.getValueAtPercentile(99)) + "**");
        row(out, "final-250 latency p99.9 (ms)", ms(latency.getValueAtPercentile(99.9)));
        row(out, "final-250 latency max (ms)", ms(latency.getMaxValue()));
        row(out, "unexpected replies", Integer.toString(errorCount));
        row(out, "connections lost", Integer.toString(lost));
        System.out.print(out);
        errors.forEach((k, v) -> System.out.println("  unexpected reply x" + v + ": " + k));

        boolean filesOk = true;
        String files = "unchecked";
        double drained = 0;
        double endToEnd = 0;
        if (this.maildir != null) {
            long expected = acceptedTotal;
            long seen = countNew() - filesBefore;
            long lastChange = System.nanoTime();
            long deadline = lastChange + TimeUnit.SECONDS.toNanos(this.drainTimeout);
            while (seen != expected && System.nanoTime() < deadline
                    && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(this.settle)) {
                Thread.sleep(100);
                long now = countNew() - filesBefore;
                if (now != seen) {
                    seen = now;
                    lastChange = System.nanoTime();
                }
            }
            drained = Math.max(0, lastChange - lastAccepted) / 1e9;
            // files in new/ per second from the first message sent to the last file seen
            endToEnd = seen / ((Math.max(lastChange, lastAccepted) - this.started) / 1e9);
            int sampled = checkSample(40);
            filesOk = (seen == expected) && sampled >= 0;
            files = seen + "/" + expected;
            System.out.printf(Locale.ROOT, "files new in %s/new: %d, 250s after DATA: %d: %s; last file %.2f s "
                    + "after the last 250 (%.0f files a second from the first message on); %s%n", this.maildir, seen,
                    expected, (seen == expected) ? "match" : "MISMATCH", drained, endToEnd,
                    (sampled >= 0) ? sampled + " sampled files hold the message body" : "a sampled file LACKS the body");
        }
        System.out.printf(Locale.ROOT, "RESULT label=%s accepted_per_s=%.1f accepted_window=%d accepted_total=%d "
                + "p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s errors=%d lost=%d files=%s drain_s=%.2f e2e_per_s=%.1f%n",
                this.label, acceptedInWindow / seconds, acceptedInWindow, acceptedTotal,
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)),
                ms(latency.getMaxValue()), errorCount, lost, files, drained, endToEnd);
        return (errorCount == 0 && lost == 0 && filesOk) ? 0 : 1;
    }

    private long countNew() throws IOException {
        try (Stream<Path> files = Files.list(this.maildir.resolve("new"))) {
            return files.count();
        }
    }

    /**
     * Reads up to {@code most} files of {@code new/} and checks each holds the body.
     *
     * @return how many were read, or -1 if one lacks the body
     */
    private int checkSample(int most) throws IOException {
        String wanted = new String(this.body, StandardCharsets.US_ASCII).replace("\r\n", "\n");
        List<Path> sample;
        try (Stream<Path> files = Files.list(this.maildir.resolve("new"))) {
            sample = files.limit(most).toList();
        }
        for (Path file : sample) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            if (!text.contains(wanted)) {
                System.out.println("FAILED: " + file + " does not hold the message body");
                return -1;
            }
        }
        return sample.size();
    }

    /** Numbered lines of 78 characters and their CR LFs, about {@code length} bytes, no final dot. */
    private static byte[] body(int length) {
        StringBuilder text = new StringBuilder();
        int line = 0;
        while (text.length() + 2 < length) {
            String full = String.format(Locale.ROOT, "%05d ", line++) + "x".repeat(72);
            text.append(full, 0, Math.min(full.length(), length - text.length() - 2)).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    /** An SMTP reply: its code and its lines joined with " / ". */
    private record Reply(int code, String text) {
    }

    /** One connection and the thread that drives it. */
    private final class Sender implements Runnable {

        private final int index;

        private final CyclicBarrier ready;

        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);

        final Map<String, Integer> errors = new HashMap<>();

        long acceptedTotal;

        long acceptedInWindow;

        long lastAccepted;

        boolean lost;

        private InputStream in;

        private OutputStream out;

        private long sequence;

        Sender(int index, CyclicBarrier ready) {
            this.index = index;
            this.ready = ready;
        }

        @Override
        public void run() {
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(60));
                socket.connect(new InetSocketAddress(SmtpLoad.this.host, SmtpLoad.this.port), 30_000);
                this.in = new BufferedInputStream(socket.getInputStream(), 8192);
                this.out = new BufferedOutputStream(socket.getOutputStream(), 16384);
                expect("greeting", read(), 220);
                command("EHLO load" + this.index + ".bench.test");
                if (!expect("EHLO", read(), 250)) {
                    throw new IOException("EHLO refused");
                }
                this.ready.await(60, TimeUnit.SECONDS);
                this.ready.await(60, TimeUnit.SECONDS);
                int errorsSeen = 0;
                while (System.nanoTime() < SmtpLoad.this.windowEnd && errorsSeen < MAX_ERRORS_PER_CONNECTION) {
                    if (!transaction()) {
                        errorsSeen++;
                        command("RSET");
                        expect("RSET", read(), 250);
                    }
                }
                command("QUIT");
                read();
            }
            catch (Exception ex) {
                this.lost = true;
                synchronized (SmtpLoad.class) {
                    System.out.println("connection " + this.index + ": " + ex);
                }
                try {
                    this.ready.await(1, TimeUnit.SECONDS);
                }
                catch (Exception ignored) {
                    // the barrier is only there for the start
                }
            }
        }

        /** One message; false after an unexpected reply. */
        private boolean transaction() throws IOException {
            command("MAIL FROM:<" + SmtpLoad.this.from + ">");
            if (!expect("MAIL", read(), 250)) {
                return false;
            }
            command("RCPT TO:<" + SmtpLoad.this.to + ">");
            if (!expect("RCPT", read(), 250)) {
                return false;
            }
            command("DATA");
            if (!expect("DATA", read(), 354)) {
                return false;
            }
            long began = System.nanoTime();
            String headers = "From: <" + SmtpLoad.this.from + ">\r\nTo: <" + SmtpLoad.this.to
                    + ">\r\nSubject: smtp load\r\nMessage-ID: <" + this.index + "." + (this.sequence++) + "."
                    + ProcessHandle.current().pid() + "@load.bench.test>\r\n\r\n";
            this.out.write(headers.getBytes(StandardCharsets.US_ASCII));
            this.out.write(SmtpLoad.this.body);
            this.out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            this.out.flush();
            Reply reply = read();
            long now = System.nanoTime();
            if (!expect("end of DATA", reply, 250)) {
                return false;
            }
            this.acceptedTotal++;
            this.lastAccepted = now;
            if (now >= SmtpLoad.this.warmupEnd && now < SmtpLoad.this.windowEnd) {
                this.acceptedInWindow++;
                this.latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(now - began),
                        this.latency.getHighestTrackableValue()));
            }
            return true;
        }

        private boolean expect(String stage, Reply reply, int code) {
            if (reply.code() == code) {
                return true;
            }
            String key = stage + ": " + reply.text();
            if (this.errors.merge(key, 1, Integer::sum) == 1) {
                synchronized (SmtpLoad.class) {
                    System.out.println("connection " + this.index + ": unexpected reply to " + key);
                }
            }
            return false;
        }

        private void command(String line) throws IOException {
            this.out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            this.out.flush();
        }

        /** Reads one reply, every line of it; fails on a closed connection or a malformed line. */
        private Reply read() throws IOException {
            StringBuilder text = new StringBuilder();
            for (int lines = 0; lines < MAX_REPLY_LINES; lines++) {
                String line = readLine();
                if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                        || !Character.isDigit(line.charAt(2))
                        || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                    throw new IOException("malformed reply line: " + line);
                }
                if (text.length() > 0) {
                    text.append(" / ");
                }
                text.append(line);
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return new Reply(Integer.parseInt(line, 0, 3, 10), text.toString());
                }
            }
            throw new IOException("reply of more than " + MAX_REPLY_LINES + " lines");
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                int b = this.in.read();
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = (bytes.length > 0 && bytes[bytes.length - 1] == '\r') ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                if (line.size() >= MAX_REPLY_LINE) {
                    throw new IOException("reply line longer than " + MAX_REPLY_LINE + " bytes");
                }
                line.write(b);
            }
        }
    }
}
