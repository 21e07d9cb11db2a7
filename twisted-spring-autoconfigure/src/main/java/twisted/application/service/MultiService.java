package twisted.application.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import twisted.defer.Deferred;
import twisted.defer.DeferredList;

/**
 * A service made of services: it starts its children in the order they were added and stops them
 * in reverse order. A child added while it runs is started at once. Call on the reactor thread.
 *
 * <p>Twisted: {@code MultiService}.
 *
 * @since 0.1.0
 */
public class MultiService implements Service {

    private final String name;

    private final Map<String, Service> services = new LinkedHashMap<>();

    private boolean running;

    /**
     * Creates an empty multi-service.
     *
     * @param name its name
     */
    public MultiService(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String getName() {
        return this.name;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    /**
     * Adds a child, starting it if this service runs. Twisted: {@code addService} /
     * {@code setServiceParent}.
     *
     * @param service the child
     * @throws IllegalArgumentException when a child of that name exists
     */
    public void addService(Service service) {
        if (this.services.containsKey(service.getName())) {
            throw new IllegalArgumentException("a service named '" + service.getName() + "' already exists in '"
                    + this.name + "'");
        }
        this.services.put(service.getName(), service);
        if (this.running) {
            service.startService();
        }
    }

    /**
     * Removes a child, stopping it if this service runs.
     *
     * @param name the child's name
     * @return a Deferred that fires once the child has stopped
     * @throws IllegalArgumentException when there is no such child
     */
    public Deferred<@Nullable Void> removeService(String name) {
        Service service = this.services.remove(name);
        if (service == null) {
            throw new IllegalArgumentException("no service named '" + name + "' in '" + this.name + "'");
        }
        return this.running ? service.stopService() : Deferred.succeed(null);
    }

    /**
     * The child of that name.
     *
     * @param name the name
     * @return the child, or {@code null}
     */
    public @Nullable Service getServiceNamed(String name) {
        return this.services.get(name);
    }

    /**
     * The children, in the order they start.
     *
     * @return a read-only list
     */
    public List<Service> getServices() {
        return Collections.unmodifiableList(new ArrayList<>(this.services.values()));
    }

    @Override
    public void startService() {
        if (this.running) {
            return;
        }
        this.running = true;
        for (Service service : new ArrayList<>(this.services.values())) {
            service.startService();
        }
    }

    @Override
    public Deferred<@Nullable Void> stopService() {
        if (!this.running) {
            return Deferred.succeed(null);
        }
        this.running = false;
        List<Service> reversed = new ArrayList<>(this.services.values());
        Collections.reverse(reversed);
        List<Deferred<@Nullable Void>> stops = new ArrayList<>();
        for (Service service : reversed) {
            stops.add(service.stopService());
        }
        return new DeferredList<@Nullable Void>(stops, false, true).thenApply(ignored -> null);
    }

    @Override
    public String toString() {
        return "MultiService(" + this.name + ", " + this.services.values() + ")";
    }
}
