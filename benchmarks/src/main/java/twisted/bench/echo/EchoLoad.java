package twisted.bench.echo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The load process of the echo benchmark: one Netty event loop thread driving N connections to an
 * {@link EchoServer} on 127.0.0.1.
 *
 * <p>{@code task=pingpong}: each connection sends a message, waits for its whole echo, and sends
 * the next. After the warm-up, it counts round trips and keeps their latencies for the measured
 * window, and reads the CPU time the server and this process used in it from {@code /proc}. It
 * prints one {@code RESULT} line.
 *
 * <p>{@code task=idle}: asks the server for its memory, opens N connections that send nothing,
 * waits until the server holds them all, asks again, and prints one {@code IDLE} line.
 *
 * <p>Usage: {@code java -cp benchmarks.jar twisted.bench.echo.EchoLoad task=pingpong mode=netty-echo
 * port=40001 ctrl=40002 pid=1234 conns=16 size=64 warmup=2 measure=5}
 */
public final class EchoLoad {

    /** Connection attempts in flight at once, below the listen backlog. */
    private static final int CONNECTS_IN_FLIGHT = 256;

    private static final long CONNECT_TIMEOUT_SECONDS = 60;

    private EchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String task = options.getOrDefault("task", "pingpong");
        ServerMode mode = ServerMode.of(require(options, "mode"));
        int port = Integer.parseInt(require(options, "port"));
        int conns = Integer.parseInt(require(options, "conns"));
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("load", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true);
        int status;
        try {
            if (task.equals("idle")) {
                status = idle(options, mode, bootstrap, port, conns);
            }
            else {
                status = pingPong(options, mode, bootstrap, group.next(), port, conns);
            }
        }
        finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        System.exit(status);
    }

    private static int pingPong(Map<String, String> options, ServerMode mode, Bootstrap bootstrap, EventLoop loop,
            int port, int conns) throws Exception {
        long serverPid = Long.parseLong(require(options, "pid"));
        int size = Integer.parseInt(require(options, "size"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "2"));
        double measure = Double.parseDouble(options.getOrDefault("measure", "5"));
        ByteBuf message = message(size, mode.lines());
        Recorder recorder = new Recorder();
        List<Channel> channels = connect(bootstrap, port, conns, () -> new PingPong(message, recorder));
        Thread.sleep((long) (warmup * 1000));
        long selfPid = ProcessHandle.current().pid();
        long[] start = loop.submit(() -> {
            recorder.measuring(true);
            return snapshot(serverPid, selfPid);
        }).get(10, TimeUnit.SECONDS);
        Thread.sleep((long) (measure * 1000));
        long[] end = loop.submit(() -> {
            recorder.measuring(false);
            recorder.closing();
            return snapshot(serverPid, selfPid);
        }).get(10, TimeUnit.SECONDS);
        closeAll(channels);
        double seconds = (end[0] - start[0]) / 1e9;
        double ticksPerSecond = Double.parseDouble(options.getOrDefault("clktck", "100"));
        double serverUser = (end[1] - start[1]) / ticksPerSecond;
        double serverSys = (end[2] - start[2]) / ticksPerSecond;
        double serverCpu = serverUser + serverSys;
        double clientCpu = (end[3] - start[3]) / ticksPerSecond;
        double otherCpu = (end[4] - start[4]) / ticksPerSecond - serverCpu - clientCpu;
        long count = recorder.count();
        System.out.printf("RESULT mode=%s rep=%s conns=%d size=%d roundtrips=%d seconds=%.3f rtps=%.0f server_cpu=%.2f "
                + "client_cpu=%.2f rt_per_server_cpu_s=%.0f server_user_us_per_rt=%.2f server_sys_us_per_rt=%.2f "
                + "other_cpu=%.2f p50_us=%.1f p99_us=%.1f failures=%d%n", mode.label(), options.getOrDefault("rep", "1"),
                conns, size, count, seconds, count / seconds, serverCpu / seconds, clientCpu / seconds,
                (serverCpu > 0) ? count / serverCpu : 0.0, serverUser * 1e6 / Math.max(1, count),
                serverSys * 1e6 / Math.max(1, count), otherCpu / seconds, recorder.quantile(0.50) / 1e3,
                recorder.quantile(0.99) / 1e3,
                recorder.failures());
        return (recorder.failures() == 0 && count > 0) ? 0 : 1;
    }

    /**
     * {@code {nanoTime, server utime, server stime, own utime + stime, machine busy}}; CPU times in
     * clock ticks.
     */
    private static long[] snapshot(long serverPid, long selfPid) {
        long[] server = ProcStats.cpuTicksSplit(serverPid);
        return new long[] { System.nanoTime(), server[0], server[1], ProcStats.cpuTicks(selfPid),
                ProcStats.machineBusyTicks() };
    }

    private static int idle(Map<String, String> options, ServerMode mode, Bootstrap bootstrap, int port, int conns)
            throws Exception {
        int ctrl = Integer.parseInt(require(options, "ctrl"));
        try (Control control = new Control(ctrl)) {
            Map<String, Long> before = control.ask("mem");
            // An abortive close (RST) leaves no TIME_WAIT sockets behind to use up local ports.
            bootstrap.option(ChannelOption.SO_LINGER, 0);
            List<Channel> channels = connect(bootstrap, port, conns, ChannelInboundHandlerAdapter::new);
            long target = before.get("fds") + conns;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
            long fds = 0;
            while ((fds = control.ask("fds").get("fds")) < target && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (fds < target) {
                System.err.println("the server holds " + fds + " descriptors, expected at least " + target);
                return 1;
            }
            Thread.sleep(500);
            Map<String, Long> after = control.ask("mem");
            // For profiling: hold=<seconds> keeps the connections open (bounded) after the measurement.
            double hold = Math.min(600, Double.parseDouble(options.getOrDefault("hold", "0")));
            Thread.sleep((long) (hold * 1000));
            closeAll(channels);
            double per1000 = 1000.0 / conns;
            System.out.printf("IDLE mode=%s rep=%s conns=%d heap_before=%d heap_after=%d heap_per_1000=%.0f "
                    + "direct_per_1000=%.0f rss_per_1000=%.0f%n", mode.label(), options.getOrDefault("rep", "1"), conns,
                    before.get("heap"),
                    after.get("heap"), (after.get("heap") - before.get("heap")) * per1000,
                    (after.get("direct") - before.get("direct")) * per1000,
                    (after.get("rss") - before.get("rss")) * per1000);
            return 0;
        }
    }

    /** Opens {@code conns} connections, a bounded number at a time, and waits for all of them. */
    private static List<Channel> connect(Bootstrap bootstrap, int port, int conns,
            Supplier<ChannelHandler> handler) throws InterruptedException {
        List<Channel> channels = Collections.synchronizedList(new ArrayList<>(conns));
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_TIMEOUT_SECONDS);
        for (int i = 0; i < conns; i++) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("connecting took longer than " + CONNECT_TIMEOUT_SECONDS + " s");
            }
            ChannelFuture connect = bootstrap.clone().handler(handler.get()).connect("127.0.0.1", port);
            connect.addListener(done -> {
                if (done.isSuccess()) {
                    channels.add(connect.channel());
                }
                else {
                    errors.add(done.cause());
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(CONNECTS_IN_FLIGHT, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("connecting took longer than " + CONNECT_TIMEOUT_SECONDS + " s");
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " of " + conns + " connections failed", errors.get(0));
        }
        return channels;
    }

    private static void closeAll(List<Channel> channels) {
        List<ChannelFuture> closing = new ArrayList<>();
        synchronized (channels) {
            for (Channel channel : channels) {
                closing.add(channel.close());
            }
        }
        for (ChannelFuture close : closing) {
            close.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** {@code size} bytes of letters; for the line modes the last two are CRLF. */
    private static ByteBuf message(int size, boolean lines) {
        if (size < 3) {
            throw new IllegalArgumentException("size (" + size + ") must be at least 3");
        }
        ByteBuf message = Unpooled.directBuffer(size);
        int payload = lines ? size - 2 : size;
        for (int i = 0; i < payload; i++) {
            message.writeByte('a' + i % 26);
        }
        if (lines) {
            message.writeByte('\r').writeByte('\n');
        }
        return message;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static String require(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing option " + key + "=...");
        }
        return value;
    }
}
