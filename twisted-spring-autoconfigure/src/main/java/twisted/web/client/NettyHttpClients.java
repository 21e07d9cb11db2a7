package twisted.web.client;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Builds the Reactor Netty {@link HttpClient} behind {@code twisted.web.client.Agent}, keeping the
 * Netty options here, out of the agent's logic.
 */
final class NettyHttpClients {

    private NettyHttpClients() {
    }

    /**
     * Netty's method object for a method name.
     *
     * @param method for example {@code GET}
     * @return the method
     */
    static io.netty.handler.codec.http.HttpMethod method(String method) {
        return io.netty.handler.codec.http.HttpMethod.valueOf(method);
    }

    /**
     * A client with its own connection pool.
     *
     * @param name the pool's name, for metrics
     * @param connectTimeout how long a connection attempt may take
     * @param maxConnectionsPerHost the most connections to one host at once
     * @param idleConnectionTimeout how long an idle pooled connection is kept
     * @param decompress whether to ask for gzip and decode it
     * @return the client
     */
    static HttpClient create(String name, Duration connectTimeout, int maxConnectionsPerHost,
            Duration idleConnectionTimeout, boolean decompress) {
        ConnectionProvider pool = ConnectionProvider.builder(name).maxConnections(maxConnectionsPerHost)
                .maxIdleTime(idleConnectionTimeout).build();
        return HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .compress(decompress);
    }
}
