package twisted.application.actuate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ConnectionStats;
import twisted.application.internet.ListeningService;
import twisted.application.service.Service;
import twisted.application.service.ServiceMonitor;
import twisted.cluster.Cluster;
import twisted.cluster.ClusterStatus;
import twisted.internet.IPAddress;
import twisted.internet.Reactor;
import twisted.internet.ReactorStatistics;
import twisted.internet.Threads;
import twisted.internet.error.ConnectionAbortedException;

/**
 * {@code /actuator/twisted}: the reactor and every service, with their live connection counts, and
 * the node's cluster when it is in one (node id, bus state, live nodes, lag, messages published and
 * received);
 * {@code /actuator/twisted/{name}} for one service, and a write operation
 * ({@code POST {"action": "stop"}} or {@code "start"}) that stops or starts it at runtime.
 *
 * <p>Read-only by default: the write operation needs
 * {@code management.endpoint.twisted.access=unrestricted}, and, like every endpoint but health,
 * the endpoint is only on the web when {@code management.endpoints.web.exposure.include} lists it.
 *
 * @since 0.1.0
 */
@Endpoint(id = "twisted", defaultAccess = Access.READ_ONLY)
public class TwistedEndpoint {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Reactor reactor;

    private final TwistedServices services;

    private final Runnable portsChanged;

    private final @Nullable Cluster cluster;

    /**
     * Creates the endpoint of a node that is in no cluster.
     *
     * @param reactor the reactor
     * @param services the services
     * @param portsChanged called after a service was started again, to republish its port
     */
    public TwistedEndpoint(Reactor reactor, TwistedServices services, Runnable portsChanged) {
        this(reactor, services, portsChanged, null);
    }

    /**
     * Creates the endpoint.
     *
     * @param reactor the reactor
     * @param services the services
     * @param portsChanged called after a service was started again, to republish its port
     * @param cluster the node's cluster, shown as {@code cluster}, or {@code null} when it is in none
     */
    public TwistedEndpoint(Reactor reactor, TwistedServices services, Runnable portsChanged, @Nullable Cluster cluster) {
        this.reactor = reactor;
        this.services = services;
        this.portsChanged = portsChanged;
        this.cluster = cluster;
    }

    /**
     * The reactor and every service.
     *
     * @return a JSON-ready description
     */
    @ReadOperation
    public Map<String, Object> twisted() {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (TwistedServices.Entry entry : this.services.getEntries()) {
            byName.put(entry.name(), describe(entry));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("reactor", describeReactor());
        result.put("services", byName);
        if (this.cluster != null) {
            result.put("cluster", describeCluster(this.cluster.status()));
        }
        return result;
    }

    /**
     * One service.
     *
     * @param name the service's name
     * @return its description, or {@code null} (404) when there is no such service
     */
    @ReadOperation
    public @Nullable Map<String, Object> service(@Selector String name) {
        return this.services.get(name).map(TwistedEndpoint::describe).orElse(null);
    }

    /**
     * Stops or starts one service, waiting (up to 30 s, plus the service's drain time for a stop)
     * until it has: a stop, until its connections have ended during its drain or been closed after
     * it (each within its close timeout, 10 s by default).
     *
     * @param name the service's name
     * @param action {@code stop} or {@code start}
     * @return the service's description afterwards, or {@code null} (404) when there is no such service
     * @throws Exception when the service fails to stop or start
     */
    @WriteOperation
    public @Nullable Map<String, Object> change(@Selector String name, String action) throws Exception {
        TwistedServices.Entry entry = this.services.get(name).orElse(null);
        if (entry == null) {
            return null;
        }
        Service service = entry.service();
        switch (action) {
            case "stop" -> {
                ListeningService listening = entry.listening();
                Duration drain = (listening != null) ? listening.getDrainTime() : Duration.ZERO;
                Threads.blockingCallFromThread(this.reactor, service::stopService, TIMEOUT.plus(drain));
            }
            case "start" -> {
                Threads.blockingCallFromThread(this.reactor, () -> {
                    service.startService();
                    ListeningService listening = entry.listening();
                    return (listening != null) ? listening.whenListening() : null;
                }, TIMEOUT);
                this.portsChanged.run();
            }
            default -> throw new InvalidEndpointRequestException("action must be 'stop' or 'start', not '" + action + "'",
                    "unknown action");
        }
        return describe(entry);
    }

    private Map<String, Object> describeReactor() {
        Map<String, Object> reactor = new LinkedHashMap<>();
        reactor.put("running", this.reactor.isRunning());
        ReactorStatistics statistics = this.reactor.getStatistics();
        reactor.put("pendingDelayedCalls", statistics.delayedCalls());
        reactor.put("transport", statistics.transport());
        reactor.put("threads", statistics.threads());
        reactor.put("threadPool", Map.of("size", statistics.threadPoolSize(), "active", statistics.threadPoolActive(),
                "queued", statistics.threadPoolQueued()));
        return reactor;
    }

    private static Map<String, Object> describeCluster(ClusterStatus status) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("nodeId", status.nodeId());
        cluster.put("state", status.state().name());
        cluster.put("nodes", new TreeSet<>(status.nodes()));
        cluster.put("lag", (status.lag() != null) ? status.lag().toString() : null);
        cluster.put("published", status.published());
        cluster.put("received", status.received());
        return cluster;
    }

    static Map<String, Object> describe(TwistedServices.Entry entry) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", entry.name());
        service.put("state", entry.service().isRunning() ? "running" : "stopped");
        service.put("description", entry.description());
        service.put("source", entry.source());
        service.put("endpoint", entry.endpoint());
        ListeningService listening = entry.listening();
        if (listening != null) {
            service.put("listening", listening.isListening());
            service.put("address", listening.getBoundAddressText());
            if (listening.getBoundAddress() instanceof IPAddress ip) {
                service.put("port", ip.port());
            }
            ConnectionStats stats = listening.getStats();
            service.put("openConnections", stats.getOpen());
            service.put("totalConnections", stats.getTotal());
            service.put("refusedConnections", stats.getRefused());
            Map<String, Object> aborted = new LinkedHashMap<>();
            for (ConnectionAbortedException.Reason reason : ConnectionAbortedException.Reason.values()) {
                aborted.put(reason.tag(), stats.getAborted(reason));
            }
            service.put("abortedConnections", aborted);
            service.put("bytesIn", stats.getBytesReceived());
            service.put("bytesOut", stats.getBytesSent());
        }
        ServiceMonitor monitor = entry.service().getMonitor();
        if (monitor != null) {
            service.put("details", monitor.details());
        }
        return service;
    }
}
