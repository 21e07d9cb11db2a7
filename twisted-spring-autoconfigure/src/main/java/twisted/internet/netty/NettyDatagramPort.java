package twisted.internet.netty;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.DatagramProtocol;
import twisted.internet.DatagramTransport;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;

/** A bound UDP channel: the datagram protocol's transport and its listening port. */
final class NettyDatagramPort extends SimpleChannelInboundHandler<DatagramPacket>
        implements DatagramTransport, ListeningPort {

    private static final Logger log = LoggerFactory.getLogger(NettyDatagramPort.class);

    private final NettyReactor reactor;

    private final DatagramProtocol protocol;

    private @Nullable Channel channel;

    private @Nullable InetSocketAddress connectedTo;

    private @Nullable Deferred<@Nullable Void> stopped;

    NettyDatagramPort(NettyReactor reactor, DatagramProtocol protocol) {
        this.reactor = reactor;
        this.protocol = protocol;
    }

    void bound(Channel boundChannel) {
        this.channel = boundChannel;
        this.reactor.portOpened(this);
        guard(() -> this.protocol.makeConnection(this));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] data = ByteBufUtil.getBytes(packet.content());
        Address sender = Addresses.of(packet.sender(), "UDP");
        guard(() -> this.protocol.datagramReceived(data, sender));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PortUnreachableException && this.connectedTo != null) {
            guard(this.protocol::connectionRefused);
        }
        else {
            log.warn("UDP port {} error", getHost(), cause);
        }
    }

    @Override
    public void write(byte[] data, @Nullable Address address) {
        Channel ch = channel();
        if (!ch.eventLoop().inEventLoop()) {
            byte[] copy = data.clone();
            ch.eventLoop().execute(() -> write(copy, address));
            return;
        }
        if (address == null) {
            if (this.connectedTo == null) {
                throw new IllegalStateException("write(data) without an address needs a connected transport");
            }
            ch.writeAndFlush(Unpooled.wrappedBuffer(data), ch.voidPromise());
            return;
        }
        if (!(address instanceof IPAddress ip)) {
            throw new IllegalArgumentException("UDP needs an IP address, not " + address);
        }
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), new InetSocketAddress(ip.host(), ip.port())),
                ch.voidPromise());
    }

    @Override
    public void connect(String host, int port) {
        if (!io.netty.util.NetUtil.isValidIpV4Address(host) && !io.netty.util.NetUtil.isValidIpV6Address(host)) {
            throw new IllegalArgumentException("connect needs an IP address, not a host name: " + host);
        }
        InetSocketAddress peer = new InetSocketAddress(host, port);
        this.connectedTo = peer;
        channel().connect(peer);
    }

    @Override
    public Address getHost() {
        return Addresses.of(channel().localAddress(), "UDP");
    }

    @Override
    public Deferred<@Nullable Void> stopListening() {
        if (this.stopped == null) {
            Deferred<@Nullable Void> done = new Deferred<>();
            this.stopped = done;
            this.reactor.portClosing(this);
            channel().close().addListener(closed -> {
                guard(this.protocol::stopProtocol);
                done.callback(null);
            });
        }
        return this.stopped.thenApply(ignored -> null);
    }

    @Override
    public boolean isListening() {
        return this.stopped == null;
    }

    private Channel channel() {
        if (this.channel == null) {
            throw new IllegalStateException("the UDP port is not bound");
        }
        return this.channel;
    }

    private void guard(Runnable call) {
        try {
            call.run();
        }
        catch (Throwable ex) {
            log.error("Unhandled error in datagram protocol {}", this.protocol, ex);
        }
    }
}
