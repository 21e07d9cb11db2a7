package twisted.application.autoconfigure;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import twisted.application.MultiService;
import twisted.application.Service;

/**
 * The services this application runs, as configured under {@code twisted.services}: their tree
 * (started and stopped by {@link ServiceBootstrap}) and what is known about each.
 *
 * @since 0.1.0
 */
public final class TwistedServices {

    /**
     * One configured service.
     *
     * @param name the service's name, its key under {@code twisted.services}
     * @param description what it is
     * @param source where it comes from: {@code maker:NAME} or {@code bean:NAME}
     * @param endpoint the endpoint it listens on, as configured
     * @param service the service itself
     */
    public record Entry(String name, String description, String source, String endpoint, Service service) {
    }

    private final MultiService root;

    private final List<Entry> entries;

    TwistedServices(MultiService root, List<Entry> entries) {
        this.root = root;
        this.entries = List.copyOf(entries);
    }

    /**
     * The root of the service tree.
     *
     * @return the root
     */
    public MultiService getRoot() {
        return this.root;
    }

    /**
     * Every configured service, in start order.
     *
     * @return a read-only list
     */
    public List<Entry> getEntries() {
        return Collections.unmodifiableList(this.entries);
    }

    /**
     * One service by name.
     *
     * @param name the name
     * @return the entry, if there is such a service
     */
    public Optional<Entry> get(String name) {
        return this.entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }
}
