package twisted.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.Threads;
import twisted.internet.error.ReactorNotRunningException;
import twisted.internet.netty.NettyReactor;

/**
 * A real, started {@link NettyReactor} for an integration test, with bounded waits on it: start it,
 * run work on its thread and wait for the answer, read back the port a listener bound, and close
 * it. It depends on no test framework; close it with try-with-resources or from an
 * {@code @AfterEach} method.
 *
 * <pre>{@code
 * class EchoTests {
 *
 *     private final RunningReactor running = RunningReactor.start();
 *
 *     @AfterEach
 *     void close() {
 *         this.running.close();
 *     }
 *
 *     @Test
 *     void echoes() throws Exception {
 *         int port = this.running.listenTCP(Factory.forProtocol(Echo::new));
 *         try (Socket socket = new Socket("127.0.0.1", port)) { ... }
 *         String answer = this.running.call(() -> client.request("ping")); // a Deferred<String>
 *     }
 * }
 * }</pre>
 *
 * <p>Threads: the test's thread is not the reactor thread. {@link #call} and {@link #run} hand work
 * to the reactor thread (where protocols, Deferreds and delayed calls live, as the reactor's threading
 * contract asks) and block the calling thread until it is done; they refuse to run on the reactor
 * thread itself, where they would deadlock. {@link #reactor()} gives the reactor for what is
 * thread-safe from anywhere ({@code callFromThread}, {@code isReactorThread}, listening before
 * the work that needs it).
 *
 * <p>Timeouts: every wait is bounded by the fixture's timeout ({@link #DEFAULT_TIMEOUT} unless
 * given). {@link #start} that times out stops what it started and throws
 * {@link IllegalStateException}; {@link #call} that times out throws {@link TimeoutException}
 * while the work carries on, on the reactor thread, until {@link #close}; {@link #close} that
 * times out throws {@link IllegalStateException}, and the reactor's daemon threads finish on their
 * own. The reactor's own shutdown timeout is half the fixture's (at most 5 s), so that a clean stop
 * always fits in one wait.
 *
 * <p>Twisted: trial runs every test on one global reactor; a Java test gets a reactor of its own,
 * as {@code EmbeddedChannel} gives a channel of its own, so that tests never share state.
 *
 * @since 0.1.0
 */
public final class RunningReactor implements AutoCloseable {

    /** The bound on each wait (start, call, run, close) when {@link #start()} is given no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration MAX_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final NettyReactor reactor;

    private final Duration timeout;

    private final AtomicBoolean closed = new AtomicBoolean();

    private RunningReactor(NettyReactor reactor, Duration timeout) {
        this.reactor = reactor;
        this.timeout = timeout;
    }

    /**
     * Builds a reactor and waits up to {@link #DEFAULT_TIMEOUT} for it to start.
     *
     * @return the running reactor
     * @throws IllegalStateException when it does not start in time
     */
    public static RunningReactor start() {
        return start(DEFAULT_TIMEOUT);
    }

    /**
     * Builds a reactor and waits up to {@code timeout} for it to start; later waits use the same
     * timeout.
     *
     * @param timeout how long each wait may take, positive
     * @return the running reactor
     * @throws IllegalStateException when it does not start in time
     */
    public static RunningReactor start(Duration timeout) {
        return start(null, timeout);
    }

    /**
     * Builds a reactor named after the test (its threads carry the name, so a thread dump or a log
     * line points at the test) and waits up to {@code timeout} for it to start.
     *
     * @param name the prefix of the reactor's thread names, for example the test's name; {@code null}
     *        for the default
     * @param timeout how long each wait may take, positive
     * @return the running reactor
     * @throws IllegalStateException when it does not start in time
     */
    public static RunningReactor start(@Nullable String name, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout (" + timeout + ") must be positive");
        }
        NettyReactor.Builder builder = NettyReactor.builder().shutdownTimeout(shutdownTimeout(timeout));
        if (name != null) {
            builder.name(name);
        }
        RunningReactor running = new RunningReactor(builder.build(), timeout);
        try {
            running.await(running.reactor.start(), "start");
        }
        catch (RuntimeException ex) {
            running.closeQuietly(ex);
            throw ex;
        }
        return running;
    }

    private static Duration shutdownTimeout(Duration timeout) {
        Duration half = timeout.dividedBy(2);
        if (half.isZero()) {
            return Duration.ofNanos(1);
        }
        return (half.compareTo(MAX_SHUTDOWN_TIMEOUT) < 0) ? half : MAX_SHUTDOWN_TIMEOUT;
    }

    /**
     * The port a listener is bound to.
     *
     * @param port a TCP, SSL or UDP listening port
     * @return its port number
     * @throws IllegalArgumentException when it listens on something other than an IP address (a
     *         UNIX socket)
     */
    public static int port(ListeningPort port) {
        Address host = port.getHost();
        if (host instanceof IPAddress ip) {
            return ip.port();
        }
        throw new IllegalArgumentException(port + " listens on " + host + ", which has no port number");
    }

    /**
     * The reactor. It is running until {@link #close()}, or until the test stops it.
     *
     * @return the reactor
     */
    public NettyReactor reactor() {
        return this.reactor;
    }

    /**
     * How long each wait of this fixture may take.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return this.timeout;
    }

    /**
     * Runs {@code action} on the reactor thread and waits for its result; when it returns a
     * {@link twisted.defer.Deferred}, waits for that to fire and gives its result. A failure is
     * rethrown as it is, checked exceptions too (not wrapped in an {@link ExecutionException}).
     *
     * @param action what to run on the reactor thread
     * @param <T> the result type
     * @return the result, or the Deferred's result
     * @throws ReactorNotRunningException when the fixture is closed or the reactor has stopped
     * @throws IllegalStateException when called on the reactor thread, where it would deadlock
     * @throws TimeoutException when there is no result within {@link #timeout()}
     * @throws Exception what the action, or its Deferred, failed with
     */
    public <T> @Nullable T call(Callable<?> action) throws Exception {
        Objects.requireNonNull(action, "action");
        if (this.closed.get()) {
            throw new ReactorNotRunningException(this + " is closed: call(...) refused");
        }
        return Threads.blockingCallFromThread(this.reactor, action, this.timeout);
    }

    /**
     * Runs {@code action} on the reactor thread and waits until it has run.
     *
     * @param action what to run on the reactor thread
     * @throws ReactorNotRunningException when the fixture is closed or the reactor has stopped
     * @throws IllegalStateException when called on the reactor thread, where it would deadlock
     * @throws TimeoutException when it has not run within {@link #timeout()}
     * @throws Exception what the action threw
     */
    public void run(Runnable action) throws Exception {
        Objects.requireNonNull(action, "action");
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Listens for TCP connections on {@code 127.0.0.1}, on a free port, and gives the port.
     *
     * @param factory builds a protocol per connection
     * @return the port number bound
     * @throws Exception as {@link #call}; {@link twisted.internet.error.CannotListenException}
     *         when nothing can be bound
     */
    public int listenTCP(Factory factory) throws Exception {
        Objects.requireNonNull(factory, "factory");
        ListeningPort port = call(() -> this.reactor.listenTCP(0, factory, 50, "127.0.0.1"));
        return port(Objects.requireNonNull(port));
    }

    /**
     * Stops the reactor, closing its ports and connections, and waits up to {@link #timeout()} for
     * it to finish. Closing again, or closing a reactor the test already stopped, does nothing;
     * after closing, {@link #call} and {@link #run} are refused.
     *
     * @throws IllegalStateException when called on the reactor thread, or when the reactor does not
     *         stop in time
     */
    @Override
    public void close() {
        if (this.reactor.isReactorThread()) {
            throw new IllegalStateException("close() waits for the reactor thread: it cannot run on it");
        }
        if (!this.closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> stopping;
        try {
            stopping = this.reactor.stop();
        }
        catch (ReactorNotRunningException ex) {
            return; // the test stopped it already
        }
        await(stopping, "stop");
    }

    private void closeQuietly(Throwable cause) {
        try {
            close();
        }
        catch (RuntimeException ex) {
            cause.addSuppressed(ex);
        }
    }

    private void await(Future<?> step, String what) {
        try {
            step.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            throw new IllegalStateException(this + " did not " + what + " within " + this.timeout.toMillis() + " ms",
                    ex);
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException(this + " failed to " + what, ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this + " to " + what, ex);
        }
    }

    @Override
    public String toString() {
        return "RunningReactor[" + this.reactor + "]";
    }
}
