package twisted.bench.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import twisted.internet.netty.NettyReactor;
import twisted.mail.MessageWriter;
import twisted.mail.maildir.MaildirStore;

/**
 * Maildir delivery throughput: {@code WRITERS} deliveries kept in flight on one reactor, each a
 * {@code SIZE}-byte message of 78-character lines fed to a {@link MaildirStore} writer as SMTP's
 * DATA would, the next one started as soon as {@code eomReceived} fires (written, fsynced, renamed
 * into {@code new}, {@code new} fsynced). Prints messages per second acknowledged in the measured
 * window and the latency of {@code eomReceived} (call to Deferred fired), p50/p90/p99/max.
 *
 * <p>Settings (environment): WRITERS (16), SIZE (4096), THREADS (the reactor's pool, 10), WARMUP
 * seconds (5), DURATION seconds (20), DIR (a fresh directory under benchmarks/target; it is
 * removed at the end). The directory must be on the disk being measured, not a tmpfs.
 */
public final class MaildirLoad {

    private final MaildirStore store;

    private final List<byte[]> lines;

    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

    private volatile boolean measuring;

    private volatile boolean stopping;

    private long acked;

    private long failed;

    private final CountDownLatch drained;

    private MaildirLoad(MaildirStore store, int size, int writers) {
        this.store = store;
        this.lines = message(size);
        this.drained = new CountDownLatch(writers);
    }

    public static void main(String[] args) throws Exception {
        int writers = env("WRITERS", 16);
        int size = env("SIZE", 4096);
        int threads = env("THREADS", 10);
        int warmup = env("WARMUP", 5);
        int duration = env("DURATION", 20);
        Path dir = Path.of(System.getenv().getOrDefault("DIR", "benchmarks/target/maildir-load-" + ProcessHandle.current().pid()));
        Files.createDirectories(dir);
        System.out.printf("maildir load: writers=%d size=%d threads=%d warmup=%ds duration=%ds dir=%s (%s)%n",
                writers, size, threads, warmup, duration, dir.toAbsolutePath(), Files.getFileStore(dir).type());

        NettyReactor reactor = NettyReactor.builder().threadPoolSize(threads).build();
        reactor.start().get(10, TimeUnit.SECONDS);
        MaildirLoad load = new MaildirLoad(new MaildirStore(dir, reactor), size, writers);
        load.store.createMailbox("bench");
        reactor.callFromThread(() -> {
            for (int i = 0; i < writers; i++) {
                load.next(reactor);
            }
        });
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
        long[] start = new long[1];
        reactor.callFromThread(() -> {
            load.acked = 0;
            load.failed = 0;
            load.latency.reset();
            load.measuring = true;
            start[0] = System.nanoTime();
        });
        Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
        long[] result = new long[3];
        CountDownLatch read = new CountDownLatch(1);
        reactor.callFromThread(() -> {
            load.measuring = false;
            load.stopping = true;
            result[0] = load.acked;
            result[1] = load.failed;
            result[2] = System.nanoTime() - start[0];
            read.countDown();
        });
        read.await();
        load.drained.await(30, TimeUnit.SECONDS);
        double seconds = result[2] / 1e9;
        Histogram h = load.latency;
        System.out.printf("acknowledged %d in %.1f s: %.0f msg/s (%.1f MiB/s), failed %d%n", result[0], seconds,
                result[0] / seconds, result[0] * (double) size / seconds / (1 << 20), result[1]);
        System.out.printf("eomReceived latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
        reactor.stop();
        if (System.getenv("DIR") == null) {
            delete(dir);
        }
        System.exit(0);
    }

    /** Starts one delivery; on the reactor thread. */
    private void next(NettyReactor reactor) {
        if (this.stopping) {
            this.drained.countDown();
            return;
        }
        MessageWriter writer = this.store.newMessage("bench");
        for (byte[] line : this.lines) {
            writer.lineReceived(line.clone());
        }
        long began = System.nanoTime();
        writer.eomReceived().addCallbacks(receipt -> {
            if (this.measuring) {
                this.acked++;
                this.latency.recordValue(System.nanoTime() - began);
            }
            next(reactor);
            return null;
        }, failure -> {
            this.failed++;
            System.err.println("delivery failed: " + failure.getErrorMessage());
            next(reactor);
            return null;
        });
    }

    /** A message of about {@code size} bytes with its CR LFs: headers, then 78-character lines. */
    private static List<byte[]> message(int size) {
        List<byte[]> lines = new ArrayList<>();
        lines.add("From: load@example.org".getBytes(StandardCharsets.US_ASCII));
        lines.add("Subject: maildir load".getBytes(StandardCharsets.US_ASCII));
        lines.add(new byte[0]);
        int total = 24 + 23 + 2;
        while (total < size) {
            int length = Math.min(78, Math.max(0, size - total - 2));
            lines.add("x".repeat(length).getBytes(StandardCharsets.US_ASCII));
            total += length + 2;
        }
        return lines;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
