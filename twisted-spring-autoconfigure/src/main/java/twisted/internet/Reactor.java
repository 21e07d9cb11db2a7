package twisted.internet;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.internet.process.ProcessReactor;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * The event loop everything runs on: it listens and connects, calls protocols as bytes arrive,
 * runs delayed calls, and hands blocking work to a thread pool.
 *
 * <h2>The threading contract</h2>
 * A reactor has one thread (unless more event loops were asked for explicitly). Every protocol
 * callback, every delayed call, and every Deferred the framework fires runs on it, so protocol
 * code shares state without locks. From any other thread, use only {@link #callFromThread}
 * ({@link #execute} is the same), {@link #callInThread} and {@link #deferToThread}; the
 * framework's other methods either hand the call to the reactor thread or refuse it with a clear
 * error. Never block the reactor thread: hand blocking work to {@link #deferToThread}.
 *
 * <pre>{@code
 * Reactor reactor = NettyReactor.create();
 * reactor.listenTCP(8000, Factory.forProtocol(Echo::new));
 * reactor.run();
 * }</pre>
 *
 * <p>Several reactors may exist in one JVM (tests do this); each has its own thread. A reactor
 * is not restartable. Twisted: {@code IReactorCore}, {@code IReactorTCP}, {@code IReactorSSL},
 * {@code IReactorUNIX}, {@code IReactorUDP}, {@code IReactorTime}, {@code IReactorThreads},
 * {@code IReactorProcess}.
 *
 * @since 0.1.0
 */
public interface Reactor extends ReactorTime, ProcessReactor, Executor {

    /**
     * The listen backlog (the queue of connections the kernel has completed and the reactor has not
     * accepted yet) when none is given: the system's maximum ({@code /proc/sys/net/core/somaxconn}
     * on Linux), or 1024 where that cannot be read. Twisted asks for 50, which a burst of
     * connections overflows, each overflowing client then waiting a second or more to be let in.
     * Endpoints take {@code backlog=N} to ask for another.
     */
    int DEFAULT_BACKLOG = ListenBacklog.systemDefault();

    /** Twisted's default connect timeout. */
    Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    // ------------------------------------------------------------------ TCP

    /**
     * Listens on a TCP port on all interfaces.
     *
     * @param port the port; 0 picks a free one (read it back with {@code getHost()})
     * @param factory builds a protocol per connection
     * @return the listening port
     * @throws twisted.internet.error.CannotListenException at once when the port cannot be bound
     */
    default ListeningPort listenTCP(int port, Factory factory) {
        return listenTCP(port, factory, DEFAULT_BACKLOG, "");
    }

    /**
     * Listens on a TCP port.
     *
     * @param port the port; 0 picks a free one
     * @param factory builds a protocol per connection
     * @param backlog the accept queue's length; {@link #DEFAULT_BACKLOG} is the system's maximum
     * @param iface the address to bind, {@code ""} for all interfaces (IPv4 and IPv6)
     * @return the listening port
     * @throws twisted.internet.error.CannotListenException at once when the port cannot be bound
     */
    ListeningPort listenTCP(int port, Factory factory, int backlog, String iface);

    /**
     * Connects to a TCP server, with Twisted's 30-second timeout.
     *
     * @param host the host name or address
     * @param port the port
     * @param factory told how the attempt goes, and builds the protocol
     * @return the connector, at once; the outcome reaches the factory
     */
    default Connector connectTCP(String host, int port, ClientFactory factory) {
        return connectTCP(host, port, factory, DEFAULT_CONNECT_TIMEOUT, null);
    }

    /**
     * Connects to a TCP server.
     *
     * @param host the host name or address
     * @param port the port
     * @param factory told how the attempt goes, and builds the protocol
     * @param timeout how long the attempt may take
     * @param bindAddress the local address to connect from, or {@code null}
     * @return the connector, at once; the outcome reaches the factory
     */
    Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout,
            @Nullable InetSocketAddress bindAddress);

    // ------------------------------------------------------------------ TLS

    /**
     * Listens on a TCP port with TLS from the first byte.
     *
     * @param port the port; 0 picks a free one
     * @param factory builds a protocol per connection
     * @param tls the server's TLS settings
     * @param backlog the accept queue's length; {@link #DEFAULT_BACKLOG} is the system's maximum
     * @param iface the address to bind, {@code ""} for all
     * @return the listening port
     * @throws twisted.internet.error.CannotListenException at once when the port cannot be bound
     */
    ListeningPort listenSSL(int port, Factory factory, TlsOptions tls, int backlog, String iface);

    /**
     * Connects to a TLS server. The server's host name is verified unless {@code tls} says not.
     *
     * @param host the host name or address
     * @param port the port
     * @param factory told how the attempt goes, and builds the protocol
     * @param tls the client's TLS settings
     * @param timeout how long the attempt may take
     * @return the connector
     */
    Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout);

    // ------------------------------------------------------------------ UNIX and UDP

    /**
     * Listens on a Unix domain socket.
     *
     * @param path the socket file's path; it must not exist yet
     * @param factory builds a protocol per connection
     * @param backlog the accept queue's length; {@link #DEFAULT_BACKLOG} is the system's maximum
     * @return the listening port
     * @throws twisted.internet.error.CannotListenException at once when the socket cannot be bound
     */
    ListeningPort listenUNIX(String path, Factory factory, int backlog);

    /**
     * Connects to a Unix domain socket.
     *
     * @param path the socket file's path
     * @param factory told how the attempt goes, and builds the protocol
     * @param timeout how long the attempt may take
     * @return the connector
     */
    Connector connectUNIX(String path, ClientFactory factory, Duration timeout);

    /**
     * Listens for UDP datagrams.
     *
     * @param port the port; 0 picks a free one
     * @param protocol receives the datagrams
     * @param iface the address to bind, {@code ""} for all
     * @param maxPacketSize the largest datagram received whole (Twisted's default is 8192)
     * @return the listening port
     * @throws twisted.internet.error.CannotListenException at once when the port cannot be bound
     */
    ListeningPort listenUDP(int port, DatagramProtocol protocol, String iface, int maxPacketSize);

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts the reactor without blocking: runs the startup triggers, then the calls given to
     * {@link #callWhenRunning}. Twisted: {@code startRunning}.
     *
     * @return a future, safe to use from any thread, completed once startup is done
     * @throws IllegalStateException when the reactor was already started
     */
    CompletableFuture<@Nullable Void> start();

    /**
     * Starts the reactor and blocks the calling thread until it has stopped. Twisted: {@code run}.
     *
     * @throws IllegalStateException when called on the reactor thread or after a start
     */
    void run();

    /**
     * Stops the reactor: runs the shutdown triggers (waiting, with a bound, for the Deferreds the
     * {@code BEFORE} ones return), closes ports and connections, stops the thread pool and the
     * event loop.
     *
     * @return a future, safe to use from any thread, completed once the reactor has stopped
     * @throws twisted.internet.error.ReactorNotRunningException when the reactor is not running
     */
    CompletableFuture<@Nullable Void> stop();

    /**
     * Whether the reactor has started and not begun stopping.
     *
     * @return {@code true} while running
     */
    boolean isRunning();

    /**
     * Runs {@code callable} once the reactor runs: at startup, or now when it already runs.
     *
     * @param callable what to run
     */
    void callWhenRunning(Runnable callable);

    /**
     * Adds a trigger to a system event.
     *
     * @param phase when in the event
     * @param event which event
     * @param trigger what to run; it may return a Deferred, which a {@code BEFORE} phase waits for
     * @return an identifier for {@link #removeSystemEventTrigger}
     */
    Object addSystemEventTrigger(TriggerPhase phase, SystemEvent event, Callable<?> trigger);

    /**
     * Removes a trigger.
     *
     * @param triggerId what {@link #addSystemEventTrigger} returned
     * @throws IllegalArgumentException when no such trigger is registered
     */
    void removeSystemEventTrigger(Object triggerId);

    // ------------------------------------------------------------------ threads

    /**
     * Runs {@code callable} on the reactor thread, soon, in call order. The one reactor method
     * that is safe from any thread. Twisted: {@code callFromThread}.
     *
     * @param callable what to run; an exception it throws is logged
     * @throws twisted.internet.error.ReactorNotRunningException after the reactor has stopped
     */
    void callFromThread(Runnable callable);

    /**
     * The same as {@link #callFromThread}, so that the reactor can serve as an {@link Executor}
     * (for example to {@code Deferred.fromCompletionStage(stage, reactor)}).
     *
     * @param command what to run on the reactor thread
     */
    @Override
    default void execute(Runnable command) {
        callFromThread(command);
    }

    /**
     * Runs {@code callable} on the reactor's bounded thread pool. Twisted: {@code callInThread}.
     *
     * @param callable blocking work; it must not touch protocols or transports
     */
    void callInThread(Runnable callable);

    /**
     * Runs {@code callable} on the thread pool and fires the Deferred with its result, or its
     * exception, back on the reactor thread. Twisted: {@code threads.deferToThread}.
     *
     * @param callable blocking work; it must not touch protocols or transports
     * @param <T> the result type
     * @return a Deferred fired on the reactor thread
     */
    <T> Deferred<T> deferToThread(Callable<? extends T> callable);

    /**
     * Whether the calling thread is this reactor's thread (one of them, with several loops).
     *
     * @return {@code true} on the reactor thread
     */
    boolean isReactorThread();

    /**
     * The calling reactor thread, as an executor: a way back to this very thread from another one,
     * running tasks in the order given. Connections stay on the event loop that accepted or opened
     * them, so a protocol fed from another thread (a library's callbacks, a timer of its own)
     * captures this in {@code connectionMade} and comes back through it. With one event loop it is
     * {@link #callFromThread}. Beyond Twisted, which has one reactor thread.
     *
     * @return an executor for the calling thread; safe to use from any thread
     * @throws IllegalStateException when not called on a reactor thread
     * @since 0.1.0
     */
    default Executor currentThreadExecutor() {
        if (!isReactorThread()) {
            throw new IllegalStateException("currentThreadExecutor() must be called on a reactor thread, not on "
                    + Thread.currentThread().getName());
        }
        return this::callFromThread;
    }

    /**
     * The delayed calls not yet run, soonest first.
     *
     * @return a snapshot
     */
    List<DelayedCall> getDelayedCalls();

    /**
     * A snapshot of the reactor's state for monitoring. Safe to call from any thread.
     *
     * @return the statistics now
     */
    ReactorStatistics getStatistics();
}
