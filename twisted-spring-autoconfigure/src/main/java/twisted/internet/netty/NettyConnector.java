package twisted.internet.netty;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;
import twisted.internet.TlsOptions;
import twisted.internet.error.ConnectTimeoutException;
import twisted.internet.error.ConnectingCancelledException;
import twisted.internet.error.ConnectionFailedException;
import twisted.internet.error.ConnectionRefusedException;
import twisted.internet.error.DNSLookupException;

/**
 * One outgoing connection's life, attempt after attempt: resolves the host on the thread pool
 * (never on the reactor thread), connects on the reactor's loop, and reports to the
 * {@link ClientFactory}. All state changes happen on the reactor thread.
 */
final class NettyConnector implements Connector {

    private static final Logger log = LoggerFactory.getLogger(NettyConnector.class);

    private enum State {
        DISCONNECTED, CONNECTING, CONNECTED
    }

    private final NettyReactor reactor;

    private final ClientFactory factory;

    private final String host;

    private final int port;

    private final @Nullable String unixPath;

    private final Duration timeout;

    private final @Nullable SocketAddress bindAddress;

    private final @Nullable TlsOptions tls;

    private State state = State.DISCONNECTED;

    private boolean factoryStarted;

    private int attempt;

    private @Nullable ChannelFuture connecting;

    private @Nullable NettyTransport transport;

    NettyConnector(NettyReactor reactor, ClientFactory factory, String host, int port, @Nullable String unixPath,
            Duration timeout, @Nullable SocketAddress bindAddress, @Nullable TlsOptions tls) {
        this.reactor = reactor;
        this.factory = factory;
        this.host = host;
        this.port = port;
        this.unixPath = unixPath;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.tls = tls;
    }

    @Override
    public void connect() {
        this.reactor.requireReactorThread("connect");
        if (this.state != State.DISCONNECTED) {
            throw new IllegalStateException("cannot connect " + this + " while " + this.state.name().toLowerCase());
        }
        this.state = State.CONNECTING;
        int thisAttempt = ++this.attempt;
        if (!this.factoryStarted) {
            this.factory.doStart();
            this.factoryStarted = true;
        }
        this.factory.startedConnecting(this);
        if (this.state != State.CONNECTING || thisAttempt != this.attempt) {
            return; // stopConnecting() from startedConnecting
        }
        if (this.unixPath != null) {
            open(this.reactor.channelTypes().unixAddress(this.unixPath), thisAttempt);
        }
        else if (NetUtil.isValidIpV4Address(this.host) || NetUtil.isValidIpV6Address(this.host)) {
            open(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(this.host), this.port), thisAttempt);
        }
        else {
            this.reactor.deferToThread(() -> InetAddress.getByName(this.host)).addCallbacks(address -> {
                if (this.state == State.CONNECTING && thisAttempt == this.attempt) {
                    open(new InetSocketAddress(address, this.port), thisAttempt);
                }
                return null;
            }, failure -> {
                if (this.state == State.CONNECTING && thisAttempt == this.attempt) {
                    failed(new DNSLookupException("could not resolve " + this.host + ": " + failure.getErrorMessage(),
                            failure.value()));
                }
                return null;
            });
        }
    }

    private void open(SocketAddress remote, int thisAttempt) {
        NettyTransport newTransport = new NettyTransport(this.reactor, this.factory, this, this.tls != null);
        Bootstrap bootstrap = new Bootstrap().group(this.reactor.loop())
                .channel(this.unixPath != null ? this.reactor.channelTypes().unixClient() : this.reactor.channelTypes().tcpClient())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (NettyConnector.this.unixPath == null) {
                            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                        }
                        if (NettyConnector.this.tls != null) {
                            channel.pipeline().addLast(NettyTls.HANDLER_NAME,
                                    NettyTls.newHandler(NettyConnector.this.tls, NettyConnector.this.host, NettyConnector.this.port));
                        }
                        channel.pipeline().addLast(newTransport);
                    }
                });
        if (this.bindAddress != null) {
            bootstrap.localAddress(this.bindAddress);
        }
        ChannelFuture future = bootstrap.connect(remote);
        this.connecting = future;
        future.addListener(done -> {
            if (thisAttempt != this.attempt || this.state != State.CONNECTING) {
                return;
            }
            this.connecting = null;
            if (done.isSuccess()) {
                this.state = State.CONNECTED;
                this.transport = newTransport;
            }
            else if (done.isCancelled()) {
                failed(new ConnectingCancelledException("connecting to " + describe() + " was cancelled"));
            }
            else {
                failed(translate(done.cause()));
            }
        });
    }

    private ConnectionFailedException translate(Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return new ConnectTimeoutException("connecting to " + describe() + " timed out after " + this.timeout.toMillis()
                    + " ms", cause);
        }
        if (cause instanceof ConnectException) {
            return new ConnectionRefusedException("connection to " + describe() + " refused: " + cause.getMessage(), cause);
        }
        if (cause instanceof UnknownHostException) {
            return new DNSLookupException("could not resolve " + this.host, cause);
        }
        return new ConnectionFailedException("connecting to " + describe() + " failed: " + cause, cause);
    }

    private void failed(ConnectionFailedException reason) {
        this.state = State.DISCONNECTED;
        this.connecting = null;
        try {
            this.factory.clientConnectionFailed(this, new Failure(reason));
        }
        catch (Throwable ex) {
            log.error("clientConnectionFailed of {} threw", this.factory, ex);
        }
        stopFactoryIfIdle();
    }

    /** The transport's connection has ended; called after the protocol's connectionLost. */
    void connectionLost(Failure reason) {
        this.state = State.DISCONNECTED;
        this.transport = null;
        try {
            this.factory.clientConnectionLost(this, reason);
        }
        catch (Throwable ex) {
            log.error("clientConnectionLost of {} threw", this.factory, ex);
        }
        stopFactoryIfIdle();
    }

    private void stopFactoryIfIdle() {
        if (this.state == State.DISCONNECTED && this.factoryStarted) {
            this.factoryStarted = false;
            this.factory.doStop();
        }
    }

    @Override
    public void stopConnecting() {
        this.reactor.requireReactorThread("stopConnecting");
        if (this.state != State.CONNECTING) {
            throw new IllegalStateException("stopConnecting() on " + this + ", which is not connecting");
        }
        ChannelFuture future = this.connecting;
        this.attempt++;
        if (future != null) {
            future.cancel(false);
            future.channel().close();
        }
        failed(new ConnectingCancelledException("connecting to " + describe() + " was cancelled"));
    }

    @Override
    public void disconnect() {
        this.reactor.requireReactorThread("disconnect");
        if (this.state == State.CONNECTING) {
            stopConnecting();
        }
        else if (this.state == State.CONNECTED && this.transport != null) {
            this.transport.loseConnection();
        }
    }

    @Override
    public Address getDestination() {
        if (this.unixPath != null) {
            return new twisted.internet.UNIXAddress(this.unixPath);
        }
        return Addresses.of(InetSocketAddress.createUnresolved(this.host, this.port), "TCP");
    }

    private String describe() {
        return (this.unixPath != null) ? this.unixPath : this.host + ":" + this.port;
    }

    @Override
    public String toString() {
        return "<Connector to " + describe() + ">";
    }

}
