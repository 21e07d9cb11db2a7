package twisted.application.context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import twisted.application.internet.ListeningService;
import twisted.defer.Deferred;
import twisted.defer.Failure;
import twisted.internet.Address;
import twisted.internet.IPAddress;
import twisted.internet.Reactor;
import twisted.internet.Threads;
import twisted.internet.UNIXAddress;
import twisted.internet.autoconfigure.ReactorLifecycle;

/**
 * The one lifecycle that starts and stops every Twisted service: after the reactor, in the phase
 * where the web server stops accepting (its graceful shutdown). The services stop all at once,
 * each draining for up to its drain time ({@code twisted.shutdown.drain-time}) and then closing
 * what is left within its close timeout; Spring waits for that within
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, so the longest drain time plus close
 * timeout must fit in it (a warning at startup says when it does not). Readiness refuses traffic
 * before, in {@link ReadinessGate}'s phase. While any service listens, a non-daemon thread keeps the JVM
 * running, with or without a web server, as Twisted's {@code reactor.run()} does; it ends when the
 * services stop (a signal's shutdown hook or {@code context.close()}). Once the services listen
 * it publishes each bound port as {@code local.twisted.<name>.port} and a
 * {@link TwistedServicesStartedEvent}. A service that
 * cannot listen fails startup with a {@link ServiceConfigurationException} naming its property.
 *
 * @since 0.1.0
 */
public class ServiceBootstrap implements SmartLifecycle {

    /** The phase: after the reactor's, so services start after it and stop before it. */
    public static final int PHASE = ReactorLifecycle.PHASE + 1024;

    static final String PORTS_PROPERTY_SOURCE = "twisted.local.ports";

    /** Spring's bound on each shutdown phase, the drain's included. */
    static final String PHASE_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

    /** Its default ({@code LifecycleProperties}). */
    static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ServiceBootstrap.class);

    private final TwistedServices services;

    private final Reactor reactor;

    private final ConfigurableEnvironment environment;

    private final ApplicationEventPublisher events;

    private final Duration timeout;

    private volatile boolean running;

    private volatile @Nullable KeepAlive keepAlive;

    /**
     * Creates the bootstrap.
     *
     * @param services the services to run
     * @param reactor their reactor
     * @param environment where to publish ports
     * @param events where to publish the started event
     * @param timeout how long to wait for the services to start, or to stop after their drain time
     */
    public ServiceBootstrap(TwistedServices services, Reactor reactor, ConfigurableEnvironment environment,
            ApplicationEventPublisher events, Duration timeout) {
        this.services = services;
        this.reactor = reactor;
        this.environment = environment;
        this.events = events;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        if (this.running) {
            return;
        }
        try {
            Threads.blockingCallFromThread(this.reactor, this::startAll, this.timeout);
        }
        catch (ServiceConfigurationException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new IllegalStateException("Twisted services did not start", ex);
        }
        this.running = true;
        if (this.services.getEntries().stream().anyMatch(entry -> entry.listening() != null)) {
            this.keepAlive = KeepAlive.start();
        }
        Map<String, Integer> ports = publishPorts();
        log.info("Twisted services started: {}", summary());
        warnIfDrainExceedsPhase();
        this.events.publishEvent(new TwistedServicesStartedEvent(this.services, ports));
    }

    /** On the reactor thread: start the tree, then wait for every port, failing on the first. */
    private Deferred<@Nullable Void> startAll() {
        this.services.getRoot().startService();
        List<Deferred<@Nullable Void>> waits = new ArrayList<>();
        for (TwistedServices.Entry entry : this.services.getEntries()) {
            ListeningService listening = entry.listening();
            if (listening != null) {
                waits.add(listening.whenListening().addErrback(failure -> {
                    throw cannotListen(entry, failure);
                }).thenApply(port -> null));
            }
        }
        Deferred<@Nullable Void> all = Deferred.succeed(null);
        for (Deferred<@Nullable Void> wait : waits) {
            all = all.thenCompose(ignored -> wait);
        }
        return all.recoverWith(failure -> this.services.getRoot().stopService().thenCompose(stopped -> Deferred.fail(failure)));
    }

    /** The longest drain time of the listening services. */
    Duration longestDrain() {
        Duration longest = Duration.ZERO;
        for (TwistedServices.Entry entry : this.services.getEntries()) {
            ListeningService listening = entry.listening();
            if (listening != null && listening.getDrainTime().compareTo(longest) > 0) {
                longest = listening.getDrainTime();
            }
        }
        return longest;
    }

    /** Spring stops waiting for a phase after its timeout: the drain and the closes must fit in. */
    private void warnIfDrainExceedsPhase() {
        Duration drain = longestDrain();
        if (drain.isZero()) {
            return;
        }
        Duration phase = Binder.get(this.environment).bind(PHASE_TIMEOUT_PROPERTY, Duration.class)
                .orElse(DEFAULT_PHASE_TIMEOUT);
        if (drain.compareTo(phase) >= 0) {
            log.warn("The longest Twisted drain time ({} ms) does not fit in {} ({} ms): Spring will go on with the "
                    + "shutdown before the drain ends and the connections are closed; raise {} above the drain time "
                    + "plus the close timeout, or lower twisted.shutdown.drain-time", drain.toMillis(),
                    PHASE_TIMEOUT_PROPERTY, phase.toMillis(), PHASE_TIMEOUT_PROPERTY);
        }
    }

    /** Names the other service configured on the same port, the likeliest reason a listen fails. */
    private ServiceConfigurationException cannotListen(TwistedServices.Entry entry, Failure failure) {
        String message = "cannot listen on '" + entry.endpoint() + "': " + failure.getErrorMessage();
        String port = port(entry.endpoint());
        for (TwistedServices.Entry other : this.services.getEntries()) {
            boolean samePort = other.endpoint().equals(entry.endpoint()) || (port != null && port.equals(port(other.endpoint())));
            if (other != entry && samePort) {
                message += "; service '" + other.name() + "' is configured on the same port ('" + other.property("endpoint")
                        + "' is '" + other.endpoint() + "')";
                String action = "Give '" + entry.name() + "' and '" + other.name() + "' different ports: set '"
                        + entry.property("endpoint") + "' or '" + other.property("endpoint") + "' to another one "
                        + "('tcp:0' picks a free port, published as 'local.twisted.<name>.port').";
                return new ServiceConfigurationException(entry.name(), entry.property("endpoint"), entry.endpoint(), message,
                        action, failure.value());
            }
        }
        return new ServiceConfigurationException(entry.name(), entry.property("endpoint"), entry.endpoint(), message,
                failure.value());
    }

    /** The port an endpoint description names ({@code tcp:8007}, {@code ssl:port=8443:...}), if not 0. */
    static @Nullable String port(String endpoint) {
        String[] parts = endpoint.split(":");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].startsWith("port=") ? parts[i].substring("port=".length()) : parts[i];
            if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
                return part.matches("0+") ? null : part;
            }
        }
        return null;
    }

    /**
     * Where each listening service listens, for the started line: its port for IP endpoints (tcp,
     * ssl), its path for a unix socket ({@code {echo=8007, sock=/tmp/x.sock}}).
     */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (TwistedServices.Entry entry : this.services.getEntries()) {
            ListeningService listening = entry.listening();
            Address address = (listening != null) ? listening.getBoundAddress() : null;
            if (address instanceof IPAddress ip) {
                summary.put(entry.name(), ip.port());
            }
            else if (address instanceof UNIXAddress unix) {
                summary.put(entry.name(), unix.name());
            }
            else if (address != null) {
                summary.put(entry.name(), address);
            }
        }
        return summary;
    }

    /**
     * Publishes each listening service's current port as {@code local.twisted.<name>.port}; the
     * actuator endpoint calls it after restarting a service, whose port may have changed.
     *
     * @return the ports, by service name
     */
    public Map<String, Integer> publishPorts() {
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (TwistedServices.Entry entry : this.services.getEntries()) {
            ListeningService listening = entry.listening();
            if (listening != null && listening.getBoundAddress() instanceof IPAddress address) {
                ports.put(entry.name(), address.port());
                properties.put(TwistedServices.portPropertyName(entry.name()), address.port());
            }
        }
        MutablePropertySources sources = this.environment.getPropertySources();
        sources.remove(PORTS_PROPERTY_SOURCE);
        sources.addFirst(new MapPropertySource(PORTS_PROPERTY_SOURCE, properties));
        return ports;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("stop(Runnable) is the one Spring calls");
    }

    @Override
    public void stop(Runnable callback) {
        if (!this.running) {
            callback.run();
            return;
        }
        this.running = false;
        AtomicBoolean called = new AtomicBoolean();
        Runnable once = () -> {
            if (called.compareAndSet(false, true)) {
                releaseKeepAlive();
                callback.run();
            }
        };
        try {
            this.reactor.callFromThread(() -> {
                this.services.getRoot().stopService().addBoth(result -> {
                    if (result instanceof Failure failure) {
                        log.warn("A Twisted service did not stop cleanly: {}", failure.getErrorMessage());
                    }
                    once.run();
                    return null;
                });
                Duration bound = this.timeout.plus(longestDrain());
                this.reactor.callLater(bound, () -> {
                    if (!called.get()) {
                        log.warn("Twisted services did not stop within {} ms; going on", bound.toMillis());
                        once.run();
                    }
                });
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not stop the Twisted services: {}", ex.getMessage());
            once.run();
        }
    }

    private void releaseKeepAlive() {
        KeepAlive alive = this.keepAlive;
        this.keepAlive = null;
        if (alive != null) {
            alive.release();
        }
    }

    /**
     * Whether a thread keeps the JVM running for the services, as {@code reactor.run()} would.
     *
     * @return {@code true} from the start of a listening service until the services stop
     */
    public boolean isKeepingAlive() {
        KeepAlive alive = this.keepAlive;
        return alive != null && alive.isAlive();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Never paused: when Spring's test context cache pauses a context, its services keep listening
     * on the ports they published ({@code local.twisted.<name>.port}), as the reactor they run on
     * keeps running, so the context's next test class finds them where they were.
     *
     * @return {@code false}
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
