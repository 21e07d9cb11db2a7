package twisted.bench.echo;

import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The baseline: the same work written directly on Netty, the way Netty's own examples do it. One
 * event loop, and the same I/O transport the framework picks (epoll when its native library
 * loads, NIO otherwise).
 */
final class NettyServer implements BenchServer {

    /** The framework's default longest line ({@code LineReceiver}), so both reject the same lines. */
    private static final int MAX_LINE = 16384;

    private final EventLoopGroup group;

    private final Channel channel;

    private final boolean epoll;

    private NettyServer(EventLoopGroup group, Channel channel, boolean epoll) {
        this.group = group;
        this.channel = channel;
        this.epoll = epoll;
    }

    static NettyServer start(boolean lines, int backlog) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-netty", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ChannelHandler child = lines ? new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new LineBasedFrameDecoder(MAX_LINE), LineEchoHandler.INSTANCE);
            }
        } : EchoHandler.INSTANCE;
        Channel channel = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(child)
                .bind("127.0.0.1", 0).sync().channel();
        return new NettyServer(group, channel, epoll);
    }

    @Override
    public int port() {
        return ((java.net.InetSocketAddress) this.channel.localAddress()).getPort();
    }

    @Override
    public String transport() {
        return this.epoll ? "epoll" : "nio";
    }

    @Override
    public void stop() {
        this.channel.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
        this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Writes each buffer back as it came and flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class EchoHandler extends ChannelInboundHandlerAdapter {

        static final EchoHandler INSTANCE = new EchoHandler();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Writes each decoded line back followed by CRLF, and flushes once per read batch. */
    @ChannelHandler.Sharable
    static final class LineEchoHandler extends ChannelInboundHandlerAdapter {

        static final LineEchoHandler INSTANCE = new LineEchoHandler();

        private static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
                Unpooled.directBuffer(2).writeByte('\r').writeByte('\n'));

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg, ctx.voidPromise());
            ctx.write(CRLF.duplicate(), ctx.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
