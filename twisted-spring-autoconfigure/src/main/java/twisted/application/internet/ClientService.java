package twisted.application.internet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.application.service.Service;
import twisted.defer.CancelledException;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.Protocol;
import twisted.internet.ProtocolWrapper;
import twisted.internet.endpoints.ClientEndpoint;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * A service that keeps one client connection up: it connects when started, reconnects after a
 * failed attempt or a lost connection (waiting as the retry policy says), and disconnects when
 * stopped. {@link #whenConnected} gives the connected protocol.
 *
 * <pre>{@code
 * ClientService service = new ClientService("irc", Endpoints.clientFromString(reactor, "tcp:irc.example:6667"),
 *         Factory.forProtocol(IrcBot::new), reactor);
 * service.startService();
 * service.whenConnected().addCallback(bot -> ((IrcBot) bot).join("#twisted"));
 * }</pre>
 *
 * <p>The default retry policy is Twisted's {@link #backoffPolicy}: 1 s, growing by 1.5 up to
 * 60 s, plus up to 1 s of random jitter. An optional {@code prepareConnection} function runs on
 * each new connection; if its Deferred fails, the connection counts as a failed attempt. All
 * methods run on the reactor thread.
 *
 * <p>Twisted: {@code twisted.application.internet.ClientService}.
 *
 * @since 0.1.0
 */
public class ClientService implements Service {

    private static final Logger log = LoggerFactory.getLogger(ClientService.class);

    private enum State {
        STOPPED, CONNECTING, CONNECTED, WAITING, DISCONNECTING
    }

    private record Waiter(Deferred<Protocol> deferred, int failAfterFailures) {
    }

    private final String name;

    private final ClientEndpoint endpoint;

    private final Factory factory;

    private final ReactorTime clock;

    private IntFunction<Duration> retryPolicy = backoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), 1.5,
            new Random());

    private @Nullable Function<Protocol, Deferred<?>> prepareConnection;

    private final List<Waiter> waiters = new ArrayList<>();

    private State state = State.STOPPED;

    private int failedAttempts;

    private @Nullable Deferred<Protocol> attempt;

    private @Nullable DelayedCall retry;

    private @Nullable Protocol current;

    private @Nullable Deferred<@Nullable Void> stopped;

    /**
     * Creates the service.
     *
     * @param name the service's name
     * @param endpoint where to connect
     * @param factory builds the protocol of each connection
     * @param clock the reactor, which times the retries
     */
    public ClientService(String name, ClientEndpoint endpoint, Factory factory, ReactorTime clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Twisted's default retry policy: {@code min(initialDelay * factor^attempt, maxDelay)} plus a
     * random jitter of up to one second. Twisted: {@code backoffPolicy}.
     *
     * @param initialDelay the first delay
     * @param maxDelay the longest delay before jitter
     * @param factor the growth per failed attempt
     * @param jitter draws the jitter
     * @return the policy: failed attempts so far to delay
     */
    public static IntFunction<Duration> backoffPolicy(Duration initialDelay, Duration maxDelay, double factor, Random jitter) {
        return attempt -> {
            double seconds = Math.min(initialDelay.toNanos() / 1e9 * Math.pow(factor, Math.min(attempt, 64)),
                    maxDelay.toNanos() / 1e9);
            return Duration.ofNanos(Math.round((seconds + jitter.nextDouble()) * 1e9));
        };
    }

    /**
     * Sets how long to wait after a given number of failed attempts.
     *
     * @param retryPolicy failed attempts so far (1 or more) to delay
     */
    public void setRetryPolicy(IntFunction<Duration> retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /**
     * Sets what to run on each new connection before it counts as connected.
     *
     * @param prepareConnection given the protocol; its Deferred failing fails the attempt
     */
    public void setPrepareConnection(@Nullable Function<Protocol, Deferred<?>> prepareConnection) {
        this.prepareConnection = prepareConnection;
    }

    @Override
    public String getName() {
        return this.name;
    }

    /**
     * Where the service connects.
     *
     * @return the endpoint
     */
    public ClientEndpoint getEndpoint() {
        return this.endpoint;
    }

    /**
     * Names the service: {@code ClientService(irc, tcp:irc.example:6667)}.
     *
     * @return the name and endpoint
     */
    @Override
    public String toString() {
        return "ClientService(" + this.name + ", " + this.endpoint + ")";
    }

    @Override
    public boolean isRunning() {
        return this.state != State.STOPPED && this.state != State.DISCONNECTING;
    }

    @Override
    public void startService() {
        if (this.state != State.STOPPED) {
            return;
        }
        this.failedAttempts = 0;
        connect();
    }

    /**
     * The connected protocol: at once when connected, else when the next connection is made.
     *
     * @return a Deferred of the protocol; it fails with {@link CancelledException} if the service
     *         stops first
     */
    public Deferred<Protocol> whenConnected() {
        return whenConnected(Integer.MAX_VALUE);
    }

    /**
     * Like {@link #whenConnected()}, but gives up after {@code failAfterFailures} failed attempts
     * in a row, failing with the last attempt's failure.
     *
     * @param failAfterFailures how many failures to wait through, at least 1
     * @return a Deferred of the protocol
     */
    public Deferred<Protocol> whenConnected(int failAfterFailures) {
        if (failAfterFailures < 1) {
            throw new IllegalArgumentException("failAfterFailures (" + failAfterFailures + ") must be at least 1");
        }
        if (this.state == State.CONNECTED && this.current != null) {
            return Deferred.succeed(this.current);
        }
        Deferred<Protocol> waiting = new Deferred<>(self -> this.waiters.removeIf(w -> w.deferred() == self));
        this.waiters.add(new Waiter(waiting, failAfterFailures));
        return waiting;
    }

    @Override
    public Deferred<@Nullable Void> stopService() {
        switch (this.state) {
            case STOPPED -> {
                return Deferred.succeed(null);
            }
            case DISCONNECTING -> {
                return Deferred.succeed(null).thenCompose(ignored -> Objects.requireNonNull(this.stopped).thenApply(x -> x));
            }
            case WAITING -> {
                Objects.requireNonNull(this.retry).cancel();
                this.retry = null;
                return stopNow();
            }
            case CONNECTING -> {
                Deferred<Protocol> pending = this.attempt;
                this.state = State.STOPPED;
                if (pending != null) {
                    pending.cancel();
                }
                return stopNow();
            }
            default -> {
                this.state = State.DISCONNECTING;
                Deferred<@Nullable Void> done = new Deferred<>();
                this.stopped = done;
                cancelWaiters();
                Objects.requireNonNull(this.current).getTransport().loseConnection();
                return done.thenApply(ignored -> null);
            }
        }
    }

    private Deferred<@Nullable Void> stopNow() {
        this.state = State.STOPPED;
        cancelWaiters();
        return Deferred.succeed(null);
    }

    private void cancelWaiters() {
        List<Waiter> cancelled = new ArrayList<>(this.waiters);
        this.waiters.clear();
        for (Waiter waiter : cancelled) {
            waiter.deferred().errback(new CancelledException("service '" + this.name + "' stopped"));
        }
    }

    // ------------------------------------------------------------------ the machine

    private void connect() {
        this.state = State.CONNECTING;
        Deferred<Protocol> connecting = this.endpoint.connect(new NotifyingFactory());
        this.attempt = connecting;
        connecting.addCallbacks(protocol -> {
            if (this.attempt == connecting) {
                this.attempt = null;
                prepared((protocol instanceof Notifying notifying) ? notifying.getWrappedProtocol() : protocol);
            }
            return null;
        }, failure -> {
            if (this.attempt == connecting) {
                this.attempt = null;
                if (this.state == State.CONNECTING) {
                    failed(failure);
                }
            }
            return null;
        });
    }

    private void prepared(Protocol protocol) {
        if (this.prepareConnection == null) {
            connected(protocol);
            return;
        }
        Deferred.maybeDeferred(() -> this.prepareConnection.apply(protocol)).addCallbacks(ignored -> {
            if (this.state == State.CONNECTING) {
                connected(protocol);
            }
            return null;
        }, failure -> {
            log.warn("[{}] preparing the connection failed: {}", this.name, failure.getErrorMessage());
            this.current = null;
            protocol.getTransport().loseConnection();
            if (this.state == State.CONNECTING) {
                failed(failure);
            }
            return null;
        });
    }

    private void connected(Protocol protocol) {
        this.state = State.CONNECTED;
        this.current = protocol;
        this.failedAttempts = 0;
        List<Waiter> ready = new ArrayList<>(this.waiters);
        this.waiters.clear();
        for (Waiter waiter : ready) {
            waiter.deferred().callback(protocol);
        }
    }

    private void failed(Failure failure) {
        this.failedAttempts++;
        for (Iterator<Waiter> it = this.waiters.iterator(); it.hasNext();) {
            Waiter waiter = it.next();
            if (waiter.failAfterFailures() <= this.failedAttempts) {
                it.remove();
                waiter.deferred().errback(failure);
            }
        }
        waitThenConnect();
    }

    private void waitThenConnect() {
        Duration delay = this.retryPolicy.apply(this.failedAttempts);
        log.debug("[{}] reconnecting in {} ms (failed attempts: {})", this.name, delay.toMillis(), this.failedAttempts);
        this.state = State.WAITING;
        this.retry = this.clock.callLater(delay, () -> {
            this.retry = null;
            connect();
        });
    }

    private void lost(Protocol protocol) {
        if (protocol != this.current) {
            return;
        }
        this.current = null;
        if (this.state == State.DISCONNECTING) {
            this.state = State.STOPPED;
            Objects.requireNonNull(this.stopped).callback(null);
        }
        else if (this.state == State.CONNECTED) {
            this.failedAttempts = 1;
            waitThenConnect();
        }
    }

    /** Builds the user's protocol, wrapped so that the service hears of its connection's end. */
    private final class NotifyingFactory extends Factory {

        NotifyingFactory() {
            setNoisy(false);
        }

        @Override
        public void startFactory() {
            ClientService.this.factory.doStart();
        }

        @Override
        public void stopFactory() {
            ClientService.this.factory.doStop();
        }

        @Override
        public @Nullable Protocol buildProtocol(Address address) {
            Protocol inner = ClientService.this.factory.buildProtocol(address);
            if (inner == null) {
                return null;
            }
            return new Notifying(inner);
        }
    }

    /** Tells the service when the user's protocol loses its connection. */
    private final class Notifying extends ProtocolWrapper {

        Notifying(Protocol inner) {
            super(inner);
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            lost(this.wrappedProtocol);
        }
    }
}
