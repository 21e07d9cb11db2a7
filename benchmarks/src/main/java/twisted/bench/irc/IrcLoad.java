package twisted.bench.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;

/**
 * IRC load benchmark (issue 12): {@code clients} plain Netty connections register with an IRC server
 * ({@code NICK}, {@code USER}, answering {@code PING}), join {@code channels} channels (client
 * {@code i} joins {@code #load<i mod channels>}, so members are spread evenly), then every client
 * in turn sends {@code PRIVMSG} to its channel, {@code rate} messages a second in all, for
 * {@code warmup} seconds not measured and {@code duration} seconds measured. Each message carries
 * the {@code System.nanoTime()} of its sending; every receiver records the delivery latency of the
 * messages sent in the measured window (HdrHistogram, microseconds), including those that arrive in
 * the drain after it. The summary gives messages sent and delivered per second, the deliveries
 * expected (a message reaches every other member of its channel: the server does not echo it to
 * its sender), latency p50/p90/p99/p99.9/max, and what went wrong (disconnects, ERROR lines, error
 * numerics, sends skipped because a sender's socket was not writable, messages a client got twice).
 *
 * <p>The load side is a neutral peer: it uses none of the project's IRC classes, only Netty's line
 * splitter and a few string tests, so it can drive ngircd and our server alike. All clients share
 * one event loop thread (the machine has 2 cores; the server gets the other).
 *
 * <p>Usage ({@code benchmarks/run-irc-load.sh} builds and runs it):
 *
 * <pre>
 * java -cp benchmarks.jar twisted.bench.irc.IrcLoad --host 127.0.0.1 --port 6667[,6668,...] --clients 1000
 *     --channels 50 --rate 2000 --duration 30 --warmup 10 [--connect-batch 100] [--drain 3]
 * </pre>
 *
 * Exit status 0 when every client registered and joined, 1 otherwise.
 */
public final class IrcLoad {

    private static final String MARK = "t=";

    private final String host;

    /** The servers' ports: client {@code i} connects to {@code ports[i mod ports.length]}. */
    private final int[] ports;

    private final int clients;

    private final int channels;

    private final int rate;

    private final int duration;

    private final int warmup;

    private final int connectBatch;

    private final int drain;

    private final EventLoopGroup group;

    private final EventLoop loop;

    private final Bootstrap bootstrap;

    private final List<Client> all = new ArrayList<>();

    /** Clients with writes not yet flushed. */
    private final List<Client> unflushed = new ArrayList<>();

    private final int[] members;

    // Everything below is touched on the one event loop thread only.

    private final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);

    private int started;

    private int registered;

    private int joined;

    private int closed;

    private int errorLines;

    private int errorNumerics;

    private final Map<String, Integer> numerics = new HashMap<>();

    private long windowStart = Long.MAX_VALUE;

    private long windowEnd = Long.MAX_VALUE;

    private long sentInWindow;

    private long expectedInWindow;

    private long deliveredInWindow;

    private long skipped;

    /** Messages a client received twice (by their sequence number): a server that relays one twice. */
    private long duplicates;

    private long sequence;

    private int nextSender;

    private boolean stopping;

    private final CountDownLatch allJoined = new CountDownLatch(1);

    private IrcLoad(Map<String, String> options) {
        this.host = options.getOrDefault("host", "127.0.0.1");
        // --port 6667, or --port 6667,6668,6669 for several nodes of one network: clients are spread
        // round-robin, so the members of each channel sit on every node.
        this.ports = java.util.Arrays.stream(options.getOrDefault("port", "6667").split(","))
                .mapToInt(Integer::parseInt).toArray();
        this.clients = Integer.parseInt(options.getOrDefault("clients", "1000"));
        this.channels = Integer.parseInt(options.getOrDefault("channels", "50"));
        this.rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        this.duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        this.connectBatch = Integer.parseInt(options.getOrDefault("connect-batch", "100"));
        this.drain = Integer.parseInt(options.getOrDefault("drain", "3"));
        if (this.clients < 1 || this.channels < 1 || this.channels > this.clients || this.rate < 1) {
            throw new IllegalArgumentException("Need clients >= channels >= 1 and rate >= 1");
        }
        this.members = new int[this.channels];
        for (int i = 0; i < this.clients; i++) {
            this.members[i % this.channels]++;
        }
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("irc-load", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.loop = this.group.next();
        this.bootstrap = new Bootstrap().group(this.loop).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
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
        System.exit(new IrcLoad(options).run());
    }

    private int run() throws InterruptedException {
        long begin = System.nanoTime();
        System.out.printf(Locale.ROOT, "IRC load: %s:%s, %d clients in %d channels (%d to %d members), %d msg/s, "
                + "warmup %d s, measured %d s%n", this.host, portList(), this.clients, this.channels,
                this.members[this.channels - 1], this.members[0], this.rate, this.warmup, this.duration);
        this.loop.execute(this::connectMore);
        boolean ready = this.allJoined.await(Math.max(60, this.clients / 10), TimeUnit.SECONDS);
        long setupNanos = System.nanoTime() - begin;
        if (!ready) {
            String state = onLoop(() -> String.format(Locale.ROOT,
                    "started %d, registered %d, joined %d, closed %d, numerics %s", this.started, this.registered,
                    this.joined, this.closed, this.numerics));
            System.out.println("FAILED: not every client registered and joined in time: " + state);
            this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            return 1;
        }
        System.out.printf(Locale.ROOT, "all %d clients registered and joined in %.2f s%n", this.clients, setupNanos / 1e9);

        long tick = TimeUnit.MILLISECONDS.toNanos(1);
        long sendStart = System.nanoTime();
        this.loop.execute(() -> {
            this.windowStart = sendStart + TimeUnit.SECONDS.toNanos(this.warmup);
            this.windowEnd = this.windowStart + TimeUnit.SECONDS.toNanos(this.duration);
        });
        long[] due = new long[1];
        var sender = this.loop.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long target = (now - sendStart) * this.rate / 1_000_000_000L;
            if (this.stopping) {
                return;
            }
            while (due[0] < target) {
                due[0]++;
                sendOne(now);
            }
            flushAll();
        }, 0, tick, TimeUnit.NANOSECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(this.warmup + this.duration));
        onLoop(() -> {
            this.stopping = true;
            return null;
        });
        sender.cancel(false);
        Thread.sleep(TimeUnit.SECONDS.toMillis(this.drain));
        String summary = onLoop(this::summary);
        System.out.print(summary);
        onLoop(() -> {
            for (Client client : this.all) {
                client.quit();
            }
            return null;
        });
        Thread.sleep(500);
        this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        return 0;
    }

    /** Runs on the event loop and waits for the answer. */
    private String portList() {
        return java.util.Arrays.stream(this.ports).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining(","));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            return this.loop.submit(task).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Keeps at most {@code connectBatch} clients between connecting and joined. */
    private void connectMore() {
        while (this.started < this.clients && this.started - this.joined < this.connectBatch) {
            int index = this.started++;
            Client client = new Client(index);
            this.all.add(client);
            this.bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(new LineBasedFrameDecoder(8192 + 512, true, false), client);
                }
            }).connect(this.host, this.ports[index % this.ports.length]).addListener(f -> {
                if (!f.isSuccess()) {
                    System.out.println("connect failed for client " + index + ": " + f.cause());
                    this.closed++;
                }
            });
        }
    }

    private void flushAll() {
        for (Client client : this.unflushed) {
            client.dirty = false;
            client.channel.flush();
        }
        this.unflushed.clear();
    }

    private void sendOne(long now) {
        for (int tries = 0; tries < this.clients; tries++) {
            Client client = this.all.get(this.nextSender);
            this.nextSender = (this.nextSender + 1) % this.clients;
            if (client.channel == null || !client.channel.isActive()) {
                continue;
            }
            if (!client.channel.isWritable()) {
                this.skipped++;
                return;
            }
            long seq = this.sequence++;
            client.send("PRIVMSG " + client.room + " :" + MARK + now + " s=" + seq + " from " + client.nick);
            if (now >= this.windowStart && now < this.windowEnd) {
                this.sentInWindow++;
                this.expectedInWindow += this.members[client.index % this.channels] - 1;
            }
            return;
        }
    }

    private void received(long sentAt, long now) {
        if (sentAt >= this.windowStart && sentAt < this.windowEnd) {
            this.deliveredInWindow++;
            this.latency.recordValue(Math.max(0, Math.min(TimeUnit.NANOSECONDS.toMicros(now - sentAt),
                    this.latency.getHighestTrackableValue())));
        }
    }

    private String summary() {
        StringBuilder out = new StringBuilder();
        double seconds = this.duration;
        out.append(String.format(Locale.ROOT, "%n| measure | value |%n|---|---:|%n"));
        row(out, "clients / channels", this.clients + " / " + this.channels);
        row(out, "target send rate (msg/s)", Integer.toString(this.rate));
        row(out, "sent in window (msg/s)", String.format(Locale.ROOT, "%,.0f", this.sentInWindow / seconds));
        row(out, "expected deliveries (msg/s)", String.format(Locale.ROOT, "%,.0f", this.expectedInWindow / seconds));
        row(out, "**delivered (msg/s)**", String.format(Locale.ROOT, "**%,.0f**", this.deliveredInWindow / seconds));
        row(out, "delivered / expected", String.format(Locale.ROOT, "%.4f",
                this.expectedInWindow == 0 ? 0.0 : (double) this.deliveredInWindow / this.expectedInWindow));
        row(out, "latency p50 (ms)", ms(this.latency.getValueAtPercentile(50)));
        row(out, "latency p90 (ms)", ms(this.latency.getValueAtPercentile(90)));
        row(out, "**latency p99 (ms)**", "**" + ms(this.latency.getValueAtPercentile(99)) + "**");
        row(out, "latency p99.9 (ms)", ms(this.latency.getValueAtPercentile(99.9)));
        row(out, "latency max (ms)", ms(this.latency.getMaxValue()));
        row(out, "sends skipped (socket not writable)", Long.toString(this.skipped));
        row(out, "duplicate deliveries", Long.toString(this.duplicates));
        row(out, "connections closed early", Integer.toString(this.closed));
        row(out, "ERROR lines / error numerics", this.errorLines + " / " + this.errorNumerics);
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    /** One IRC connection of the load; its handler runs on the one event loop. */
    private final class Client extends ChannelInboundHandlerAdapter {

        final int index;

        final String nick;

        final String room;

        Channel channel;

        boolean isRegistered;

        boolean isJoined;

        boolean dirty;

        /** The sequence numbers of the messages this client received, to count duplicates. */
        final BitSet seen = new BitSet();

        Client(int index) {
            this.index = index;
            this.nick = "l" + index;
            this.room = "#load" + (index % IrcLoad.this.channels);
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            this.channel = ctx.channel();
            send("NICK " + this.nick);
            send("USER " + this.nick + " 0 * :irc load client " + this.index);
            flushAll();
        }

        void send(String line) {
            ByteBuf buf = Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8);
            this.channel.write(buf, this.channel.voidPromise());
            if (!this.dirty) {
                this.dirty = true;
                IrcLoad.this.unflushed.add(this);
            }
        }

        void quit() {
            if (this.channel != null && this.channel.isActive()) {
                send("QUIT :load done");
                flushAll();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                line(buf.toString(StandardCharsets.UTF_8));
            }
            finally {
                buf.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flushAll();
        }

        private void line(String line) {
            long now = System.nanoTime();
            int mark = line.indexOf(" PRIVMSG ");
            if (mark >= 0) {
                int at = line.indexOf(" :" + MARK, mark);
                if (at >= 0) {
                    int from = at + 2 + MARK.length();
                    int to = line.indexOf(' ', from);
                    received(Long.parseLong(line, from, (to < 0) ? line.length() : to, 10), now);
                    int seq = line.indexOf(" s=", from);
                    if (seq >= 0) {
                        int end = line.indexOf(' ', seq + 3);
                        int number = Integer.parseInt(line, seq + 3, (end < 0) ? line.length() : end, 10);
                        if (this.seen.get(number)) {
                            IrcLoad.this.duplicates++;
                        }
                        this.seen.set(number);
                    }
                    return;
                }
            }
            // no prefix: PING, ERROR; else ":source COMMAND ..."
            String rest = line;
            if (rest.startsWith(":")) {
                int space = rest.indexOf(' ');
                rest = (space < 0) ? "" : rest.substring(space + 1);
            }
            int space = rest.indexOf(' ');
            String command = (space < 0) ? rest : rest.substring(0, space);
            switch (command) {
                case "PING" -> send("PONG" + rest.substring(4));
                case "ERROR" -> {
                    IrcLoad.this.errorLines++;
                    if (!IrcLoad.this.stopping) {
                        System.out.println(this.nick + ": " + line);
                    }
                }
                case "001" -> {
                    if (!this.isRegistered) {
                        this.isRegistered = true;
                        IrcLoad.this.registered++;
                        send("JOIN " + this.room);
                    }
                }
                case "366" -> {
                    if (!this.isJoined) {
                        this.isJoined = true;
                        if (++IrcLoad.this.joined == IrcLoad.this.clients) {
                            IrcLoad.this.allJoined.countDown();
                        }
                        connectMore();
                    }
                }
                default -> {
                    if (command.length() == 3 && (command.charAt(0) == '4' || command.charAt(0) == '5')) {
                        IrcLoad.this.errorNumerics++;
                        IrcLoad.this.numerics.merge(command, 1, Integer::sum);
                        if (IrcLoad.this.numerics.get(command) <= 3) {
                            System.out.println(this.nick + ": " + line);
                        }
                    }
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!IrcLoad.this.stopping) {
                IrcLoad.this.closed++;
                System.out.println(this.nick + ": connection closed");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            System.out.println(this.nick + ": " + cause);
            ctx.close();
        }
    }
}
