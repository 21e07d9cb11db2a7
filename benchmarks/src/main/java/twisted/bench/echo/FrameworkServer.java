package twisted.bench.echo;

import java.util.concurrent.TimeUnit;

import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.netty.NettyReactor;
import twisted.protocols.basic.LineReceiver;
import twisted.protocols.wire.Echo;

/**
 * The framework side: a {@link NettyReactor} with one event loop serving {@link Echo}, or a
 * {@link LineReceiver} that sends each line back.
 */
final class FrameworkServer implements BenchServer {

    private final NettyReactor reactor;

    private final ListeningPort port;

    private FrameworkServer(NettyReactor reactor, ListeningPort port) {
        this.reactor = reactor;
        this.port = port;
    }

    static FrameworkServer start(boolean lines, int backlog) throws Exception {
        NettyReactor reactor = NettyReactor.builder().name("bench-reactor").threads(1).threadPoolSize(1).build();
        Factory factory = Factory.forProtocol(lines ? LineEcho::new : Echo::new);
        ListeningPort port = reactor.listenTCP(0, factory, backlog, "127.0.0.1");
        reactor.start().get(10, TimeUnit.SECONDS);
        return new FrameworkServer(reactor, port);
    }

    @Override
    public int port() {
        return ((IPAddress) this.port.getHost()).port();
    }

    @Override
    public String transport() {
        return this.reactor.getStatistics().transport();
    }

    @Override
    public void stop() throws Exception {
        this.reactor.stop().get(10, TimeUnit.SECONDS);
    }

    /**
     * Sends every line back as it came. It works on bytes, as the raw Netty line server does: the
     * {@code String} overloads would add a decode and an encode that are the application's choice.
     */
    static final class LineEcho extends LineReceiver {

        @Override
        public void lineReceived(byte[] line) {
            sendLine(line);
        }
    }
}
