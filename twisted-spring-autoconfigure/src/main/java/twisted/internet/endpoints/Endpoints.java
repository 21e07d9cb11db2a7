package twisted.internet.endpoints;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;
import twisted.internet.Protocol;
import twisted.internet.Reactor;
import twisted.internet.TlsOptions;

/**
 * Endpoints from description strings, and the endpoint types they name.
 *
 * <p>Server strings: {@code tcp:PORT[:interface=ADDRESS][:backlog=N]},
 * {@code tcp6:PORT[:interface=::][:backlog=N]},
 * {@code ssl:PORT[:privateKey=server.pem][:certKey=FILE][:extraCertChain=FILE][:interface=][:backlog=N]},
 * {@code unix:PATH[:mode=666][:backlog=N]}, and any type a {@link ServerEndpointParser} plugin
 * adds. Without {@code backlog}, the listen backlog is {@link Reactor#DEFAULT_BACKLOG}, the
 * system's maximum (Twisted's default is 50). Client strings: {@code tcp:HOST:PORT} (or {@code tcp:host=HOST:port=PORT})
 * {@code [:timeout=30][:bindAddress=HOST,PORT]}, {@code tls:HOST:PORT[:trustRoots=PEM][:timeout=]},
 * {@code ssl:HOST:PORT[:caCertsDir=DIR][:verifyHostname=yes][:timeout=]},
 * {@code unix:PATH[:timeout=30]}. A backslash escapes a colon ({@code privateKey=C\:/k.pem}).
 *
 * <p>Unlike Twisted's, every client TLS string verifies the server's host name (against the
 * JVM's trust store unless trust roots are given); {@code ssl:...:verifyHostname=no} turns that
 * off on purpose. Unknown options are errors, never silently ignored. Every error names the part
 * of the string that is wrong.
 *
 * <p>Twisted: {@code endpoints.serverFromString}, {@code clientFromString},
 * {@code connectProtocol}, {@code TCP4ServerEndpoint} and friends.
 *
 * @since 0.1.0
 */
public final class Endpoints {

    private static final Set<String> TCP_SERVER = Set.of("port", "interface", "backlog");

    private static final Set<String> SSL_SERVER = Set.of("port", "interface", "backlog", "privateKey", "certKey",
            "extraCertChain");

    private static final Set<String> UNIX_SERVER = Set.of("address", "mode", "backlog");

    private static final Set<String> TCP_CLIENT = Set.of("host", "port", "timeout", "bindAddress");

    private static final Set<String> TLS_CLIENT = Set.of("host", "port", "timeout", "trustRoots");

    private static final Set<String> SSL_CLIENT = Set.of("host", "port", "timeout", "caCertsDir", "verifyHostname");

    private static final Set<String> UNIX_CLIENT = Set.of("path", "timeout");

    private Endpoints() {
    }

    // ------------------------------------------------------------------ strings

    /**
     * A server endpoint from its description.
     *
     * @param reactor the reactor to listen on
     * @param description for example {@code tcp:8000:interface=127.0.0.1}
     * @return the endpoint; nothing is bound until {@code listen}
     * @throws EndpointSyntaxException naming the wrong part of the description
     */
    public static ServerEndpoint serverFromString(Reactor reactor, String description) {
        return serverFromString(reactor, description, "");
    }

    /**
     * A server endpoint from its description, listening on {@code defaultInterface} when a
     * {@code tcp}, {@code tcp6} or {@code ssl} description names no {@code interface} (for
     * {@code tcp6}, an IPv4 loopback default becomes {@code ::1} and an empty one {@code ::}).
     * The description is parsed as written, never rewritten; the endpoint's {@code toString()} is
     * the description.
     *
     * @param reactor the reactor to listen on
     * @param description for example {@code tcp:8000}
     * @param defaultInterface the address to bind when the description names none; {@code ""} for
     *        every interface
     * @return the endpoint; nothing is bound until {@code listen}
     * @throws EndpointSyntaxException naming the wrong part of the description
     */
    public static ServerEndpoint serverFromString(Reactor reactor, String description, String defaultInterface) {
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(defaultInterface, "defaultInterface");
        Description d = Description.parse(Objects.requireNonNull(description, "description"));
        switch (d.type()) {
            case "tcp", "tcp6" -> {
                d.allow(1, TCP_SERVER);
                String iface = Objects.requireNonNullElse(d.get("interface"),
                        d.type().equals("tcp6") ? ipv6Interface(defaultInterface) : defaultInterface);
                return tcpServer(reactor, d.port(0, "port"), d.positive("backlog", Reactor.DEFAULT_BACKLOG), iface,
                        description);
            }
            case "ssl" -> {
                d.allow(1, SSL_SERVER);
                int port = d.port(0, "port");
                Path key = d.path(Objects.requireNonNullElse(d.get("privateKey"), "server.pem"), "privateKey");
                String certKey = d.get("certKey");
                Path cert = (certKey != null) ? d.path(certKey, "certKey") : key;
                String extra = d.get("extraCertChain");
                Path extraChain = (extra != null) ? d.path(extra, "extraCertChain") : null;
                SSLContext context = loadTls(d, "privateKey", () -> PemFiles.serverContext(key, cert, extraChain));
                int backlog = d.positive("backlog", Reactor.DEFAULT_BACKLOG);
                String iface = Objects.requireNonNullElse(d.get("interface"), defaultInterface);
                return new StreamServerEndpoint(description,
                        factory -> reactor.listenSSL(port, factory, TlsOptions.server(context), backlog, iface));
            }
            case "unix" -> {
                d.allow(1, UNIX_SERVER);
                String path = d.require(0, "address");
                d.path(path, "address");
                Set<PosixFilePermission> mode = mode(d);
                int backlog = d.positive("backlog", Reactor.DEFAULT_BACKLOG);
                return new StreamServerEndpoint(description, factory -> {
                    ListeningPort port = reactor.listenUNIX(path, factory, backlog);
                    applyMode(path, mode);
                    return port;
                });
            }
            default -> {
                for (ServerEndpointParser plugin : ServiceLoader.load(ServerEndpointParser.class)) {
                    if (plugin.prefix().equals(d.type())) {
                        return plugin.parse(reactor, d.positional(), d.keywords());
                    }
                }
                throw d.error(d.type(), "is not a known endpoint type; expected tcp, tcp6, ssl or unix"
                        + " (or a ServerEndpointParser plugin)");
            }
        }
    }

    private static String ipv6Interface(String defaultInterface) {
        return switch (defaultInterface) {
            case "" -> "::";
            case "127.0.0.1", "localhost" -> "::1";
            default -> defaultInterface;
        };
    }

    /**
     * A client endpoint from its description.
     *
     * @param reactor the reactor to connect with
     * @param description for example {@code tcp:host=example.org:port=80}
     * @return the endpoint; nothing happens until {@code connect}
     * @throws EndpointSyntaxException naming the wrong part of the description
     */
    public static ClientEndpoint clientFromString(Reactor reactor, String description) {
        Objects.requireNonNull(reactor, "reactor");
        Description d = Description.parse(Objects.requireNonNull(description, "description"));
        switch (d.type()) {
            case "tcp" -> {
                d.allow(2, TCP_CLIENT);
                String host = d.require(0, "host");
                int port = d.port(1, "port");
                Duration timeout = d.seconds("timeout", Reactor.DEFAULT_CONNECT_TIMEOUT);
                InetSocketAddress bind = bindAddress(d);
                return new StreamClientEndpoint(description,
                        factory -> reactor.connectTCP(host, port, factory, timeout, bind));
            }
            case "tls", "ssl" -> {
                boolean tlsType = d.type().equals("tls");
                d.allow(2, tlsType ? TLS_CLIENT : SSL_CLIENT);
                String host = d.require(0, "host");
                int port = d.port(1, "port");
                Duration timeout = d.seconds("timeout", Reactor.DEFAULT_CONNECT_TIMEOUT);
                String rootsKey = tlsType ? "trustRoots" : "caCertsDir";
                String roots = d.get(rootsKey);
                Path rootsPath = (roots != null) ? d.path(roots, rootsKey) : null;
                TlsOptions options = (rootsPath == null) ? TlsOptions.client(host)
                        : TlsOptions.client(loadTls(d, rootsKey, () -> PemFiles.trustContext(rootsPath)), host);
                if (!tlsType && !d.flag("verifyHostname", true)) {
                    options = options.withoutHostnameVerification();
                }
                TlsOptions tls = options;
                return new StreamClientEndpoint(description, factory -> reactor.connectSSL(host, port, factory, tls, timeout));
            }
            case "unix" -> {
                d.allow(1, UNIX_CLIENT);
                String path = d.require(0, "path");
                d.path(path, "path");
                Duration timeout = d.seconds("timeout", Reactor.DEFAULT_CONNECT_TIMEOUT);
                return new StreamClientEndpoint(description, factory -> reactor.connectUNIX(path, factory, timeout));
            }
            default -> throw d.error(d.type(), "is not a known client endpoint type; expected tcp, tls, ssl or unix");
        }
    }

    /**
     * Connects {@code protocol} itself through {@code endpoint}. Twisted: {@code connectProtocol}.
     *
     * @param endpoint where to connect
     * @param protocol the protocol to connect
     * @return a Deferred of {@code protocol}, once connected
     */
    public static Deferred<Protocol> connectProtocol(ClientEndpoint endpoint, Protocol protocol) {
        Factory factory = Factory.forProtocol(() -> protocol);
        factory.setNoisy(false);
        return endpoint.connect(factory);
    }

    // ------------------------------------------------------------------ endpoint types

    /**
     * A TCP server endpoint. Twisted: {@code TCP4ServerEndpoint} / {@code TCP6ServerEndpoint}.
     *
     * @param reactor the reactor
     * @param port the port; 0 picks a free one
     * @param backlog the accept queue's length
     * @param iface the address to bind, {@code ""} for all
     * @return the endpoint
     */
    public static ServerEndpoint tcpServer(Reactor reactor, int port, int backlog, String iface) {
        return tcpServer(reactor, port, backlog, iface, "tcp:" + port + ":interface=" + Description.escape(iface)
                + ((backlog != Reactor.DEFAULT_BACKLOG) ? ":backlog=" + backlog : ""));
    }

    private static ServerEndpoint tcpServer(Reactor reactor, int port, int backlog, String iface, String description) {
        return new StreamServerEndpoint(description, factory -> reactor.listenTCP(port, factory, backlog, iface));
    }

    /**
     * A TCP client endpoint. Twisted: {@code TCP4ClientEndpoint}.
     *
     * @param reactor the reactor
     * @param host the host name or address
     * @param port the port
     * @param timeout how long an attempt may take
     * @return the endpoint
     */
    public static ClientEndpoint tcpClient(Reactor reactor, String host, int port, Duration timeout) {
        String description = "tcp:" + Description.escape(host) + ":" + port
                + (timeout.equals(Reactor.DEFAULT_CONNECT_TIMEOUT) ? "" : ":timeout=" + Description.seconds(timeout));
        return new StreamClientEndpoint(description, factory -> reactor.connectTCP(host, port, factory, timeout, null));
    }

    // ------------------------------------------------------------------ helpers

    private interface TlsLoader {
        SSLContext load() throws IOException, GeneralSecurityException;
    }

    private static SSLContext loadTls(Description d, String key, TlsLoader loader) {
        try {
            return loader.load();
        }
        catch (IOException | GeneralSecurityException ex) {
            throw d.error(key, "could not be loaded: " + ex.getMessage());
        }
    }

    private static @Nullable InetSocketAddress bindAddress(Description d) {
        String value = d.get("bindAddress");
        if (value == null) {
            return null;
        }
        int comma = value.lastIndexOf(',');
        if (comma < 0) {
            return new InetSocketAddress(value, 0);
        }
        return new InetSocketAddress(value.substring(0, comma), d.port(value.substring(comma + 1), "bindAddress port"));
    }

    private static @Nullable Set<PosixFilePermission> mode(Description d) {
        String value = d.get("mode");
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-7]{3}")) {
            throw d.error(value, "is not a valid mode: expected three octal digits such as 666");
        }
        StringBuilder rwx = new StringBuilder();
        for (char digit : value.toCharArray()) {
            int bits = digit - '0';
            rwx.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(rwx.toString());
    }

    private static void applyMode(String path, @Nullable Set<PosixFilePermission> mode) {
        if (mode == null) {
            return;
        }
        try {
            Files.setPosixFilePermissions(Path.of(path), mode);
        }
        catch (IOException | UnsupportedOperationException ex) {
            throw new IllegalStateException("could not set mode " + PosixFilePermissions.toString(mode) + " on " + path, ex);
        }
    }
}
