package twisted.application.context;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import twisted.application.internet.ListeningService;
import twisted.application.service.MultiService;
import twisted.application.service.Service;

/**
 * The services this application runs, as configured under {@code twisted.services}: their tree
 * (started and stopped by {@link ServiceBootstrap}) and what is known about each. It is also the
 * one place that spells the property names of a service.
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

        /**
         * The service as a listening one, when it listens on an endpoint.
         *
         * @return the listening service, or {@code null} for a service that does not listen
         */
        public @Nullable ListeningService listening() {
            return (this.service instanceof ListeningService listening) ? listening : null;
        }

        /**
         * The full name of one of this service's properties.
         *
         * @param key the key below the service, such as {@code endpoint}
         * @return for example {@code twisted.services.echo.endpoint}
         */
        public String property(String key) {
            return propertyName(this.name, key);
        }
    }

    /** The prefix of every service's properties. */
    public static final String PREFIX = "twisted.services";

    /**
     * The full name of a service's property.
     *
     * @param service the service's name
     * @param key the key below the service, such as {@code endpoint}
     * @return for example {@code twisted.services.echo.endpoint}
     */
    public static String propertyName(String service, String key) {
        return PREFIX + "." + service + "." + key;
    }

    /**
     * The property under which a listening service's bound port is published.
     *
     * @param service the service's name
     * @return for example {@code local.twisted.echo.port}
     */
    public static String portPropertyName(String service) {
        return "local.twisted." + service + ".port";
    }

    private final MultiService root;

    private final List<Entry> entries;

    /**
     * Creates the registry.
     *
     * @param root the root of the tree, holding every entry's service
     * @param entries the services, in start order
     */
    public TwistedServices(MultiService root, List<Entry> entries) {
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
