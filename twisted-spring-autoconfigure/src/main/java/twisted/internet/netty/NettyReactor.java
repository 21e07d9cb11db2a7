package twisted.internet.netty;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.defer.Deferred;
import twisted.defer.DeferredList;
import twisted.internet.ClientFactory;
import twisted.internet.ConnectionLimits;
import twisted.internet.Connector;
import twisted.internet.DatagramProtocol;
import twisted.internet.Factory;
import twisted.internet.ListeningPort;
import twisted.internet.Reactor;
import twisted.internet.ReactorStatistics;
import twisted.internet.SystemEvent;
import twisted.internet.SystemEventTriggers;
import twisted.internet.TlsOptions;
import twisted.internet.TriggerPhase;
import twisted.internet.error.CannotListenException;
import twisted.internet.error.ReactorNotRunningException;
import twisted.internet.process.ProcessProtocol;
import twisted.internet.process.ProcessSpawner;
import twisted.internet.process.ProcessSpec;
import twisted.internet.process.ProcessTransport;
import twisted.time.DelayedCall;

/**
 * The {@link Reactor} on Netty: one event loop by default (epoll when its native library loads,
 * NIO otherwise), a bounded thread pool for blocking work, and Twisted's startup and shutdown
 * triggers.
 *
 * <pre>{@code
 * NettyReactor reactor = NettyReactor.builder().threadPoolSize(4).build();
 * reactor.listenTCP(0, Factory.forProtocol(Echo::new), 50, "127.0.0.1");
 * reactor.start();
 * ...
 * reactor.stop();
 * }</pre>
 *
 * <p>Delayed calls made before {@link #start()} wait for it, as in Twisted; network I/O does not.
 * With {@link Builder#threads(int) more than one event loop}, each connection stays on one loop,
 * but connections of one factory may run on different threads at once: shared factory state must
 * then be thread-safe.
 *
 * @since 0.1.0
 */
public final class NettyReactor implements Reactor {

    private static final Logger log = LoggerFactory.getLogger(NettyReactor.class);

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private enum State {
        NEW, STARTING, RUNNING, STOPPING, STOPPED
    }

    private final String name;

    private final ChannelTypes types;

    private final EventLoopGroup group;

    private final EventLoop loop;

    private final ThreadPoolExecutor pool;

    private final ProcessSpawner spawner;

    private final Duration shutdownTimeout;

    private final int threads;

    private final ConnectionLimits connectionLimits;

    private final SystemEventTriggers triggers = new SystemEventTriggers();

    private final Set<NettyDelayedCall> delayedCalls = ConcurrentHashMap.newKeySet();

    private final List<NettyDelayedCall> heldUntilStart = new ArrayList<>();

    private final OpenConnections connections = new OpenConnections();

    private final Set<ListeningPort> ports = new LinkedHashSet<>();

    private final CountDownLatch stoppedLatch = new CountDownLatch(1);

    private volatile State state = State.NEW;

    private final CompletableFuture<@Nullable Void> stopped = new CompletableFuture<>();

    private NettyReactor(Builder builder) {
        this.name = builder.name;
        this.types = ChannelTypes.select(builder.nativeTransport);
        this.group = new MultiThreadIoEventLoopGroup(builder.threads, new DefaultThreadFactory(this.name, true),
                this.types.ioHandlerFactory());
        this.loop = this.group.next();
        this.shutdownTimeout = builder.shutdownTimeout;
        this.threads = builder.threads;
        this.connectionLimits = builder.connectionLimits;
        this.pool = new ThreadPoolExecutor(builder.threadPoolSize, builder.threadPoolSize, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DefaultThreadFactory(this.name + "-pool", true));
        this.pool.allowCoreThreadTimeOut(true);
        this.spawner = new ProcessSpawner(this.name, this::callFromThread, builder.maxSpawnsInFlight);
        this.triggers.add(TriggerPhase.DURING, SystemEvent.SHUTDOWN, this::disconnectAll);
        log.debug("Reactor {} uses {} with {} event loop(s)", this.name, this.types.name(), builder.threads);
    }

    /**
     * A reactor with the defaults: one event loop, native transport when available, 10 pool
     * threads, 30 s shutdown timeout, {@link ConnectionLimits#DEFAULTS} on every connection.
     *
     * @return a new reactor, not started
     */
    public static NettyReactor create() {
        return builder().build();
    }

    /**
     * A builder for a reactor with other settings.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ time

    @Override
    public double seconds() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable callable) {
        Objects.requireNonNull(callable, "callable");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay (" + delay + ") must not be negative");
        }
        NettyDelayedCall call = new NettyDelayedCall(this, callable, System.nanoTime() + delay.toNanos());
        this.delayedCalls.add(call);
        synchronized (this.heldUntilStart) {
            if (this.state == State.NEW || this.state == State.STARTING) {
                this.heldUntilStart.add(call);
                return call;
            }
        }
        call.schedule();
        return call;
    }

    void forget(NettyDelayedCall call) {
        this.delayedCalls.remove(call);
    }

    @Override
    public List<DelayedCall> getDelayedCalls() {
        List<NettyDelayedCall> pending = new ArrayList<>(this.delayedCalls);
        pending.sort(null);
        return new ArrayList<>(pending);
    }

    // ------------------------------------------------------------------ TCP, TLS, UNIX, UDP

    @Override
    public ListeningPort listenTCP(int port, Factory factory, int backlog, String iface) {
        return listen(this.types.tcpServer(), inet(iface, port), factory, backlog, null);
    }

    @Override
    public ListeningPort listenSSL(int port, Factory factory, TlsOptions tls, int backlog, String iface) {
        if (tls.client()) {
            throw new IllegalArgumentException("listenSSL needs server TLS options (TlsOptions.server)");
        }
        return listen(this.types.tcpServer(), inet(iface, port), factory, backlog, tls);
    }

    @Override
    public ListeningPort listenUNIX(String path, Factory factory, int backlog) {
        if (Files.exists(Path.of(path))) {
            throw new CannotListenException("Failed to bind on " + path + ": the file already exists");
        }
        return listen(this.types.unixServer(), this.types.unixAddress(path), factory, backlog, null);
    }

    private static InetSocketAddress inet(String iface, int port) {
        return iface.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(iface, port);
    }

    private ListeningPort listen(Class<? extends ServerChannel> type, SocketAddress address, Factory factory, int backlog,
            @Nullable TlsOptions tls) {
        Objects.requireNonNull(factory, "factory");
        boolean tcp = address instanceof InetSocketAddress;
        ServerBootstrap bootstrap = new ServerBootstrap().group(this.loop, this.group).channel(type)
                .option(ChannelOption.SO_BACKLOG, backlog)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tcp) {
                            channel.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
                        }
                        if (tls != null) {
                            InetSocketAddress peer = (InetSocketAddress) channel.remoteAddress();
                            channel.pipeline().addLast(NettyTls.HANDLER_NAME,
                                    NettyTls.newHandler(tls, peer.getHostString(), peer.getPort()));
                        }
                        channel.pipeline().addLast(new NettyTransport(NettyReactor.this, factory, null, tls != null));
                    }
                });
        if (tcp) {
            bootstrap.option(ChannelOption.SO_REUSEADDR, true);
        }
        return onLoop(() -> {
            Channel channel = bindNow(bootstrap.register(), address);
            factory.doStart();
            NettyListeningPort port = new NettyListeningPort(this, channel, factory,
                    Addresses.listening(channel.localAddress(), address, "TCP"));
            portOpened(port);
            return port;
        });
    }

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize) {
        NettyDatagramPort udp = new NettyDatagramPort(this, protocol);
        Bootstrap bootstrap = new Bootstrap().group(this.loop).channel(this.types.udp())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPacketSize))
                .handler(udp);
        return onLoop(() -> {
            udp.bound(bindNow(bootstrap.register(), inet(iface, port)));
            return udp;
        });
    }

    /**
     * Binds a registered channel synchronously. On the reactor thread, Netty runs registration
     * and bind inline, so a port in use fails here, at once, as Twisted's {@code listenTCP} does.
     */
    private static Channel bindNow(ChannelFuture registration, SocketAddress address) {
        Channel channel = registration.channel();
        if (!registration.isDone() || !registration.isSuccess()) {
            channel.close();
            throw new CannotListenException("Failed to register a channel for " + address, registration.cause());
        }
        ChannelFuture bind = channel.bind(address);
        if (!bind.isDone() || !bind.isSuccess()) {
            channel.close();
            Throwable cause = bind.cause();
            throw new CannotListenException("Failed to bind on " + address + ": "
                    + (cause != null ? cause.getMessage() : "bind did not complete"), cause);
        }
        return channel;
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout,
            @Nullable InetSocketAddress bindAddress) {
        return connect(new NettyConnector(this, factory, host, port, null, timeout, bindAddress, null));
    }

    @Override
    public Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout) {
        if (!tls.client()) {
            throw new IllegalArgumentException("connectSSL needs client TLS options (TlsOptions.client)");
        }
        return connect(new NettyConnector(this, factory, host, port, null, timeout, null, tls));
    }

    @Override
    public Connector connectUNIX(String path, ClientFactory factory, Duration timeout) {
        return connect(new NettyConnector(this, factory, "", 0, path, timeout, null, null));
    }

    private Connector connect(NettyConnector connector) {
        callFromThreadOrNow(connector::connect);
        return connector;
    }

    // ------------------------------------------------------------------ processes

    /**
     * {@inheritDoc}
     *
     * <p>Here the process is started on a thread of the reactor's own, never on the event loop,
     * and this returns before it exists: {@code makeConnection} follows on the reactor thread. At
     * most {@link Builder#maxSpawnsInFlight(int)} processes may be starting at once. The process's
     * pipes are read and written by threads of its own. See {@link ProcessSpawner} for how, and for
     * how signals and exit codes are read.
     *
     * @throws java.util.concurrent.RejectedExecutionException when
     *         {@link Builder#maxSpawnsInFlight(int)} processes are already starting
     * @throws ReactorNotRunningException once the reactor has stopped
     */
    @Override
    public ProcessTransport spawnProcess(ProcessProtocol processProtocol, String executable, List<String> args,
            @Nullable Map<String, String> env, @Nullable Path path) {
        return this.spawner.spawn(processProtocol, new ProcessSpec(executable, args, env, path));
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public CompletableFuture<@Nullable Void> start() {
        synchronized (this.heldUntilStart) {
            if (this.state != State.NEW) {
                throw new IllegalStateException("reactor " + this.name + " was already started (it is not restartable)");
            }
            this.state = State.STARTING;
        }
        CompletableFuture<@Nullable Void> started = new CompletableFuture<>();
        this.loop.execute(() -> this.triggers.fire(SystemEvent.STARTUP, this.shutdownTimeout, this).addCallback(done -> {
            synchronized (this.heldUntilStart) {
                this.state = State.RUNNING;
                this.heldUntilStart.forEach(NettyDelayedCall::schedule);
                this.heldUntilStart.clear();
            }
            started.complete(null);
            return null;
        }));
        return started;
    }

    @Override
    public void run() {
        if (isReactorThread()) {
            throw new IllegalStateException("run() blocks: it cannot be called on the reactor thread");
        }
        start();
        try {
            this.stoppedLatch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletableFuture<@Nullable Void> stop() {
        synchronized (this.heldUntilStart) {
            if (this.state != State.RUNNING && this.state != State.STARTING) {
                throw new ReactorNotRunningException("reactor " + this.name + " is not running (" + this.state + ")");
            }
            this.state = State.STOPPING;
        }
        this.loop.execute(() -> this.triggers.fire(SystemEvent.SHUTDOWN, this.shutdownTimeout, this)
                .thenCompose(done -> connectionsClosed()).addCallback(done -> {
                    this.pool.shutdown();
                    this.spawner.shutdown();
                    this.group.shutdownGracefully(0, this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)
                            .addListener(terminated -> {
                                this.state = State.STOPPED;
                                this.stoppedLatch.countDown();
                                this.stopped.complete(null);
                            });
                    return null;
                }));
        return this.stopped.thenApply(ignored -> null);
    }

    /**
     * The {@code DURING SHUTDOWN} trigger: close every port and connection. {@link #stop()} then
     * waits, bounded, for the connections to close ({@link #connectionsClosed()}).
     */
    private Deferred<@Nullable Void> disconnectAll() {
        List<Deferred<@Nullable Void>> closing = new ArrayList<>();
        List<ListeningPort> openPorts;
        synchronized (this.ports) {
            openPorts = new ArrayList<>(this.ports);
        }
        for (ListeningPort port : openPorts) {
            closing.add(port.stopListening());
        }
        for (NettyTransport transport : this.connections.snapshot()) {
            transport.loseConnection();
        }
        return new DeferredList<@Nullable Void>(closing).thenApply(ignored -> null);
    }

    /**
     * Fires once every connection has closed, or after the shutdown timeout, whichever comes
     * first: each closes within its own close timeout ({@link ConnectionLimits#closeTimeout()}),
     * so what was written before the shutdown is sent to every peer that reads it. After the wait,
     * stopping the event loops closes whatever is left.
     */
    private Deferred<@Nullable Void> connectionsClosed() {
        Deferred<@Nullable Void> closed = new Deferred<>();
        this.connections.whenEmpty(() -> callFromThreadOrNow(() -> {
            if (!closed.isCalled()) {
                closed.callback(null);
            }
        }));
        if (!closed.isCalled()) {
            closed.addTimeout(this.shutdownTimeout, this);
        }
        return closed.recover(failure -> {
            log.warn("Reactor {}: {} connection(s) still open after {} ms; closing them with the event loops", this.name,
                    this.connections.snapshot().size(), this.shutdownTimeout.toMillis());
            return null;
        });
    }

    @Override
    public boolean isRunning() {
        return this.state == State.RUNNING;
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
        Objects.requireNonNull(callable, "callable");
        try {
            this.loop.execute(() -> {
                try {
                    callable.run();
                }
                catch (Throwable ex) {
                    log.error("Unhandled error in a call from another thread: {}", callable, ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            throw new ReactorNotRunningException("reactor " + this.name + " has stopped: callFromThread refused");
        }
    }

    @Override
    public void callInThread(Runnable callable) {
        try {
            this.pool.execute(callable);
        }
        catch (RejectedExecutionException ex) {
            throw new ReactorNotRunningException("reactor " + this.name + " has stopped its thread pool");
        }
    }

    @Override
    public <T> Deferred<T> deferToThread(Callable<? extends T> callable) {
        Deferred<T> result = new Deferred<>();
        callInThread(() -> {
            T value;
            try {
                value = callable.call();
            }
            catch (Throwable ex) {
                deliver(() -> result.errback(ex));
                return;
            }
            deliver(() -> result.callback(value));
        });
        return result;
    }

    private void deliver(Runnable firing) {
        try {
            callFromThread(firing);
        }
        catch (ReactorNotRunningException ex) {
            log.warn("A deferToThread result arrived after reactor {} stopped; dropped", this.name);
        }
    }

    @Override
    public boolean isReactorThread() {
        for (EventExecutor executor : this.group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Executor currentThreadExecutor() {
        for (EventExecutor executor : this.group) {
            if (executor.inEventLoop()) {
                return executor;
            }
        }
        throw new IllegalStateException("currentThreadExecutor() must be called on a reactor thread, not on "
                + Thread.currentThread().getName());
    }

    void requireReactorThread(String operation) {
        if (!isReactorThread()) {
            throw new IllegalStateException(operation + " must be called on the reactor thread; use callFromThread");
        }
    }

    /** Runs on the reactor's loop and waits for the result: inline when already there. */
    private <T> T onLoop(Supplier<T> action) {
        if (this.loop.inEventLoop()) {
            return action.get();
        }
        try {
            return this.loop.submit(action::get).get(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException ex) {
            throw new ReactorNotRunningException("reactor " + this.name + " has stopped");
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException("the reactor thread did not answer within " + this.shutdownTimeout, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the reactor thread", ex);
        }
    }

    private void callFromThreadOrNow(Runnable action) {
        if (this.loop.inEventLoop()) {
            action.run();
        }
        else {
            callFromThread(action);
        }
    }

    // ------------------------------------------------------------------ bookkeeping (reactor thread)

    EventLoop loop() {
        return this.loop;
    }

    /** All the reactor's loops, for an HTTP server that shares them ({@link NettyHttpServers}). */
    EventLoopGroup group() {
        return this.group;
    }

    ChannelTypes channelTypes() {
        return this.types;
    }

    /**
     * The limits every new connection of this reactor starts with; a service sets its own on each
     * of its connections ({@link twisted.internet.TCPTransport#setConnectionLimits}).
     *
     * @return the reactor's connection limits
     */
    public ConnectionLimits connectionLimits() {
        return this.connectionLimits;
    }

    void opened(NettyTransport transport) {
        this.connections.add(transport);
    }

    void closed(NettyTransport transport) {
        this.connections.remove(transport);
    }

    void portOpened(ListeningPort port) {
        synchronized (this.ports) {
            this.ports.add(port);
        }
    }

    void portClosing(ListeningPort port) {
        synchronized (this.ports) {
            this.ports.remove(port);
        }
    }

    @Override
    public ReactorStatistics getStatistics() {
        return new ReactorStatistics(this.types.name(), this.threads, this.pool.getMaximumPoolSize(),
                this.pool.getActiveCount(), this.pool.getQueue().size(), getDelayedCalls().size());
    }

    @Override
    public String toString() {
        return "NettyReactor[" + this.name + ", " + this.types.name() + ", " + this.state + "]";
    }

    /** Settings for a {@link NettyReactor}. */
    public static final class Builder {

        /** Event loop threads unless {@link #threads(int)} says otherwise: one, Twisted's guarantee. */
        public static final int DEFAULT_THREADS = 1;

        /** Whether epoll is used when it loads, unless {@link #nativeTransport(boolean)} says otherwise. */
        public static final boolean DEFAULT_NATIVE_TRANSPORT = true;

        /** Thread pool size unless {@link #threadPoolSize(int)} says otherwise: Twisted's default. */
        public static final int DEFAULT_THREAD_POOL_SIZE = 10;

        /** Shutdown timeout unless {@link #shutdownTimeout(Duration)} says otherwise. */
        public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

        /** Processes starting at once unless {@link #maxSpawnsInFlight(int)} says otherwise. */
        public static final int DEFAULT_MAX_SPAWNS_IN_FLIGHT = 64;

        private String name = "twisted-reactor-" + INSTANCES.incrementAndGet();

        private int threads = DEFAULT_THREADS;

        private boolean nativeTransport = DEFAULT_NATIVE_TRANSPORT;

        private int threadPoolSize = DEFAULT_THREAD_POOL_SIZE;

        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

        private int maxSpawnsInFlight = DEFAULT_MAX_SPAWNS_IN_FLIGHT;

        private ConnectionLimits connectionLimits = ConnectionLimits.DEFAULTS;

        private Builder() {
        }

        /**
         * The prefix of the reactor's thread names.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * How many event loops. One (the default) keeps Twisted's single-thread guarantee; more is
         * an explicit opt-in, and shared factory state must then be thread-safe.
         *
         * @param threads at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads (" + threads + ") must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Whether to use epoll when its native library loads (the default), or always NIO.
         *
         * @param nativeTransport whether native transport is allowed
         * @return this builder
         */
        public Builder nativeTransport(boolean nativeTransport) {
            this.nativeTransport = nativeTransport;
            return this;
        }

        /**
         * The most threads {@code callInThread} and {@code deferToThread} use at once; Twisted's
         * default is 10.
         *
         * @param size at least 1
         * @return this builder
         */
        public Builder threadPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("threadPoolSize (" + size + ") must be at least 1");
            }
            this.threadPoolSize = size;
            return this;
        }

        /**
         * How long shutdown waits for {@code BEFORE SHUTDOWN} triggers and connections to close,
         * and startup for {@code BEFORE STARTUP} triggers.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("shutdownTimeout (" + timeout + ") must be positive");
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * The most processes that may be starting at once: {@code spawnProcess} called, the
         * process not yet started. One more is refused at once with a
         * {@link java.util.concurrent.RejectedExecutionException}. Starting a process takes
         * milliseconds, so this is reached only by a burst of spawns; it bounds the queue of starts
         * and the threads and pipes they are about to take. Default 64.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxSpawnsInFlight(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSpawnsInFlight (" + max + ") must be at least 1");
            }
            this.maxSpawnsInFlight = max;
            return this;
        }

        /**
         * The limits every connection starts with (made by {@code listenTCP}, {@code connectTCP}
         * and the rest, when no service sets its own): how much a connection may hold unsent and
         * how long {@code loseConnection} may take. {@link ConnectionLimits#DEFAULTS} unless set.
         *
         * @param limits the limits
         * @return this builder
         * @since 0.1.0
         */
        public Builder connectionLimits(ConnectionLimits limits) {
            this.connectionLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Builds the reactor; its event loop threads start on first use.
         *
         * @return a new reactor, not started
         */
        public NettyReactor build() {
            return new NettyReactor(this);
        }
    }
}
