package twisted.bench.irc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.netty.NettyReactor;
import twisted.words.irc.server.IRCServer;
import twisted.words.irc.server.IRCServerSettings;

/**
 * Our IRC server for the load benchmark, as {@code benchmarks/run-irc-load.sh twisted} starts it:
 * one {@link IRCServer} on a {@link NettyReactor} with one event loop, on 127.0.0.1, with the
 * limits that would refuse a load run from one address raised the way the ngircd run raises
 * them (clients per host, the flood bucket); every other setting is the default. Prints
 * {@code listening on <port>}, then serves until killed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar twisted.bench.irc.IrcServer [port]
 * </pre>
 */
public final class IrcServer {

    private IrcServer() {
    }

    /**
     * Starts the server.
     *
     * @param args the port, 0 (a free one) unless given
     * @throws Exception if it cannot listen
     */
    public static void main(String[] args) throws Exception {
        int wanted = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
        NettyReactor reactor = NettyReactor.builder().name("irc-bench").threads(1).threadPoolSize(1).build();
        IRCServerSettings settings = IRCServerSettings.defaults().toBuilder().serverName("irc.bench.local")
                .motd(List.of("twisted-spring load run"))
                .clientsPerHost(1_000_000).floodBurst(1_000_000).floodRate(1_000_000)
                .registrationTimeout(Duration.ofMinutes(5)).build();
        IRCServer server = new IRCServer(settings, reactor, null, null);
        ListeningPort port = reactor.listenTCP(wanted, server.factory(), 4096, "127.0.0.1");
        reactor.start().get(10, TimeUnit.SECONDS);
        System.out.println("listening on " + ((IPAddress) port.getHost()).port() + " ("
                + reactor.getStatistics().transport() + ")");
        new CountDownLatch(1).await();
    }
}
