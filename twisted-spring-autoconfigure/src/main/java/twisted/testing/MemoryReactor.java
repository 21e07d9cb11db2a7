package twisted.testing;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.internet.Address;
import twisted.internet.ClientFactory;
import twisted.internet.Connector;
import twisted.internet.DatagramProtocol;
import twisted.internet.Factory;
import twisted.internet.IPv4Address;
import twisted.internet.ListeningPort;
import twisted.internet.Reactor;
import twisted.internet.ReactorStatistics;
import twisted.internet.SystemEvent;
import twisted.internet.SystemEventTriggers;
import twisted.internet.TlsOptions;
import twisted.internet.TriggerPhase;
import twisted.internet.UNIXAddress;
import twisted.internet.error.ReactorNotRunningException;
import twisted.internet.process.ProcessProtocol;
import twisted.internet.process.ProcessSpec;
import twisted.internet.process.ProcessTransport;
import twisted.time.DelayedCall;

/**
 * A {@link Reactor} that does no I/O: it records what was asked of it ({@code listenTCP},
 * {@code connectTCP}, ...) so a test can check it and drive the recorded factories by hand, and
 * it keeps time with a {@link Clock} that the test {@link #advance advances}.
 *
 * <pre>{@code
 * MemoryReactor reactor = new MemoryReactor();
 * new MyService(reactor).startService();
 * assertThat(reactor.tcpServers()).extracting(TcpServer::port).containsExactly(8000);
 * }</pre>
 *
 * <p>The test's thread plays the reactor thread: {@link #callFromThread} runs at the next
 * {@code advance}, {@link #callInThread} runs at once, and {@link #deferToThread} runs the work at
 * once and fires its Deferred at the next {@code advance}. Not thread-safe.
 *
 * <p>{@link #spawnProcess} starts nothing: it records the call and hands back a
 * {@link FakeProcessTransport}, already connected to the protocol, through which the test plays
 * the child ({@code processes().get(0).transport().deliverOut(...)}, {@code .exit(0)}).
 *
 * <p>Twisted: {@code twisted.internet.testing.MemoryReactorClock} (which has no processes).
 *
 * @since 0.1.0
 */
public class MemoryReactor implements Reactor {

    /** A recorded {@code listenTCP} (or {@code listenSSL}, with its TLS options). */
    public record TcpServer(int port, Factory factory, int backlog, String iface, @Nullable TlsOptions tls) {
    }

    /** A recorded {@code connectTCP} (or {@code connectSSL}, with its TLS options). */
    public record TcpClient(String host, int port, ClientFactory factory, Duration timeout,
            @Nullable InetSocketAddress bindAddress, @Nullable TlsOptions tls) {
    }

    /** A recorded {@code listenUNIX}. */
    public record UnixServer(String path, Factory factory, int backlog) {
    }

    /** A recorded {@code connectUNIX}. */
    public record UnixClient(String path, ClientFactory factory, Duration timeout) {
    }

    /** A recorded {@code listenUDP}. */
    public record UdpServer(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
    }

    /**
     * A recorded {@code spawnProcess}, with the fake child the test drives.
     *
     * @param protocol the protocol given
     * @param spec the executable, args, env and path given (checked as a real reactor checks them)
     * @param transport the fake child, already connected to {@code protocol}
     */
    public record ProcessSpawn(ProcessProtocol protocol, ProcessSpec spec, FakeProcessTransport transport) {
    }

    private final Clock clock = new Clock();

    private final SystemEventTriggers triggers = new SystemEventTriggers();

    private final List<TcpServer> tcpServers = new ArrayList<>();

    private final List<TcpClient> tcpClients = new ArrayList<>();

    private final List<UnixServer> unixServers = new ArrayList<>();

    private final List<UnixClient> unixClients = new ArrayList<>();

    private final List<UdpServer> udpServers = new ArrayList<>();

    private final List<FakeConnector> connectors = new ArrayList<>();

    private final List<ProcessSpawn> processes = new ArrayList<>();

    private long nextPid = 1000;

    private boolean running;

    private boolean stopped;

    private int nextPort = 40000;

    // ------------------------------------------------------------------ time

    @Override
    public double seconds() {
        return this.clock.seconds();
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable callable) {
        return this.clock.callLater(delay, callable);
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        return this.clock.getDelayedCalls();
    }

    /** A memory reactor has one thread (the test's), no pool and the transport {@code memory}. */
    @Override
    public ReactorStatistics getStatistics() {
        return new ReactorStatistics("memory", 1, 0, 0, 0, getDelayedCalls().size());
    }

    /**
     * Moves time forward, running what comes due.
     *
     * @param amount how far
     */
    public void advance(Duration amount) {
        this.clock.advance(amount);
    }

    /**
     * Moves time forward, in seconds.
     *
     * @param seconds how far
     */
    public void advance(double seconds) {
        this.clock.advance(seconds);
    }

    // ------------------------------------------------------------------ recorded calls

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String iface) {
        this.tcpServers.add(new TcpServer(port, factory, backlog, iface, null));
        return port(factory, new IPv4Address("TCP", iface.isEmpty() ? "0.0.0.0" : iface, assign(port)));
    }

    @Override
    public ListeningPort listenSSL(int port, Factory factory, TlsOptions tls, int backlog, String iface) {
        this.tcpServers.add(new TcpServer(port, factory, backlog, iface, tls));
        return port(factory, new IPv4Address("TCP", iface.isEmpty() ? "0.0.0.0" : iface, assign(port)));
    }

    @Override
    public ListeningPort listenUNIX(String path, Factory factory, int backlog) {
        this.unixServers.add(new UnixServer(path, factory, backlog));
        return port(factory, new UNIXAddress(path));
    }

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        this.udpServers.add(new UdpServer(port, protocol, iface, maxPacketSize));
        return new FakePort(null, new IPv4Address("UDP", iface.isEmpty() ? "0.0.0.0" : iface, assign(port)));
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout,
            @Nullable InetSocketAddress bindAddress) {
        this.tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress, null));
        return connector(factory, new IPv4Address("TCP", host, port));
    }

    @Override
    public Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout) {
        this.tcpClients.add(new TcpClient(host, port, factory, timeout, null, tls));
        return connector(factory, new IPv4Address("TCP", host, port));
    }

    @Override
    public Connector connectUNIX(String path, ClientFactory factory, Duration timeout) {
        this.unixClients.add(new UnixClient(path, factory, timeout));
        return connector(factory, new UNIXAddress(path));
    }

    private int assign(int port) {
        return (port != 0) ? port : this.nextPort++;
    }

    private ListeningPort port(Factory factory, Address address) {
        factory.doStart();
        return new FakePort(factory, address);
    }

    private Connector connector(ClientFactory factory, Address destination) {
        FakeConnector connector = new FakeConnector(destination);
        this.connectors.add(connector);
        factory.startedConnecting(connector);
        return connector;
    }

    /**
     * The {@code listenTCP} and {@code listenSSL} calls, in order.
     *
     * @return a read-only list
     */
    public List<TcpServer> tcpServers() {
        return Collections.unmodifiableList(this.tcpServers);
    }

    /**
     * The {@code connectTCP} and {@code connectSSL} calls, in order.
     *
     * @return a read-only list
     */
    public List<TcpClient> tcpClients() {
        return Collections.unmodifiableList(this.tcpClients);
    }

    /**
     * The {@code listenUNIX} calls, in order.
     *
     * @return a read-only list
     */
    public List<UnixServer> unixServers() {
        return Collections.unmodifiableList(this.unixServers);
    }

    /**
     * The {@code connectUNIX} calls, in order.
     *
     * @return a read-only list
     */
    public List<UnixClient> unixClients() {
        return Collections.unmodifiableList(this.unixClients);
    }

    /**
     * The {@code listenUDP} calls, in order.
     *
     * @return a read-only list
     */
    public List<UdpServer> udpServers() {
        return Collections.unmodifiableList(this.udpServers);
    }

    /**
     * The connectors handed out, in order, with what was done to them.
     *
     * @return a read-only list
     */
    public List<FakeConnector> connectors() {
        return Collections.unmodifiableList(this.connectors);
    }

    // ------------------------------------------------------------------ processes

    /**
     * Records the call and returns a {@link FakeProcessTransport}, connected to the protocol
     * before this returns; nothing is started. The arguments are checked as a real reactor checks
     * them; pids count up from 1000.
     */
    @Override
    public ProcessTransport spawnProcess(ProcessProtocol processProtocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        Objects.requireNonNull(processProtocol, "processProtocol");
        ProcessSpec spec = new ProcessSpec(executable, args, env, path);
        FakeProcessTransport transport = FakeProcessTransport.connect(processProtocol, this.nextPid++);
        this.processes.add(new ProcessSpawn(processProtocol, spec, transport));
        return transport;
    }

    /**
     * The {@code spawnProcess} calls, in order, each with its fake child.
     *
     * @return a read-only list
     */
    public List<ProcessSpawn> processes() {
        return Collections.unmodifiableList(this.processes);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public CompletableFuture<@Nullable Void> start() {
        if (this.running || this.stopped) {
            throw new IllegalStateException("the reactor was already started");
        }
        CompletableFuture<@Nullable Void> started = new CompletableFuture<>();
        this.triggers.fire(SystemEvent.STARTUP, Duration.ofSeconds(30), this.clock).addCallback(done -> {
            this.running = true;
            started.complete(null);
            return null;
        });
        return started;
    }

    @Override
    public void run() {
        start();
    }

    @Override
    public CompletableFuture<@Nullable Void> stop() {
        if (!this.running) {
            throw new ReactorNotRunningException("the memory reactor is not running");
        }
        this.running = false;
        this.stopped = true;
        CompletableFuture<@Nullable Void> done = new CompletableFuture<>();
        this.triggers.fire(SystemEvent.SHUTDOWN, Duration.ofSeconds(30), this.clock).addCallback(ignored -> {
            done.complete(null);
            return null;
        });
        return done;
    }

    /**
     * Whether {@link #stop()} was called.
     *
     * @return {@code true} once stopped
     */
    public boolean hasStopped() {
        return this.stopped;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public void callWhenRunning(Runnable callable) {
        this.triggers.callWhenRunning(isRunning(), callable);
    }

    @Override
    public Object addSystemEventTrigger(TriggerPhase phase, SystemEvent event, Callable<?> trigger) {
        return this.triggers.add(phase, event, trigger);
    }

    @Override
    public void removeSystemEventTrigger(Object triggerId) {
        this.triggers.remove(triggerId);
    }

    // ------------------------------------------------------------------ threads

    @Override
    public void callFromThread(Runnable callable) {
        this.clock.callLater(Duration.ZERO, callable);
    }

    @Override
    public void callInThread(Runnable callable) {
        callable.run();
    }

    @Override
    public <T> Deferred<T> deferToThread(Callable<? extends T> callable) {
        Deferred<T> result = new Deferred<>();
        T value;
        try {
            value = callable.call();
        }
        catch (Throwable ex) {
            callFromThread(() -> result.errback(ex));
            return result;
        }
        callFromThread(() -> result.callback(value));
        return result;
    }

    @Override
    public boolean isReactorThread() {
        return true;
    }

    /** A port that was never bound. */
    private static final class FakePort implements ListeningPort {

        private final @Nullable Factory factory;

        private final Address host;

        private boolean listening = true;

        FakePort(@Nullable Factory factory, Address host) {
            this.factory = factory;
            this.host = host;
        }

        @Override
        public Deferred<@Nullable Void> stopListening() {
            if (this.listening) {
                this.listening = false;
                if (this.factory != null) {
                    this.factory.doStop();
                }
            }
            return Deferred.succeed(null);
        }

        @Override
        public Address getHost() {
            return this.host;
        }

        @Override
        public boolean isListening() {
            return this.listening;
        }
    }

    /** A connector that never connects; it counts what was asked of it. Twisted: {@code _FakeConnector}. */
    public static final class FakeConnector implements Connector {

        private final Address destination;

        private int connects;

        private int stops;

        private int disconnects;

        FakeConnector(Address destination) {
            this.destination = Objects.requireNonNull(destination);
        }

        @Override
        public void connect() {
            this.connects++;
        }

        @Override
        public void stopConnecting() {
            this.stops++;
        }

        @Override
        public void disconnect() {
            this.disconnects++;
        }

        @Override
        public Address getDestination() {
            return this.destination;
        }

        /**
         * How many times {@code connect()} was called (a retry) after the first attempt.
         *
         * @return the count
         */
        public int getConnects() {
            return this.connects;
        }

        /**
         * How many times {@code stopConnecting()} was called.
         *
         * @return the count
         */
        public int getStops() {
            return this.stops;
        }

        /**
         * How many times {@code disconnect()} was called.
         *
         * @return the count
         */
        public int getDisconnects() {
            return this.disconnects;
        }
    }
}
