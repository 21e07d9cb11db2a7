package twisted.internet.netty;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.ChannelPipelineConfigurer;
import reactor.netty.ConnectionObserver;
import reactor.netty.NettyPipeline;

/**
 * The limits an HTTP server (Reactor Netty, behind WebFlux) puts on its connections, applied as each
 * connection is set up: how many may be open at once, and how long a client may take to send a
 * request's line and headers. Reactor Netty's own idle timeout does not cover the second: it is
 * reset by every byte, so a client sending one header byte every few seconds (Slowloris) holds its
 * connection, and a few thousand such clients hold the server.
 *
 * <p>Thread-safe: one instance serves every connection of a server; the count is atomic, and each
 * connection's timer lives on that connection's event loop.
 */
final class HttpServerLimits implements ChannelPipelineConfigurer {

    private static final Logger log = LoggerFactory.getLogger(HttpServerLimits.class);

    static final String BYTES_HANDLER = "twisted.requestHeadBytes";

    static final String HEADS_HANDLER = "twisted.requestHeads";

    private static final byte[] REQUEST_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n"
            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Duration requestHeaderTimeout;

    private final int maxConnections;

    private final AtomicInteger open = new AtomicInteger();

    /** Whether the last connection was refused: the refusals of one burst are logged once. */
    private final AtomicBoolean refusing = new AtomicBoolean();

    HttpServerLimits(Duration requestHeaderTimeout, int maxConnections) {
        if (requestHeaderTimeout.isNegative() || requestHeaderTimeout.isZero()) {
            throw new IllegalArgumentException("requestHeaderTimeout (" + requestHeaderTimeout + ") must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections (" + maxConnections + ") must be at least 1");
        }
        this.requestHeaderTimeout = requestHeaderTimeout;
        this.maxConnections = maxConnections;
    }

    @Override
    public void onChannelInit(ConnectionObserver observer, Channel channel, @Nullable SocketAddress remoteAddress) {
        if (!admit(channel, remoteAddress)) {
            return;
        }
        install(channel.pipeline(), this.requestHeaderTimeout);
    }

    /** Counts the connection in, or closes it when the most allowed are open. */
    boolean admit(Channel channel, @Nullable SocketAddress remoteAddress) {
        if (this.open.incrementAndGet() > this.maxConnections) {
            this.open.decrementAndGet();
            if (this.refusing.compareAndSet(false, true)) {
                log.atWarn().setMessage("HTTP connection refused: {} connections are open, the most allowed")
                        .addArgument(this.maxConnections).addKeyValue("peer", remoteAddress).log();
            }
            channel.close();
            return false;
        }
        this.refusing.set(false);
        channel.closeFuture().addListener(closed -> this.open.decrementAndGet());
        return true;
    }

    /** How many connections are open; for tests. */
    int openConnections() {
        return this.open.get();
    }

    /**
     * Installs the request header timeout around the HTTP/1.1 codec; does nothing on a pipeline
     * without one (HTTP/2, where the codec is set up later).
     */
    static void install(ChannelPipeline pipeline, Duration timeout) {
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;
        }
        RequestHeadTimer timer = new RequestHeadTimer(timeout.toNanos());
        pipeline.addBefore(NettyPipeline.HttpCodec, BYTES_HANDLER, timer.bytes);
        pipeline.addAfter(NettyPipeline.HttpCodec, HEADS_HANDLER, timer.heads);
        timer.start(pipeline.context(BYTES_HANDLER));
    }

    /**
     * One connection's clock for the request head: it runs from when the connection opens, and from
     * the first byte of each later request, until the codec has decoded the request's line and
     * headers. When it runs out, the client gets 408 and the connection is closed. It does not run
     * while a body is read, nor between requests, where Reactor Netty's idle timeout applies.
     * Used on the connection's event loop only.
     */
    private static final class RequestHeadTimer {

        private final long timeoutNanos;

        private @Nullable ScheduledFuture<?> deadline;

        /** Whether a request's head has been decoded and its end not yet. */
        private boolean inRequest;

        /** Whether the clock ran out: what the codec then decodes (its complaint at the close) goes no further. */
        private boolean expired;

        /** How many request heads were decoded, to tell whether a read completed one. */
        private long headsDecoded;

        /** Sees the bytes, before the codec: bytes that do not complete a request's head start the clock. */
        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                RequestHeadTimer timer = RequestHeadTimer.this;
                if (timer.inRequest || timer.deadline != null || !(msg instanceof ByteBuf buffer) || !buffer.isReadable()) {
                    super.channelRead(ctx, msg);
                    return;
                }
                long before = timer.headsDecoded;
                super.channelRead(ctx, msg);
                if (timer.headsDecoded == before) {
                    // the codec holds the start of a request's head (most heads come whole, in one read)
                    timer.start(ctx);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                cancel();
                super.channelInactive(ctx);
            }

            @Override
            public void handlerRemoved(ChannelHandlerContext ctx) {
                cancel();
            }
        };

        /** Sees what the codec decoded: a request's head stops the clock, its end readies it for the next. */
        final ChannelInboundHandlerAdapter heads = new ChannelInboundHandlerAdapter() {

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                RequestHeadTimer timer = RequestHeadTimer.this;
                if (timer.expired) {
                    // the codec's "closed before the headers" request, which Reactor Netty would log at WARN
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof HttpRequest) {
                    timer.cancel();
                    timer.inRequest = true;
                    timer.headsDecoded++;
                }
                if (msg instanceof LastHttpContent) {
                    timer.inRequest = false;
                }
                super.channelRead(ctx, msg);
            }
        };

        RequestHeadTimer(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        void start(@Nullable ChannelHandlerContext ctx) {
            if (ctx == null || !ctx.channel().isActive()) {
                return;
            }
            this.deadline = ctx.executor().schedule(() -> expire(ctx), this.timeoutNanos, TimeUnit.NANOSECONDS);
        }

        private void cancel() {
            ScheduledFuture<?> pending = this.deadline;
            this.deadline = null;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private void expire(ChannelHandlerContext ctx) {
            this.deadline = null;
            if (!ctx.channel().isActive()) {
                return;
            }
            this.expired = true;
            log.atDebug().setMessage("closing an HTTP connection: its request's line and headers took longer than {}")
                    .addArgument(Duration.ofNanos(this.timeoutNanos)).addKeyValue("peer", ctx.channel().remoteAddress())
                    .log();
            // written below the codec, which holds a partly decoded request
            ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
