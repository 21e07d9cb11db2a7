package twisted.internet.netty;

import java.time.Duration;
import java.util.Objects;

import io.netty.channel.EventLoopGroup;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;
import twisted.internet.Reactor;

/**
 * Settings of a Reactor Netty {@link HttpServer} (the one behind WebFlux) that need Netty types,
 * which stay in this package.
 *
 * <p>{@link #limit}: how many connections may be open at once, and how long a client may take to
 * send a request's head. The auto-configuration applies it to every WebFlux server on Reactor Netty
 * ({@code twisted.web.max-connections}, {@code twisted.web.request-header-timeout}).
 *
 * <p>{@link #runOnReactor}: the server runs on the reactor's own event loops, Twisted's model of one
 * loop for everything. Every HTTP connection is then served on a reactor thread, so a
 * {@code twisted.web} resource renders where the request arrived, without a hop to the reactor
 * thread and back. The price: everything else that runs for an HTTP request (controllers, filters,
 * Spring Security, Actuator) runs on the reactor thread too, and must not block it. Young API:
 * {@code twisted.web.share-reactor-loop} switches it on.
 *
 * @since 0.1.0
 */
public final class NettyHttpServers {

    private NettyHttpServers() {
    }

    /**
     * The server, set to accept and serve its connections on the reactor's loops. The reactor keeps
     * owning them: disposing the server does not shut them down, stopping the reactor does.
     *
     * @param server the server to configure
     * @param reactor the reactor whose loops it uses; must be a {@link NettyReactor}
     * @return the configured server
     * @throws IllegalArgumentException when {@code reactor} is not a {@link NettyReactor}
     */
    public static HttpServer runOnReactor(HttpServer server, Reactor reactor) {
        Objects.requireNonNull(server, "server");
        if (!(reactor instanceof NettyReactor netty)) {
            throw new IllegalArgumentException("an HTTP server can share the loop of a NettyReactor only, not of "
                    + reactor.getClass().getName());
        }
        return server.runOn(new ReactorLoops(netty.group()));
    }

    /**
     * The server, with limits on its connections: at most {@code maxConnections} open at once (more
     * are closed as they are accepted, logged at WARN once per burst), and {@code requestHeaderTimeout}
     * for a client to send a request's line and headers, counted from when the connection opens or
     * from the first byte of a later request (past it, the client gets 408 and the connection is
     * closed). Reactor Netty's idle timeout ({@link HttpServer#idleTimeout}) is reset by every byte, so
     * it does not stop a client that sends its headers a byte at a time (Slowloris). The header timeout
     * applies to HTTP/1.1; an HTTP/2 connection gets the connection cap only.
     *
     * @param server the server to configure
     * @param requestHeaderTimeout how long a request's line and headers may take; positive
     * @param maxConnections how many connections may be open at once; at least 1
     * @return the configured server
     * @throws IllegalArgumentException when a limit is out of range
     */
    public static HttpServer limit(HttpServer server, Duration requestHeaderTimeout, int maxConnections) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(requestHeaderTimeout, "requestHeaderTimeout");
        return server.doOnChannelInit(new HttpServerLimits(requestHeaderTimeout, maxConnections));
    }

    /** The reactor's loops as Reactor Netty resources that are never disposed from the server's side. */
    private record ReactorLoops(EventLoopGroup group) implements LoopResources {

        @Override
        public EventLoopGroup onServer(boolean useNative) {
            return this.group;
        }

        @Override
        public EventLoopGroup onServerSelect(boolean useNative) {
            return this.group;
        }

        @Override
        public boolean daemon() {
            return true;
        }

        @Override
        public boolean isDisposed() {
            return this.group.isShuttingDown();
        }

        @Override
        public void dispose() {
            // the reactor owns the loops
        }

        @Override
        public Mono<Void> disposeLater() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> disposeLater(java.time.Duration quietPeriod, java.time.Duration timeout) {
            return Mono.empty();
        }
    }
}
