package twisted.internet.netty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ConnectionLimits;
import twisted.internet.Factory;
import twisted.internet.HalfCloseableProtocol;
import twisted.internet.IPAddress;
import twisted.internet.Protocol;
import twisted.internet.PullProducer;
import twisted.internet.PushProducer;
import twisted.internet.TCPTransport;
import twisted.internet.TlsOptions;
import twisted.internet.error.ConnectionAbortedException;
import twisted.internet.error.ConnectionDoneException;
import twisted.internet.error.ConnectionLostException;

/**
 * One connection: the Netty handler at the end of the channel's pipeline, and the
 * {@link TCPTransport} its protocol writes to. It is the only place that sees a {@code ByteBuf}:
 * it lends each read to the protocol as {@link twisted.internet.ReceivedBytes} (a framing receiver
 * copies each message out of it once; any other protocol gets one copy of the whole read), then
 * releases the buffer.
 *
 * <p>Writes made while the protocol handles a read are flushed once the read batch ends; other
 * writes are flushed on the next turn of the loop, so a burst of writes costs one system call.
 * The connection's {@link ConnectionLimits} bound what it holds unsent, whoever writes to it:
 * past the high-water mark (the channel's {@link WriteBufferWaterMark}, low at half of it) the
 * transport is not writable, a streaming producer is paused and the transport stops reading from
 * the peer until the buffer drains; a write that would take an unwritable buffer past the limit
 * aborts the connection instead, so a peer that never reads cannot make the process buffer
 * without bound. {@code loseConnection} aborts when the flush has not finished within the close
 * timeout.
 */
final class NettyTransport extends ChannelDuplexHandler implements TCPTransport {

    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    private final NettyReactor reactor;

    private final Factory factory;

    private final @Nullable NettyConnector connector;

    private @Nullable ChannelHandlerContext ctx;

    private @Nullable Protocol protocol;

    /**
     * The addresses, made on first use: most protocols never ask, and the two cost about 170 bytes
     * per connection, an eighth of what an idle connection holds. Netty keeps the socket
     * addresses they are made from for the channel's whole life.
     */
    private @Nullable Address peer;

    private @Nullable Address host;

    private boolean secure;

    private boolean disconnecting;

    /** Why the connection was aborted; {@code null} unless it was. */
    private @Nullable ConnectionAbortedException abortedBy;

    private ConnectionLimits limits;

    /** The abort that {@code loseConnection} armed, cancelled when the connection closes in time. */
    private @Nullable ScheduledFuture<?> closeDeadline;

    private boolean lost;

    private boolean inRead;

    private boolean flushPending;

    private boolean pausedByUser;

    private boolean pausedByBackpressure;

    private @Nullable Object producer;

    private boolean streaming;

    private boolean producerPaused;

    private @Nullable Throwable error;

    /** Neighbours in the reactor's {@link OpenConnections}; guarded by it. */
    @Nullable NettyTransport previousOpen;

    @Nullable NettyTransport nextOpen;

    NettyTransport(NettyReactor reactor, Factory factory, @Nullable NettyConnector connector, boolean secure) {
        this.reactor = reactor;
        this.factory = factory;
        this.connector = connector;
        this.secure = secure;
        this.limits = reactor.connectionLimits();
    }

    // ------------------------------------------------------------------ Netty events

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        Channel channel = ctx.channel();
        // Asking once makes Netty keep both socket addresses, so getPeer and getHost still work after a close.
        channel.localAddress();
        applyWaterMark(channel);
        Address peerAddress = Addresses.of(channel.remoteAddress(), "TCP");
        this.reactor.opened(this);
        Protocol built;
        try {
            built = this.factory.buildProtocol(peerAddress);
        }
        catch (Throwable ex) {
            log.error("[{}] buildProtocol of {} failed; closing the connection", peerAddress, this.factory, ex);
            abortConnection();
            return;
        }
        if (built == null) {
            log.debug("[{}] {} refused the connection", peerAddress, this.factory);
            loseConnection();
            return;
        }
        this.protocol = built;
        guard("connectionMade", () -> built.makeConnection(this));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            Protocol p = this.protocol;
            if (p == null || this.disconnecting || this.lost || !buf.isReadable()) {
                return;
            }
            this.inRead = true;
            // Lent, not copied: a framing receiver copies each message out once, a plain protocol
            // gets a copy of the whole read (Protocol.dataReceived(ReceivedBytes)).
            NettyReceivedBytes data = new NettyReceivedBytes(buf);
            try {
                p.dataReceived(data);
            }
            catch (Throwable ex) {
                failed("dataReceived", ex);
            }
            finally {
                data.end();
            }
        }
        finally {
            buf.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        this.inRead = false;
        flushNow();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            if (this.protocol instanceof HalfCloseableProtocol halfCloseable && !this.disconnecting) {
                guard("readConnectionLost", halfCloseable::readConnectionLost);
            }
            else {
                loseConnection();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        writabilityIs(ctx.channel().isWritable());
    }

    /**
     * Pauses or resumes the producer (and reading) as the channel's writability now is. Netty
     * reports a change later, on the event loop, reading the writability then; over TLS it can flip
     * and flip back inside one flush (plain bytes queued in the TLS handler, then the encrypted
     * ones), so that report alone could miss a moment of unwritability that a producer saw through
     * {@link #isWritable()}, and the producer would wait for a resume that never comes. So a write
     * that leaves the channel unwritable pauses at once ({@link #send}); every later change to
     * writable is reported, and resumes.
     */
    private void writabilityIs(boolean writable) {
        if (writable == !this.pausedByBackpressure) {
            return;
        }
        this.pausedByBackpressure = !writable;
        updateAutoRead();
        if (this.producer instanceof PushProducer push && this.streaming) {
            if (!writable && !this.producerPaused) {
                this.producerPaused = true;
                guard("pauseProducing", push::pauseProducing);
            }
            else if (writable && this.producerPaused) {
                this.producerPaused = false;
                guard("resumeProducing", push::resumeProducing);
            }
        }
        else if (writable && this.producer instanceof PullProducer) {
            resumePull();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
        if (this.error == null) {
            this.error = error;
        }
        if (error instanceof IOException) {
            log.debug("[{}] connection error: {}", logPrefix(), error.toString());
        }
        else {
            log.warn("[{}] connection failed", logPrefix(), error);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (this.lost) {
            return;
        }
        this.lost = true;
        ScheduledFuture<?> deadline = this.closeDeadline;
        if (deadline != null) {
            this.closeDeadline = null;
            deadline.cancel(false);
        }
        this.reactor.closed(this);
        Failure reason;
        if (this.abortedBy != null) {
            // Before the error: closing with writes pending fails them (ClosedChannelException).
            reason = new Failure(this.abortedBy);
        }
        else if (this.error != null) {
            reason = new Failure(new ConnectionLostException(this.error));
        }
        else {
            reason = new Failure(new ConnectionDoneException());
        }
        Object registered = this.producer;
        this.producer = null;
        if (registered instanceof PushProducer push) {
            guard("stopProducing", push::stopProducing);
        }
        else if (registered instanceof PullProducer pull) {
            guard("stopProducing", pull::stopProducing);
        }
        Protocol p = this.protocol;
        if (p != null) {
            guard("connectionLost", () -> p.disconnected(reason));
        }
        if (this.connector != null) {
            this.connector.connectionLost(reason);
        }
    }

    // ------------------------------------------------------------------ Transport

    /**
     * {@inheritDoc}
     *
     * <p>The bytes are copied once, into a buffer from the channel's allocator (a direct one for
     * the native transports), which is what Netty would otherwise do with a wrapped array.
     */
    @Override
    public void write(byte[] data) {
        ChannelHandlerContext c = context();
        if (!c.executor().inEventLoop()) {
            byte[] copy = data.clone();
            c.executor().execute(() -> write(copy));
            return;
        }
        if (this.disconnecting || this.lost || data.length == 0 || !admit(c, data.length)) {
            return;
        }
        ByteBuf out = outgoing(c, data.length);
        out.writeBytes(data);
        send(c, out);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The chunks are copied into one buffer and written as one: {@code sendLine} writes a line
     * and its delimiter this way without joining them in a new array first.
     */
    @Override
    public void writeSequence(List<byte[]> data) {
        ChannelHandlerContext c = context();
        if (!c.executor().inEventLoop()) {
            List<byte[]> copy = data.stream().map(byte[]::clone).toList();
            c.executor().execute(() -> writeSequence(copy));
            return;
        }
        if (this.disconnecting || this.lost) {
            return;
        }
        int length = 0;
        for (byte[] chunk : data) {
            length = Math.addExact(length, chunk.length);
        }
        if (length == 0 || !admit(c, length)) {
            return;
        }
        ByteBuf out = outgoing(c, length);
        for (byte[] chunk : data) {
            out.writeBytes(chunk);
        }
        send(c, out);
    }

    /**
     * A buffer for {@code length} bytes to send: from the channel's pooled allocator while the peer
     * keeps up, and an exact-size unpooled direct buffer once bytes already flushed are still waiting
     * (the kernel's send buffer is full: the peer is slow or not reading). Not a heap buffer: the
     * channel would copy it into a pooled direct one. A pooled buffer that waits
     * pins the whole chunk it was carved from, so small lines waiting for slow readers, among the
     * short-lived buffers of everyone else, would hold many times their size in direct memory (the
     * soak run saw 13,000 waiting chat lines pin 200 MB), and the write buffer limit, which counts
     * bytes, would not bound it.
     */
    private static ByteBuf outgoing(ChannelHandlerContext c, int length) {
        ChannelOutboundBuffer waiting = c.channel().unsafe().outboundBuffer();
        if (waiting != null && waiting.size() > 0) {
            return Unpooled.directBuffer(length, length);
        }
        return c.alloc().ioBuffer(length);
    }

    /**
     * Whether {@code length} more bytes may join the outgoing buffer: always while the channel is
     * writable, and while it is not, as long as the unsent bytes stay within the limit. When they
     * would not, aborts the connection, logging it once, and says no.
     */
    private boolean admit(ChannelHandlerContext c, int length) {
        Channel channel = c.channel();
        if (channel.isWritable()) {
            return true;
        }
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        long unsent = ((buffer != null) ? buffer.totalPendingWriteBytes() : 0) + length;
        long limit = this.limits.writeBufferLimit();
        if (unsent <= limit) {
            return true;
        }
        // Key-values name this connection: the MDC may be another's, the one whose write this is.
        log.atWarn().setMessage("[{}] aborting the connection: {} bytes would be waiting to be sent, past its write "
                + "buffer limit of {} bytes (the peer is not reading)").addArgument(this::logPrefix).addArgument(unsent)
                .addArgument(limit).addKeyValue("peer", this::getPeer).addKeyValue("writeBufferLimit", limit).log();
        abort(ConnectionAbortedException.Reason.WRITE_BUFFER_LIMIT,
                unsent + " bytes would be waiting to be sent, past the write buffer limit of " + limit + " bytes");
        return false;
    }

    private void send(ChannelHandlerContext c, ByteBuf out) {
        c.write(out, c.voidPromise());
        if (!this.pausedByBackpressure && !c.channel().isWritable()) {
            writabilityIs(false);
        }
        if (!this.flushPending) {
            this.flushPending = true;
            if (!this.inRead) {
                // A new task each time, not one kept per connection: this runs at most once a loop
                // turn for a connection that writes outside a read, and costs 16 bytes then, where
                // a kept task cost 16 bytes of every idle connection.
                c.executor().execute(this::flushNow);
            }
        }
    }

    private void flushNow() {
        if (this.flushPending) {
            this.flushPending = false;
            context().flush();
        }
    }

    @Override
    public void loseConnection() {
        ChannelHandlerContext c = context();
        if (!c.executor().inEventLoop()) {
            c.executor().execute(this::loseConnection);
            return;
        }
        if (this.disconnecting || this.lost) {
            return;
        }
        this.disconnecting = true;
        updateAutoRead();
        this.flushPending = false;
        c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        if (!this.lost && c.channel().isOpen()) {
            this.closeDeadline = c.executor().schedule(this::closeTimedOut, this.limits.closeTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void closeTimedOut() {
        this.closeDeadline = null;
        if (this.lost) {
            return;
        }
        long timeout = this.limits.closeTimeout().toMillis();
        log.info("[{}] aborting the connection: what was left to send was not sent within its close timeout of {} ms "
                + "(the peer did not read it in time)", logPrefix(), timeout);
        abort(ConnectionAbortedException.Reason.CLOSE_TIMEOUT,
                "what was left to send was not sent within the close timeout of " + timeout + " ms");
    }

    @Override
    public void abortConnection() {
        ChannelHandlerContext c = context();
        if (!c.executor().inEventLoop()) {
            c.executor().execute(this::abortConnection);
            return;
        }
        abort(ConnectionAbortedException.Reason.ABORTED, "abortConnection() was called");
    }

    /** Closes at once, dropping what is unsent; the first reason given is the one reported. */
    private void abort(ConnectionAbortedException.Reason reason, String detail) {
        if (this.lost) {
            return;
        }
        this.disconnecting = true;
        if (this.abortedBy == null) {
            this.abortedBy = new ConnectionAbortedException(reason, detail);
        }
        Channel channel = context().channel();
        // a socket the peer has just closed has no options left to read or set
        if (channel.isOpen()) {
            try {
                if (channel.config().getOptions().containsKey(ChannelOption.SO_LINGER)) {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                }
            }
            catch (ChannelException ex) {
                // closed meanwhile (its connectionLost is on its way): nothing to reset
            }
        }
        channel.close();
    }

    @Override
    public boolean isDisconnecting() {
        return this.disconnecting || this.lost;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The channel's own writability: below the high-water mark, or back below half of it.
     * {@code false} once closing has begun, since writes are then dropped. May be asked from any
     * thread; off the connection's loop the answer may be a moment old.
     */
    @Override
    public boolean isWritable() {
        return !this.disconnecting && !this.lost && context().channel().isWritable();
    }

    @Override
    public ConnectionLimits getConnectionLimits() {
        return this.limits;
    }

    @Override
    public void setConnectionLimits(ConnectionLimits limits) {
        Objects.requireNonNull(limits, "limits");
        onLoop(() -> {
            this.limits = limits;
            applyWaterMark(context().channel());
        });
    }

    /** The channel's water marks from the limits: high at the high-water mark, low at half of it. */
    private void applyWaterMark(Channel channel) {
        int high = this.limits.writeBufferHighWater();
        WriteBufferWaterMark current = channel.config().getWriteBufferWaterMark();
        if (current.high() != high || current.low() != high / 2) {
            // Netty's default is (32 KiB, 64 KiB): with the default limits no mark is made per connection.
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Made on the first call, from any thread; a racing second call may make an equal copy.
     */
    @Override
    public Address getPeer() {
        Address address = this.peer;
        if (address == null) {
            address = Addresses.of(context().channel().remoteAddress(), "TCP");
            this.peer = address;
        }
        return address;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Made on the first call, from any thread; a racing second call may make an equal copy.
     */
    @Override
    public Address getHost() {
        Address address = this.host;
        if (address == null) {
            address = Addresses.of(context().channel().localAddress(), "TCP");
            this.host = address;
        }
        return address;
    }

    @Override
    public String logPrefix() {
        String name = (this.protocol != null) ? this.protocol.logPrefix() : this.factory.logPrefix();
        Address address = (this.ctx != null) ? getPeer() : null;
        if (address instanceof IPAddress ip) {
            return name + "," + ip.host() + ":" + ip.port();
        }
        return name + "," + address;
    }

    // ------------------------------------------------------------------ producers

    @Override
    public void registerProducer(Object producer, boolean streaming) {
        onLoop(() -> {
            if (this.producer != null) {
                throw new IllegalStateException("a producer is already registered on " + logPrefix() + ": " + this.producer);
            }
            if (streaming ? !(producer instanceof PushProducer) : !(producer instanceof PullProducer)) {
                throw new IllegalArgumentException("a " + (streaming ? "streaming" : "non-streaming") + " producer must be a "
                        + (streaming ? "PushProducer" : "PullProducer") + ": " + producer);
            }
            this.producer = producer;
            this.streaming = streaming;
            this.producerPaused = false;
            if (streaming && this.pausedByBackpressure) {
                this.producerPaused = true;
                guard("pauseProducing", ((PushProducer) producer)::pauseProducing);
            }
            else if (!streaming) {
                context().executor().execute(this::resumePull);
            }
        });
    }

    @Override
    public void unregisterProducer() {
        onLoop(() -> this.producer = null);
    }

    private void resumePull() {
        if (!(this.producer instanceof PullProducer pull) || this.lost || !context().channel().isWritable()) {
            return;
        }
        guard("resumeProducing", pull::resumeProducing);
        if (this.producer == pull && !this.lost) {
            flushNow();
            context().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(done -> resumePull());
        }
    }

    @Override
    public void pauseProducing() {
        onLoop(() -> {
            this.pausedByUser = true;
            updateAutoRead();
        });
    }

    @Override
    public void resumeProducing() {
        onLoop(() -> {
            this.pausedByUser = false;
            updateAutoRead();
        });
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    private void updateAutoRead() {
        Channel channel = context().channel();
        boolean read = !this.pausedByUser && !this.pausedByBackpressure && !this.disconnecting;
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    // ------------------------------------------------------------------ TCP

    @Override
    public void setTcpNoDelay(boolean enabled) {
        context().channel().config().setOption(ChannelOption.TCP_NODELAY, enabled);
    }

    @Override
    public boolean getTcpNoDelay() {
        return Boolean.TRUE.equals(context().channel().config().getOption(ChannelOption.TCP_NODELAY));
    }

    @Override
    public void setTcpKeepAlive(boolean enabled) {
        context().channel().config().setOption(ChannelOption.SO_KEEPALIVE, enabled);
    }

    @Override
    public boolean getTcpKeepAlive() {
        return Boolean.TRUE.equals(context().channel().config().getOption(ChannelOption.SO_KEEPALIVE));
    }

    @Override
    public void loseWriteConnection() {
        onLoop(() -> {
            if (!(context().channel() instanceof DuplexChannel duplex)) {
                throw new IllegalStateException("this connection cannot be half-closed");
            }
            this.flushPending = false;
            context().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> duplex.shutdownOutput()
                    .addListener(shut -> {
                        if (this.protocol instanceof HalfCloseableProtocol halfCloseable) {
                            guard("writeConnectionLost", halfCloseable::writeConnectionLost);
                        }
                        else {
                            loseConnection();
                        }
                    }));
        });
    }

    @Override
    public void startTLS(TlsOptions options) {
        onLoop(() -> {
            if (this.secure) {
                throw new IllegalStateException("TLS is already on for " + logPrefix());
            }
            InetSocketAddress remote = (InetSocketAddress) context().channel().remoteAddress();
            context().pipeline().addFirst(NettyTls.HANDLER_NAME,
                    NettyTls.newHandler(options, remote.getHostString(), remote.getPort()));
            this.secure = true;
        });
    }

    @Override
    public boolean isSecure() {
        return this.secure;
    }

    // ------------------------------------------------------------------ helpers

    private ChannelHandlerContext context() {
        ChannelHandlerContext c = this.ctx;
        if (c == null) {
            throw new IllegalStateException("the transport is not connected yet");
        }
        return c;
    }

    /** Runs on the loop: at once when already there, else handed over. */
    private void onLoop(Runnable action) {
        ChannelHandlerContext c = context();
        if (c.executor().inEventLoop()) {
            action.run();
        }
        else {
            c.executor().execute(action);
        }
    }

    /** Runs a protocol callback; one that throws is logged once and the connection is closed. */
    private void guard(String callback, Runnable call) {
        try {
            call.run();
        }
        catch (Throwable ex) {
            failed(callback, ex);
        }
    }

    private void failed(String callback, Throwable ex) {
        log.error("[{}] unhandled error in {}; closing the connection", logPrefix(), callback, ex);
        if (!this.lost) {
            abort(ConnectionAbortedException.Reason.ABORTED, "unhandled error in " + callback);
        }
    }

    @Nullable Protocol protocol() {
        return this.protocol;
    }

    @Override
    public String toString() {
        return "NettyTransport[" + logPrefix() + "]";
    }
}
