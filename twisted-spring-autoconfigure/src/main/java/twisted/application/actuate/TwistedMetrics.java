package twisted.application.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ConnectionStats;
import twisted.application.internet.ListeningService;
import twisted.application.service.ServiceMeter;
import twisted.application.service.ServiceMonitor;
import twisted.defer.UnhandledFailures;
import twisted.internet.Reactor;
import twisted.internet.error.ConnectionAbortedException;

/**
 * Micrometer meters for the reactor and its services:
 * <ul>
 * <li>{@code twisted.connections.active} (gauge), {@code twisted.connections.total},
 * {@code twisted.connections.refused}, {@code twisted.bytes.received}, {@code twisted.bytes.sent}
 * (counters), each tagged {@code service};</li>
 * <li>{@code twisted.connections.aborted} (counter), tagged {@code service} and {@code reason}:
 * {@code write-buffer-limit} (a peer that did not read), {@code close-timeout} (a close that could
 * not flush in time) or {@code aborted} (code called {@code abortConnection()});</li>
 * <li>{@code twisted.deferred.unhandled}: failures reported as unhandled in a Deferred;</li>
 * <li>{@code twisted.reactor.lag}: how late a canary delayed call, scheduled every second, runs
 * (a busy or blocked reactor thread shows here first);</li>
 * <li>{@code twisted.reactor.delayed.calls}: delayed calls pending;</li>
 * <li>each service's own meters, from its {@link ServiceMonitor} (for example
 * {@code twisted.irc.messages.relayed}), tagged {@code service} and the meter's own tags.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public class TwistedMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(TwistedMetrics.class);

    private static final Duration CANARY_PERIOD = Duration.ofSeconds(1);

    private final Reactor reactor;

    private final TwistedServices services;

    private final List<ServiceMeter> monitorMeters = new CopyOnWriteArrayList<>();

    /**
     * Creates the meters' binder.
     *
     * @param reactor the reactor
     * @param services the services
     */
    public TwistedMetrics(Reactor reactor, TwistedServices services) {
        this.reactor = reactor;
        this.services = services;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TwistedServices.Entry entry : this.services.getEntries()) {
            ListeningService listening = entry.listening();
            if (listening != null) {
                bindService(registry, entry.name(), listening.getStats());
            }
            ServiceMonitor monitor = entry.service().getMonitor();
            if (monitor != null) {
                bindMonitor(registry, entry.name(), monitor);
            }
        }
        Counter unhandled = Counter.builder("twisted.deferred.unhandled")
                .description("Failures left unhandled in a Deferred").register(registry);
        UnhandledFailures.addListener(failure -> unhandled.increment());
        Gauge.builder("twisted.reactor.delayed.calls", this.reactor, r -> r.getDelayedCalls().size())
                .description("Delayed calls pending on the reactor").register(registry);
        Timer lag = Timer.builder("twisted.reactor.lag").description("How late the reactor runs a delayed call")
                .register(registry);
        this.reactor.callFromThread(() -> scheduleCanary(lag));
    }

    private static void bindService(MeterRegistry registry, String name, ConnectionStats stats) {
        Gauge.builder("twisted.connections.active", stats, ConnectionStats::getOpen).tag("service", name)
                .description("Connections open now").register(registry);
        FunctionCounter.builder("twisted.connections.total", stats, ConnectionStats::getTotal).tag("service", name)
                .description("Connections accepted").register(registry);
        FunctionCounter.builder("twisted.connections.refused", stats, ConnectionStats::getRefused).tag("service", name)
                .description("Connections refused by the service's limits").register(registry);
        for (ConnectionAbortedException.Reason reason : ConnectionAbortedException.Reason.values()) {
            FunctionCounter.builder("twisted.connections.aborted", stats, s -> s.getAborted(reason)).tag("service", name)
                    .tag("reason", reason.tag()).description("Connections aborted by this side").register(registry);
        }
        FunctionCounter.builder("twisted.bytes.received", stats, ConnectionStats::getBytesReceived).tag("service", name)
                .baseUnit("bytes").register(registry);
        FunctionCounter.builder("twisted.bytes.sent", stats, ConnectionStats::getBytesSent).tag("service", name)
                .baseUnit("bytes").register(registry);
    }

    /** Micrometer holds a function meter's object weakly: the meters are kept here, as long as this binder. */
    private void bindMonitor(MeterRegistry registry, String name, ServiceMonitor monitor) {
        for (ServiceMeter meter : monitor.meters()) {
            this.monitorMeters.add(meter);
            Tags tags = Tags.of("service", name);
            for (Map.Entry<String, String> tag : meter.tags().entrySet()) {
                tags = tags.and(tag.getKey(), tag.getValue());
            }
            if (meter.kind() == ServiceMeter.Kind.COUNTER) {
                FunctionCounter.builder(meter.name(), meter, m -> m.value().getAsLong()).tags(tags)
                        .description(meter.description()).register(registry);
            }
            else {
                Gauge.builder(meter.name(), meter, m -> m.value().getAsLong()).tags(tags)
                        .description(meter.description()).register(registry);
            }
        }
    }

    private void scheduleCanary(Timer lag) {
        long due = System.nanoTime() + CANARY_PERIOD.toNanos();
        try {
            this.reactor.callLater(CANARY_PERIOD, () -> {
                lag.record(Math.max(0, System.nanoTime() - due), TimeUnit.NANOSECONDS);
                if (this.reactor.isRunning()) {
                    scheduleCanary(lag);
                }
            });
        }
        catch (RuntimeException ex) {
            log.debug("Reactor lag canary stopped: {}", ex.getMessage());
        }
    }
}
