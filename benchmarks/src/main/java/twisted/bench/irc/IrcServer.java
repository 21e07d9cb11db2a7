package twisted.bench.irc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import twisted.cluster.redis.RedisCluster;
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
 * <p>With a Redis URL and a node id it is one node of a network
 * ({@code benchmarks/run-irc-load.sh cluster} starts three): a {@link RedisCluster} with the
 * defaults of {@code twisted.cluster.*} (1 s heartbeat, 5 s node timeout, 64 KiB messages, 2 s
 * command timeout) on a Lettuce connection, as the auto-configuration builds it.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar twisted.bench.irc.IrcServer [port [redis://host:port node-id]]
 * </pre>
 */
public final class IrcServer {

    private IrcServer() {
    }

    /**
     * Starts the server.
     *
     * @param args the port, 0 (a free one) unless given; then a Redis URL and a node id to be one
     *        node of a cluster
     * @throws Exception if it cannot listen or cannot join the cluster
     */
    public static void main(String[] args) throws Exception {
        int wanted = (args.length > 0) ? Integer.parseInt(args[0]) : 0;
        NettyReactor reactor = NettyReactor.builder().name("irc-bench").threads(1).threadPoolSize(1).build();
        IRCServerSettings settings = IRCServerSettings.defaults().toBuilder().serverName("irc.bench.local")
                .motd(List.of("twisted-spring load run"))
                .clientsPerHost(1_000_000).floodBurst(1_000_000).floodRate(1_000_000)
                .registrationTimeout(Duration.ofMinutes(5)).build();
        RedisCluster cluster = null;
        if (args.length > 2) {
            URI redis = URI.create(args[1]);
            LettuceConnectionFactory connections = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration(redis.getHost(), redis.getPort()));
            connections.afterPropertiesSet();
            connections.start();
            cluster = new RedisCluster(connections, reactor, new RedisCluster.Settings(args[2], Duration.ofSeconds(1),
                    Duration.ofSeconds(5), "twisted:", 64 * 1024, Duration.ofSeconds(2)), Clock.systemUTC());
        }
        IRCServer server = new IRCServer(settings, reactor, null, null, cluster);
        ListeningPort port = reactor.listenTCP(wanted, server.factory(), 4096, "127.0.0.1");
        reactor.start().get(10, TimeUnit.SECONDS);
        if (cluster != null) {
            cluster.start().get(10, TimeUnit.SECONDS);
        }
        System.out.println("listening on " + ((IPAddress) port.getHost()).port() + " ("
                + reactor.getStatistics().transport() + ((cluster != null) ? ", node " + args[2] + " on " + args[1] : "")
                + ")");
        new CountDownLatch(1).await();
    }
}
