package twisted.application.internet;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.application.service.ServiceMonitor;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.Factory;
import twisted.internet.IPAddress;
import twisted.internet.ListeningPort;
import twisted.internet.ShutdownNotice;
import twisted.internet.UNIXAddress;
import twisted.internet.endpoints.ServerEndpoint;
import twisted.time.DelayedCall;
import twisted.time.ReactorTime;

/**
 * A service that listens on an endpoint with a factory while it runs, within its
 * {@link ServerLimits}, counting its connections in {@link ConnectionStats}. Stopping it stops
 * listening, then drains: with a {@linkplain ServerLimits#drainTime() drain time}, each open
 * connection is told once ({@link ShutdownNotice#drainStarted()}) and the service waits up to
 * that time for them to end by themselves; then it closes the rest cleanly
 * ({@link ShutdownNotice#serviceStopping()}, then {@code loseConnection()}). The Deferred that
 * {@link #stopService()} returns fires once they have all closed, each within its close timeout,
 * so the open count is exact when it fires. Call on the reactor thread.
 *
 * <p>Twisted: {@code StreamServerEndpointService} (what {@code strports.service} builds).
 *
 * @since 0.1.0
 */
public final class StreamServerEndpointService implements ListeningService {

    private static final Logger log = LoggerFactory.getLogger(StreamServerEndpointService.class);

    private final String name;

    private final String endpointDescription;

    private final ServerEndpoint endpoint;

    private final ConnectionStats stats = new ConnectionStats();

    private final GuardedFactory factory;

    private final @Nullable ServiceMonitor monitor;

    private final ReactorTime clock;

    private final Duration drainTime;

    private volatile boolean running;

    private volatile @Nullable ListeningPort port;

    private @Nullable Deferred<ListeningPort> listening;

    private volatile @Nullable Failure listenFailure;

    /**
     * Creates the service.
     *
     * @param name its name
     * @param endpointDescription the endpoint's description, for display
     * @param endpoint where to listen
     * @param factory builds a protocol per connection
     * @param limits the connection limits
     * @param clock the reactor, for idle timeouts
     */
    public StreamServerEndpointService(String name, String endpointDescription, ServerEndpoint endpoint, Factory factory,
            ServerLimits limits, ReactorTime clock) {
        this(name, endpointDescription, endpoint, factory, limits, clock, null);
    }

    /**
     * Creates a service that also reports what its protocol knows (users, channels, mailboxes).
     *
     * @param name its name
     * @param endpointDescription the endpoint's description, for display
     * @param endpoint where to listen
     * @param factory builds a protocol per connection
     * @param limits the connection limits
     * @param clock the reactor, for idle timeouts
     * @param monitor what the service reports beyond its connections, or {@code null}
     */
    public StreamServerEndpointService(String name, String endpointDescription, ServerEndpoint endpoint, Factory factory,
            ServerLimits limits, ReactorTime clock, @Nullable ServiceMonitor monitor) {
        this.monitor = monitor;
        this.name = Objects.requireNonNull(name, "name");
        this.endpointDescription = Objects.requireNonNull(endpointDescription, "endpointDescription");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.drainTime = limits.drainTime();
        this.factory = new GuardedFactory(name, factory, limits, clock, this.stats);
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public void startService() {
        if (this.running) {
            return;
        }
        this.running = true;
        this.listenFailure = null;
        Deferred<ListeningPort> attempt = this.endpoint.listen(this.factory);
        this.listening = attempt;
        attempt.addCallbacks(bound -> {
            this.port = bound;
            log.atInfo().setMessage("Service '{}' listening on {} ({})").addArgument(this.name)
                    .addArgument(() -> display(bound.getHost())).addArgument(this.endpointDescription)
                    .addKeyValue("service", this.name).addKeyValue("address", bound.getHost()).log();
            return bound;
        }, failure -> {
            this.listenFailure = failure;
            this.running = false;
            log.atError().setMessage("Service '{}' could not listen on {}: {}").addArgument(this.name)
                    .addArgument(this.endpointDescription).addArgument(failure.getErrorMessage())
                    .addKeyValue("service", this.name).addKeyValue("endpoint", this.endpointDescription).log();
            return failure;
        });
    }

    @Override
    public Deferred<ListeningPort> whenListening() {
        if (this.listening == null) {
            throw new IllegalStateException("service '" + this.name + "' was never started");
        }
        return this.listening.thenApply(port -> port);
    }

    @Override
    public Deferred<@Nullable Void> stopService() {
        if (!this.running) {
            return Deferred.succeed(null);
        }
        this.running = false;
        ListeningPort bound = this.port;
        this.port = null;
        Deferred<@Nullable Void> stopped = (bound != null) ? bound.stopListening() : Deferred.succeed(null);
        return stopped.thenCompose(ignored -> drain()).thenCompose(ignored -> {
            int left = this.factory.openCount();
            Deferred<@Nullable Void> closed = this.factory.loseAll();
            log.atInfo().setMessage("Service '{}' stopped ({} connection(s) closed)").addArgument(this.name)
                    .addArgument(left).addKeyValue("service", this.name).log();
            return closed;
        });
    }

    /**
     * Once the port is closed: tells the open connections the service drains and waits for them
     * to close, up to the drain time; at once when there is no drain time or no connection.
     */
    private Deferred<@Nullable Void> drain() {
        int open = this.factory.openCount();
        if (this.drainTime.isZero() || open == 0) {
            return Deferred.succeed(null);
        }
        log.atInfo().setMessage("Service '{}' stopped accepting; draining {} connection(s) for up to {} ms")
                .addArgument(this.name).addArgument(open).addArgument(this.drainTime.toMillis())
                .addKeyValue("service", this.name).log();
        Deferred<@Nullable Void> drained = new Deferred<>();
        DelayedCall deadline = this.clock.callLater(this.drainTime, () -> {
            if (!drained.isCalled()) {
                drained.callback(null);
            }
        });
        this.factory.whenAllLost().addCallback(ignored -> {
            if (deadline.active()) {
                deadline.cancel();
            }
            if (!drained.isCalled()) {
                drained.callback(null);
            }
            return null;
        });
        this.factory.drain();
        return drained;
    }

    /**
     * How long stopping waits for connections to end by themselves.
     *
     * @return the drain time; zero for none
     */
    @Override
    public Duration getDrainTime() {
        return this.drainTime;
    }

    @Override
    public boolean isListening() {
        return this.port != null && this.port.isListening();
    }

    @Override
    public @Nullable Address getBoundAddress() {
        return (this.port != null) ? this.port.getHost() : null;
    }

    @Override
    public @Nullable Failure getListenFailure() {
        return this.listenFailure;
    }

    @Override
    public String getEndpointDescription() {
        return this.endpointDescription;
    }

    @Override
    public ConnectionStats getStats() {
        return this.stats;
    }

    @Override
    public @Nullable ServiceMonitor getMonitor() {
        return this.monitor;
    }

    /** An address as people write it: {@code 127.0.0.1:8007}, {@code [::1]:8007}, or a socket's path. */
    static String display(Address address) {
        if (address instanceof IPAddress ip) {
            return (ip.host().indexOf(':') >= 0 ? "[" + ip.host() + "]" : ip.host()) + ":" + ip.port();
        }
        return (address instanceof UNIXAddress unix) ? unix.name() : String.valueOf(address);
    }

    /**
     * Names the service: {@code StreamServerEndpointService(echo, tcp:8007)}.
     *
     * @return the name and endpoint
     */
    @Override
    public String toString() {
        return "StreamServerEndpointService(" + this.name + ", " + this.endpointDescription + ")";
    }
}
