package twisted.bench.ssh;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;

import twisted.conch.ssh.ModernAlgorithms;

/**
 * The SSH benchmark's client ({@code benchmarks/run-ssh-load.sh}): Apache MINA SSHD's
 * {@link SshClient} with its NIO2 I/O and the same algorithms as the servers
 * ({@link ModernAlgorithms}). The server's host key is accepted without a check
 * ({@link AcceptAllServerKeyVerifier}): acceptable only for a benchmark on loopback.
 *
 * <p>Two measurements, chosen with {@code --mode}:
 * <ul>
 * <li>{@code throughput}: one session runs {@code count BYTES} (256 MiB unless {@code --bytes})
 * and reads its standard output to the end (after one unmeasured warm-up run of a quarter of
 * that); prints MiB/s from the exec request to the channel's close. The byte count must be exact and
 * the exit status 0;</li>
 * <li>{@code sessions}: {@code --clients} (8) threads, each looping: connect, log in with a password,
 * exec {@code true}, wait for the channel's close, check exit status 0, close; {@code --warmup}
 * seconds unmeasured, then {@code --duration} seconds measured; prints sessions per second and the
 * latency of a whole session (connect to close) at p50 and p99.</li>
 * </ul>
 * Prints one {@code RESULT key=value ...} line; exits 1 on any error.
 */
public final class SshLoad {

    private SshLoad() {
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 0;
        String mode = "throughput";
        long bytes = 256L * 1024 * 1024;
        int clients = 8;
        int duration = 10;
        int warmup = 3;
        String label = "";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--mode" -> mode = args[i + 1];
                case "--bytes" -> bytes = Long.parseLong(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--duration" -> duration = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--label" -> label = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SshClient client = ModernAlgorithms.apply(ClientBuilder.builder(), ClientBuilder.DH2KEX).build();
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        int rc;
        try {
            rc = mode.equals("throughput") ? throughput(client, host, port, bytes, label)
                    : sessions(client, host, port, clients, warmup, duration, label);
        }
        finally {
            client.stop();
        }
        System.exit(rc);
    }

    private static ClientSession login(SshClient client, String host, int port) throws Exception {
        ClientSession session = client.connect(SshServers.USER, host, port).verify(Duration.ofSeconds(30)).getSession();
        session.addPasswordIdentity(SshServers.PASSWORD);
        session.auth().verify(Duration.ofSeconds(30));
        return session;
    }

    /** Runs {@code command} on {@code session}; returns its exit status (or -1) after the channel closed. */
    private static int exec(ClientSession session, String command, OutputStream out) throws Exception {
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(OutputStream.nullOutputStream());
            channel.open().verify(Duration.ofSeconds(30));
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofMinutes(5));
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                return -2;
            }
            Integer status = channel.getExitStatus();
            return (status == null) ? -1 : status;
        }
    }

    private static final class Counter extends OutputStream {

        long count;

        @Override
        public void write(int b) {
            this.count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            this.count += len;
        }
    }

    private static int throughput(SshClient client, String host, int port, long bytes, String label) throws Exception {
        try (ClientSession session = login(client, host, port)) {
            Counter warm = new Counter();
            int warmStatus = exec(session, "count " + bytes / 4, warm);
            Counter counter = new Counter();
            long start = System.nanoTime();
            int status = exec(session, "count " + bytes, counter);
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean ok = warmStatus == 0 && warm.count == bytes / 4 && status == 0 && counter.count == bytes;
            System.out.printf("RESULT label=%s mode=throughput bytes=%d received=%d exit=%d seconds=%.3f mib_per_s=%.1f ok=%s%n",
                    label.replace(' ', '_'), bytes, counter.count, status, seconds, bytes / 1048576.0 / seconds, ok);
            return ok ? 0 : 1;
        }
    }

    private static int sessions(SshClient client, String host, int port, int clients, int warmup, int duration,
            String label) throws Exception {
        long startMeasure = System.nanoTime() + warmup * 1_000_000_000L;
        long end = startMeasure + duration * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Histogram h = new Histogram(60_000_000_000L, 3);
            histograms.add(h);
            Thread t = new Thread(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        return;
                    }
                    try (ClientSession session = login(client, host, port)) {
                        int status = exec(session, "true", OutputStream.nullOutputStream());
                        if (status != 0) {
                            errors.incrementAndGet();
                        }
                    }
                    catch (Exception ex) {
                        if (errors.incrementAndGet() <= 5) {
                            ex.printStackTrace();
                        }
                    }
                    long t1 = System.nanoTime();
                    completed.incrementAndGet();
                    if (t0 >= startMeasure && t1 <= end) {
                        h.recordValue(t1 - t0);
                    }
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        Histogram all = new Histogram(60_000_000_000L, 3);
        histograms.forEach(all::add);
        System.out.printf("RESULT label=%s mode=sessions clients=%d sessions=%d sessions_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f all_sessions=%d errors=%d ok=%s%n",
                label.replace(' ', '_'), clients, all.getTotalCount(), all.getTotalCount() / (double) duration,
                all.getValueAtPercentile(50) / 1e6, all.getValueAtPercentile(99) / 1e6, all.getMaxValue() / 1e6,
                completed.get(), errors.get(), errors.get() == 0);
        return errors.get() == 0 ? 0 : 1;
    }
}
