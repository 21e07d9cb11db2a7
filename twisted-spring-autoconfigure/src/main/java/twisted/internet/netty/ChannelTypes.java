package twisted.internet.netty;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * The channel classes of one I/O transport: epoll where its native library loads, NIO otherwise.
 * Twisted calls this choice "the reactor" ({@code --reactor=epoll}).
 */
record ChannelTypes(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> tcpServer,
        Class<? extends Channel> tcpClient, Class<? extends DatagramChannel> udp,
        Class<? extends ServerChannel> unixServer, Class<? extends Channel> unixClient, boolean epoll) {

    static ChannelTypes select(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new ChannelTypes("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class, EpollDatagramChannel.class, EpollServerDomainSocketChannel.class,
                    EpollDomainSocketChannel.class, true);
        }
        return new ChannelTypes("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class,
                NioDatagramChannel.class, NioServerDomainSocketChannel.class, NioDomainSocketChannel.class, false);
    }

    SocketAddress unixAddress(String path) {
        return this.epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
    }
}
