package twisted.bench.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import twisted.bench.echo.ProcStats;

/**
 * The soak and fault run of issue 11 (see docs/reliability.md): starts the demo jar as a child
 * process and drives it with plain Netty clients from one event loop.
 *
 * <ol>
 * <li><b>soak</b>: {@code echo} connections each send a line every {@code period} and check that
 * every byte comes back; {@code chat} users join the chapter 2 chat room, {@code talkers} of them
 * say something every {@code talk-period}, and a {@code stuck} fraction never read (a small receive
 * buffer, reading switched off). Every {@code sample} the server's RSS ({@code /proc}) and direct
 * buffer memory (Actuator's {@code jvm.buffer.memory.used}) are recorded.</li>
 * <li><b>slowloris</b>: {@code slow} connections to the HTTP port send a request line and one header,
 * then one more header line every 10 s, never finishing; records how long the server holds them.</li>
 * <li><b>kill</b>: with the echo connections up, {@code kill -9} the server, start it again, and
 * measure how long until every echo connection is back (each reconnects a second after it is lost)
 * and round trips flow.</li>
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks.jar twisted.bench.soak.Soak jar=demo-app/target/demo-app.jar
 * out=benchmarks/target/soak minutes=10 echo=5000 chat=5000 stuck=0.1 talkers=20 slow=1000}
 */
public final class Soak {

    private static final int ECHO_PORT = 18007;

    private static final int CHAT_PORT = 18023;

    private static final int HTTP_PORT = 18080;

    private final Map<String, String> options;

    private final Path out;

    private final PrintStream report;

    private final EventLoopGroup group;

    private final Bootstrap bootstrap;

    private final Stats echoStats = new Stats();

    private final Stats chatStats = new Stats();

    private final Stats stuckStats = new Stats();

    private volatile boolean reconnect = true;

    private Process server;

    private int serverStarts;

    private Soak(Map<String, String> options) throws IOException {
        this.options = options;
        this.out = Path.of(options.getOrDefault("out", "benchmarks/target/soak"));
        Files.createDirectories(this.out);
        this.report = new PrintStream(Files.newOutputStream(this.out.resolve("report.txt")), true, StandardCharsets.UTF_8);
        boolean epoll = Epoll.isAvailable();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("soak", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap().group(this.group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Soak soak = new Soak(options);
        int status;
        try {
            status = soak.run();
        }
        finally {
            soak.stopServer();
            soak.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        System.exit(status);
    }

    private int run() throws Exception {
        int echo = intOption("echo", 5000);
        int chat = intOption("chat", 5000);
        double stuckFraction = Double.parseDouble(this.options.getOrDefault("stuck", "0.1"));
        int talkers = intOption("talkers", 10);
        Duration soak = Duration.ofSeconds((long) (Double.parseDouble(this.options.getOrDefault("minutes", "10")) * 60));
        Duration sample = Duration.ofSeconds(intOption("sample-seconds", 10));
        int slow = intOption("slow", 1000);
        say("soak run %s: echo=%d chat=%d stuck=%.0f%% talkers=%d for %s; slowloris=%d; server JVM %s", java.time.Instant.now(),
                echo, chat, stuckFraction * 100, talkers, soak, slow, serverJvm());
        startServer();

        say("== soak: connecting");
        long period = intOption("period-ms", 1000);
        for (int i = 0; i < echo; i++) {
            connectEcho(period);
            pace(i);
        }
        // every n-th user is stuck (n = 1 / stuck); the first talkers of the others talk
        int every = (stuckFraction > 0) ? (int) Math.round(1 / stuckFraction) : Integer.MAX_VALUE;
        int talking = 0;
        for (int i = 0; i < chat; i++) {
            boolean stuck = (i % every) == every - 1;
            boolean talks = !stuck && talking < talkers;
            talking += talks ? 1 : 0;
            connectChat("u" + i, stuck, talks ? intOption("talk-period-ms", 1000) : 0);
            pace(i);
        }
        Path csv = this.out.resolve("soak.csv");
        List<String> rows = new ArrayList<>();
        rows.add("seconds,rss_mb,direct_mb,echo_open,echo_bytes_back,chat_open,chat_lines,stuck_open,stuck_closed_by_server,errors");
        long started = System.nanoTime();
        long maxRss = 0;
        double maxDirect = 0;
        while (System.nanoTime() - started < soak.toNanos()) {
            Thread.sleep(sample.toMillis());
            long rss = ProcStats.rssBytes(Long.toString(this.server.pid()));
            double direct = directMemory();
            maxRss = Math.max(maxRss, rss);
            maxDirect = Math.max(maxDirect, direct);
            String row = String.format("%d,%.1f,%.1f,%d,%d,%d,%d,%d,%d,%d", (System.nanoTime() - started) / 1_000_000_000L,
                    rss / 1048576.0, direct / 1048576.0, this.echoStats.open.get(), this.echoStats.bytes.get(),
                    this.chatStats.open.get(), this.chatStats.lines.get(), this.stuckStats.open.get(),
                    this.stuckStats.closedByServer.get(), this.echoStats.errors.get() + this.chatStats.errors.get());
            rows.add(row);
            say("  %s", row);
        }
        Files.write(csv, rows);
        long outstanding = this.echoStats.sent.get() - this.echoStats.bytes.get();
        say("soak result: max RSS %.0f MB, max direct %.1f MB; echo %d open of %d, %d bytes back, %d outstanding at the end; "
                + "chat %d open, %d lines delivered; stuck readers %d of %d closed by the server; errors %d",
                maxRss / 1048576.0, maxDirect / 1048576.0, this.echoStats.open.get(), echo, this.echoStats.bytes.get(),
                outstanding, this.chatStats.open.get(), this.chatStats.lines.get(), this.stuckStats.closedByServer.get(),
                Math.round(chat * stuckFraction), this.echoStats.errors.get() + this.chatStats.errors.get());

        slowloris(slow);
        killAndRestart(echo);
        return 0;
    }

    // ---- the slowloris phase

    private void slowloris(int count) throws Exception {
        say("== slowloris: %d connections to the HTTP port, each sending headers forever, one line every 10 s", count);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger connected = new AtomicInteger();
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            this.bootstrap.clone().handler(new ChannelInboundHandlerAdapter() {
                private ScheduledFuture<?> drip;

                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    open.incrementAndGet();
                    connected.incrementAndGet();
                    ctx.writeAndFlush(ascii(ctx, "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
                    this.drip = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(ascii(ctx, "X-Slow: 1\r\n")),
                            10, 10, TimeUnit.SECONDS);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) {
                    open.decrementAndGet();
                    if (this.drip != null) {
                        this.drip.cancel(false);
                    }
                }

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ((ByteBuf) msg).release();
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                }
            }).connect("127.0.0.1", HTTP_PORT);
            pace(i);
        }
        while (connected.get() < count && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(100);
        }
        say("  %d of %d connected", connected.get(), count);
        long limit = TimeUnit.SECONDS.toNanos(intOption("slow-seconds", 300));
        while (open.get() > 0 && System.nanoTime() - started < limit) {
            Thread.sleep(5000);
            say("  %d s: %d slow connections still open", (System.nanoTime() - started) / 1_000_000_000L, open.get());
        }
        say("slowloris result: %d connected, %d of them still open after %d s", connected.get(), open.get(),
                (System.nanoTime() - started) / 1_000_000_000L);
    }

    // ---- the kill -9 phase

    private void killAndRestart(int echo) throws Exception {
        say("== kill -9 under load: %d echo connections open, sending", this.echoStats.open.get());
        long bytesBefore = this.echoStats.bytes.get();
        long killed = System.nanoTime();
        int errorsBefore = this.echoStats.errors.get();
        this.server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        while (this.echoStats.open.get() > 0 && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(50);
        }
        say("  killed pid %d; echo connections open %.1f s later: %d", this.server.pid(), (System.nanoTime() - killed) / 1e9,
                this.echoStats.open.get());
        startServer();
        long restarted = System.nanoTime();
        say("  restarted in %.1f s (JVM start to Spring Boot started)", (restarted - killed) / 1e9);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (this.echoStats.open.get() < echo && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        long back = System.nanoTime();
        long bytesAtBack = this.echoStats.bytes.get();
        Thread.sleep(10_000);
        long flowing = this.echoStats.bytes.get() - bytesAtBack;
        say("kill result: %d of %d echo connections back %.1f s after the kill; %d bytes echoed in the 10 s after "
                + "(%d before the kill in all); %d connections reset by the kill", this.echoStats.open.get(), echo,
                (back - killed) / 1e9, flowing, bytesBefore, this.echoStats.errors.get() - errorsBefore);
        this.reconnect = false;
    }

    // ---- clients

    private void connectEcho(long periodMillis) {
        byte[] line = ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab\r\n").getBytes(StandardCharsets.US_ASCII);
        this.bootstrap.clone().handler(new ChannelInboundHandlerAdapter() {
            private ScheduledFuture<?> ticker;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                Soak.this.echoStats.open.incrementAndGet();
                long first = ThreadLocalRandom.current().nextLong(periodMillis);
                this.ticker = ctx.executor().scheduleAtFixedRate(() -> {
                    Soak.this.echoStats.sent.addAndGet(line.length);
                    ctx.writeAndFlush(ctx.alloc().buffer(line.length).writeBytes(line));
                }, first, periodMillis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                Soak.this.echoStats.bytes.addAndGet(buf.readableBytes());
                buf.release();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                Soak.this.echoStats.open.decrementAndGet();
                this.ticker.cancel(false);
                if (Soak.this.reconnect) {
                    ctx.executor().schedule(() -> connectEcho(periodMillis), 1, TimeUnit.SECONDS);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                Soak.this.echoStats.errors.incrementAndGet();
                ctx.close();
            }
        }).connect("127.0.0.1", ECHO_PORT).addListener(f -> {
            if (!f.isSuccess() && this.reconnect) {
                this.group.next().schedule(() -> connectEcho(periodMillis), 1, TimeUnit.SECONDS);
            }
        });
    }

    private void connectChat(String name, boolean stuck, long talkPeriodMillis) {
        Bootstrap chat = this.bootstrap.clone();
        if (stuck) {
            chat.option(ChannelOption.SO_RCVBUF, 4096);
        }
        Stats stats = stuck ? this.stuckStats : this.chatStats;
        chat.handler(new ChannelInboundHandlerAdapter() {
            private ScheduledFuture<?> talking;

            private int lineEnds;

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                stats.open.incrementAndGet();
                ctx.writeAndFlush(ascii(ctx, name + "\r\n"));
                if (stuck) {
                    ctx.channel().config().setAutoRead(false);
                }
                else if (talkPeriodMillis > 0) {
                    this.talking = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(ascii(ctx,
                            "a line of chat from " + name + " for everyone in the room\r\n")),
                            talkPeriodMillis, talkPeriodMillis, TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf buf = (ByteBuf) msg;
                for (int i = buf.readerIndex(); i < buf.writerIndex(); i++) {
                    if (buf.getByte(i) == '\n') {
                        this.lineEnds++;
                    }
                }
                stats.lines.addAndGet(this.lineEnds);
                this.lineEnds = 0;
                buf.release();
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stats.open.decrementAndGet();
                if (Soak.this.reconnect) {
                    stats.closedByServer.incrementAndGet();
                }
                if (this.talking != null) {
                    this.talking.cancel(false);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (!stuck) {
                    stats.errors.incrementAndGet();
                }
                ctx.close();
            }
        }).connect("127.0.0.1", CHAT_PORT);
    }

    private static ByteBuf ascii(ChannelHandlerContext ctx, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ctx.alloc().buffer(bytes.length).writeBytes(bytes);
    }

    /** Connection attempts in bursts of 200, well under the listen backlog. */
    private static void pace(int i) throws InterruptedException {
        if (i % 200 == 199) {
            Thread.sleep(50);
        }
    }

    // ---- the server

    private List<String> serverJvm() {
        return List.of(this.options.getOrDefault("server-jvm", "-Xms512m -Xmx512m -XX:MaxDirectMemorySize=256m").split(" "));
    }

    private void startServer() throws Exception {
        this.serverStarts++;
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(serverJvm());
        command.addAll(List.of("-jar", this.options.getOrDefault("jar", "demo-app/target/demo-app.jar"),
                "--server.port=" + HTTP_PORT, "--twisted.services.echo.endpoint=tcp:" + ECHO_PORT,
                "--twisted.services.chat.endpoint=tcp:" + CHAT_PORT, "--twisted.services.quote.endpoint=tcp:0",
                "--twisted.services.httpEcho.endpoint=tcp:0", "--twisted.services.echo-cred.endpoint=tcp:0",
                "--twisted.services.echo.max-connections=20000", "--twisted.services.chat.max-connections=20000"));
        Path log = this.out.resolve("server-" + this.serverStarts + ".log");
        this.server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("Started DemoApplication")) {
                say("  server pid %d started (log %s)", this.server.pid(), log);
                return;
            }
            if (!this.server.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the demo did not start; see " + log);
    }

    private void stopServer() {
        if (this.server != null && this.server.isAlive()) {
            this.server.destroy();
            try {
                this.server.waitFor(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            this.server.destroyForcibly();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    /** The server's direct buffer memory in bytes, from Actuator; -1 when it cannot be read. */
    private double directMemory() {
        String auth = Base64.getEncoder().encodeToString(("admin:" + System.getenv().getOrDefault("DEMO_ADMIN_PASSWORD",
                "change-me")).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT
                + "/actuator/metrics/jvm.buffer.memory.used?tag=id:direct")).header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(10)).build();
        try {
            String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = VALUE.matcher(body);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---- small things

    private int intOption(String name, int defaultValue) {
        return Integer.parseInt(this.options.getOrDefault(name, Integer.toString(defaultValue)));
    }

    private void say(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println(line);
        this.report.println(line);
    }

    /** Counters of one kind of client, updated on the load's event loop and read by the sampler. */
    private static final class Stats {

        final AtomicInteger open = new AtomicInteger();

        final AtomicLong sent = new AtomicLong();

        final AtomicLong bytes = new AtomicLong();

        final AtomicLong lines = new AtomicLong();

        final AtomicInteger closedByServer = new AtomicInteger();

        final AtomicInteger errors = new AtomicInteger();
    }
}
