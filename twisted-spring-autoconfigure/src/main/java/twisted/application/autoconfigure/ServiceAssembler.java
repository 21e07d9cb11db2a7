package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.autoconfigure.TwistedServicesProperties.ServiceProperties;
import twisted.application.context.ServiceConfigurationException;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ClientService;
import twisted.application.internet.ServerLimits;
import twisted.application.service.MultiService;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.internet.Reactor;
import twisted.internet.endpoints.EndpointSyntaxException;
import twisted.internet.endpoints.Endpoints;
import twisted.internet.endpoints.ServerEndpoint;

/**
 * Builds the service tree from the configuration, with one rule for every kind of service:
 * {@code enabled: true} switches any service on, {@code enabled: false} any off; left unset, a
 * {@code Factory} bean's service is on once it has an endpoint and a maker's (beans first, then
 * {@link ServiceLoader} plugins) stays off. A service switched on that cannot start, a service
 * name nothing provides, or an unknown key under a maker's {@code options} is a
 * {@link ServiceConfigurationException} or {@link UnknownPropertiesException} naming the property;
 * a service configured but left off logs a warning naming the property.
 */
final class ServiceAssembler {

    private static final Logger log = LoggerFactory.getLogger(ServiceAssembler.class);

    private final Reactor reactor;

    private final Map<String, ServiceProperties> properties;

    private final Environment environment;

    private final Binder binder;

    private final Duration drainTime;

    ServiceAssembler(Reactor reactor, Map<String, ServiceProperties> properties, Environment environment,
            Duration drainTime) {
        this.reactor = reactor;
        this.drainTime = drainTime;
        this.properties = properties;
        this.environment = environment;
        this.binder = Binder.get(environment);
    }

    static Map<String, ServiceMaker<?>> makers(List<ServiceMaker<?>> beans, ClassLoader classLoader) {
        Map<String, ServiceMaker<?>> makers = new LinkedHashMap<>();
        for (ServiceMaker<?> maker : beans) {
            makers.putIfAbsent(maker.getName(), maker);
        }
        for (ServiceMaker<?> maker : ServiceLoader.load(ServiceMaker.class, classLoader)) {
            makers.putIfAbsent(maker.getName(), maker);
        }
        return makers;
    }

    TwistedServices assemble(Map<String, ServiceMaker<?>> makers, Map<String, Factory> factoryBeans) {
        return assemble(makers, factoryBeans, Map.of());
    }

    TwistedServices assemble(Map<String, ServiceMaker<?>> makers, Map<String, Factory> factoryBeans,
            Map<String, Service> serviceBeans) {
        Set<String> beanNames = new LinkedHashSet<>(factoryBeans.keySet());
        beanNames.addAll(serviceBeans.keySet());
        checkNames(makers, beanNames);
        MultiService root = new MultiService("twisted");
        List<TwistedServices.Entry> entries = new ArrayList<>();
        for (ServiceMaker<?> maker : makers.values()) {
            ServiceProperties settings = settings(maker.getName());
            if (Boolean.TRUE.equals(settings.enabled())) {
                checkOptions(maker.getName(), PropertyTree.of(maker.getOptionsType()));
                entries.add(fromMaker(maker, settings));
            }
            else {
                warnIfConfigured(maker.getName(), settings, "'" + TwistedServices.propertyName(maker.getName(), "enabled")
                        + "' is not true");
            }
        }
        for (Map.Entry<String, Factory> bean : factoryBeans.entrySet()) {
            String name = bean.getKey();
            ServiceProperties settings = settings(name);
            if (makers.containsKey(name)) {
                continue;
            }
            if (Boolean.TRUE.equals(settings.enabled())
                    || (settings.enabled() == null && settings.endpoint() != null)) {
                checkOptions(name, PropertyTree.of(Map.of()));
                entries.add(fromFactory(name, bean.getValue(), settings));
            }
            else {
                warnIfConfigured(name, settings, "neither '" + TwistedServices.propertyName(name, "endpoint")
                        + "' nor '" + TwistedServices.propertyName(name, "enabled") + "=true' is set");
            }
        }
        for (Map.Entry<String, Service> bean : serviceBeans.entrySet()) {
            String name = bean.getKey();
            if (makers.containsKey(name) || factoryBeans.containsKey(name)) {
                continue;
            }
            ServiceProperties settings = settings(name);
            if (!Boolean.FALSE.equals(settings.enabled())) {
                entries.add(fromService(name, bean.getValue(), settings));
            }
        }
        entries.forEach(entry -> root.addService(entry.service()));
        return new TwistedServices(root, entries);
    }

    /** Every configured name must be a maker's or a Factory or Service bean's. */
    private void checkNames(Map<String, ServiceMaker<?>> makers, Set<String> beans) {
        for (Map.Entry<String, ServiceProperties> configured : this.properties.entrySet()) {
            String name = configured.getKey();
            if (makers.containsKey(name) || beans.contains(name)) {
                continue;
            }
            List<String> known = new ArrayList<>(makers.keySet());
            known.addAll(beans);
            String nearest = UnknownProperty.nearest(name, known);
            boolean enabled = Boolean.TRUE.equals(configured.getValue().enabled());
            String property = enabled ? TwistedServices.propertyName(name, "enabled") : TwistedServices.PREFIX + "." + name;
            String message = "no ServiceMaker and no Factory bean is named '" + name + "'"
                    + ((nearest != null) ? "; did you mean '" + nearest + "'?" : "");
            String action = ((nearest != null) ? "Rename '" + TwistedServices.PREFIX + "." + name + "' to '"
                    + TwistedServices.PREFIX + "." + nearest + "'" : "Use one of the known service names")
                    + ". Known services (makers): " + makers.keySet() + "; Factory and Service beans: " + beans
                    + ". A maker is added by a ServiceMaker bean or a jar listing it in "
                    + "META-INF/services/twisted.application.ServiceMaker; a Factory bean by its bean name.";
            if (enabled || TwistedPropertiesCheck.isStrict(this.environment)) {
                throw new ServiceConfigurationException(name, property, enabled ? "true" : null, message,
                        enabled ? action : action + " To only log unknown twisted.* keys as warnings, set '"
                                + TwistedPropertiesCheck.STRICT + "=false'.",
                        null);
            }
            log.warn("Twisted service '{}': {} ({}=false: ignored)", name, message, TwistedPropertiesCheck.STRICT);
        }
    }

    /** Unknown keys under a running service's {@code options}, checked against what binds there. */
    private void checkOptions(String name, PropertyTree options) {
        TwistedPropertiesCheck.report(this.environment, UnknownProperty.find(ConfigurationPropertySources.get(this.environment),
                propertyName(name, "options"), options));
    }

    /** A service that is off but has settings: say so, naming them, rather than ignore them. */
    private void warnIfConfigured(String name, ServiceProperties settings, String because) {
        if (Boolean.FALSE.equals(settings.enabled())) {
            return;
        }
        Set<String> set = new TreeSet<>();
        ConfigurationPropertyName service = propertyName(name, null);
        for (ConfigurationPropertyName key : UnknownProperty.keysUnder(ConfigurationPropertySources.get(this.environment),
                service)) {
            String child = key.getElement(service.getNumberOfElements(), ConfigurationPropertyName.Form.DASHED);
            if (!"enabled".equals(child)) {
                set.add("'" + TwistedServices.propertyName(name, child) + "'");
            }
        }
        if (!set.isEmpty()) {
            log.warn("{} {} set but {}: the service does not run", String.join(", ", set),
                    (set.size() == 1) ? "is" : "are", because);
        }
    }

    private static ConfigurationPropertyName propertyName(String name, @Nullable String key) {
        ConfigurationPropertyName service = ConfigurationPropertyName.of(TwistedServices.PREFIX)
                .append(ConfigurationPropertyName.adapt(name, '\0'));
        return (key != null) ? service.append(key) : service;
    }

    private ServiceProperties settings(String name) {
        return this.properties.getOrDefault(name, ServiceProperties.DEFAULTS);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private TwistedServices.Entry fromMaker(ServiceMaker maker, ServiceProperties settings) {
        String name = maker.getName();
        String endpoint = (settings.endpoint() != null) ? settings.endpoint() : maker.getDefaultEndpoint();
        if (endpoint == null) {
            throw noEndpoint(name, "the maker has no default");
        }
        ServerEndpoint parsed = parse(name, endpoint, settings);
        Object options = this.binder.bindOrCreate(TwistedServices.propertyName(name, "options"),
                Bindable.of(maker.getOptionsType()));
        Service service = maker.makeService(new ServiceMakerContext(name, this.reactor, endpoint, parsed,
                limits(settings, maker.getDefaultIdleTimeout())), options);
        if (!service.getName().equals(name)) {
            throw new IllegalStateException("ServiceMaker '" + name + "' built a service named '" + service.getName() + "'");
        }
        return new TwistedServices.Entry(name, maker.getDescription(), "maker:" + name, endpoint, service);
    }

    private TwistedServices.Entry fromFactory(String name, Factory factory, ServiceProperties settings) {
        String endpoint = settings.endpoint();
        if (endpoint == null) {
            throw noEndpoint(name, "a Factory bean has no default");
        }
        ServerEndpoint parsed = parse(name, endpoint, settings);
        Service service = new ServiceMakerContext(name, this.reactor, endpoint, parsed,
                limits(settings, ServiceMaker.DEFAULT_IDLE_TIMEOUT)).listen(factory);
        return new TwistedServices.Entry(name, factory.logPrefix(), "bean:" + name, endpoint, service);
    }

    /** A {@code Service} bean (a {@code ClientService}, a timer) runs with the others, as it is. */
    private TwistedServices.Entry fromService(String name, Service service, ServiceProperties settings) {
        String property = TwistedServices.propertyName(name, "endpoint");
        if (settings.endpoint() != null) {
            throw new ServiceConfigurationException(name, property, settings.endpoint(),
                    "'" + name + "' is a Service bean, which brings its own endpoint",
                    "Remove '" + property + "', or give the endpoint to the bean itself.", null);
        }
        checkOptions(name, PropertyTree.of(Map.of()));
        if (!service.getName().equals(name)) {
            throw new IllegalStateException("The Service bean '" + name + "' is named '" + service.getName()
                    + "': name the bean as the service");
        }
        String endpoint = (service instanceof ClientService client) ? String.valueOf(client.getEndpoint()) : "";
        return new TwistedServices.Entry(name, String.valueOf(service), "bean:" + name, endpoint, service);
    }

    private static ServiceConfigurationException noEndpoint(String name, String why) {
        String property = TwistedServices.propertyName(name, "endpoint");
        return new ServiceConfigurationException(name, property, null,
                "'" + TwistedServices.propertyName(name, "enabled") + "' is true but no endpoint is configured and " + why,
                "Set '" + property + "' to the endpoint to listen on, such as 'tcp:8000' ('tcp:0' picks a free port), "
                        + "or remove '" + TwistedServices.propertyName(name, "enabled") + "'.",
                null);
    }

    /** Parses the user's endpoint once, as written, with the service's address as the default interface. */
    private ServerEndpoint parse(String name, String endpoint, ServiceProperties settings) {
        try {
            return Endpoints.serverFromString(this.reactor, endpoint, Objects.requireNonNullElse(settings.address(), ""));
        }
        catch (EndpointSyntaxException ex) {
            throw new ServiceConfigurationException(name, TwistedServices.propertyName(name, "endpoint"), endpoint,
                    ex.getMessage(), ex);
        }
    }

    /**
     * The service's limits: its idle timeout is its own (0: none), or the maker's default
     * ({@code null}: none); its drain time is its own, or {@code twisted.shutdown.drain-time}.
     */
    private ServerLimits limits(ServiceProperties settings, @Nullable Duration defaultIdleTimeout) {
        @Nullable Duration idleTimeout = settings.idleTimeout();
        if (idleTimeout == null) {
            idleTimeout = defaultIdleTimeout;
        }
        else if (idleTimeout.isZero()) {
            idleTimeout = null;
        }
        return new ServerLimits(settings.maxConnections(), idleTimeout, settings.connectionLimits(),
                (settings.drainTime() != null) ? settings.drainTime() : this.drainTime);
    }
}
