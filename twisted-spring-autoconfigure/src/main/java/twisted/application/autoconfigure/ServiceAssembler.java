package twisted.application.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import twisted.application.ServiceMaker;
import twisted.application.ServiceMakerContext;
import twisted.application.autoconfigure.TwistedServicesProperties.ServiceProperties;
import twisted.application.context.ServiceConfigurationException;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ServerLimits;
import twisted.application.service.MultiService;
import twisted.application.service.Service;
import twisted.internet.Factory;
import twisted.internet.Reactor;
import twisted.internet.endpoints.EndpointSyntaxException;
import twisted.internet.endpoints.Endpoints;
import twisted.internet.endpoints.ServerEndpoint;

/**
 * Builds the service tree from the configuration: one service per enabled maker (beans first,
 * then {@link ServiceLoader} plugins), one per {@code Factory} bean that has an endpoint.
 * Every mistake is a {@link ServiceConfigurationException} naming the property.
 */
final class ServiceAssembler {

    private final Reactor reactor;

    private final Map<String, ServiceProperties> properties;

    private final Binder binder;

    ServiceAssembler(Reactor reactor, Map<String, ServiceProperties> properties, Binder binder) {
        this.reactor = reactor;
        this.properties = properties;
        this.binder = binder;
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
        MultiService root = new MultiService("twisted");
        List<TwistedServices.Entry> entries = new ArrayList<>();
        for (ServiceMaker<?> maker : makers.values()) {
            ServiceProperties settings = settings(maker.getName());
            if (Boolean.TRUE.equals(settings.enabled())) {
                entries.add(fromMaker(maker, settings));
            }
        }
        for (Map.Entry<String, Factory> bean : factoryBeans.entrySet()) {
            ServiceProperties settings = this.properties.get(bean.getKey());
            if (settings != null && settings.endpoint() != null && !Boolean.FALSE.equals(settings.enabled())
                    && !makers.containsKey(bean.getKey())) {
                entries.add(fromFactory(bean.getKey(), bean.getValue(), settings));
            }
        }
        for (Map.Entry<String, ServiceProperties> configured : this.properties.entrySet()) {
            String name = configured.getKey();
            if (Boolean.TRUE.equals(configured.getValue().enabled()) && !makers.containsKey(name)
                    && !factoryBeans.containsKey(name)) {
                throw new ServiceConfigurationException(name, TwistedServices.propertyName(name, "enabled"), "true",
                        "no ServiceMaker and no Factory bean is named '" + name + "'; known services: " + makers.keySet()
                                + ", Factory beans: " + factoryBeans.keySet(),
                        null);
            }
        }
        entries.forEach(entry -> root.addService(entry.service()));
        return new TwistedServices(root, entries);
    }

    private ServiceProperties settings(String name) {
        return this.properties.getOrDefault(name, ServiceProperties.DEFAULTS);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private TwistedServices.Entry fromMaker(ServiceMaker maker, ServiceProperties settings) {
        String name = maker.getName();
        String endpoint = (settings.endpoint() != null) ? settings.endpoint() : maker.getDefaultEndpoint();
        if (endpoint == null) {
            throw new ServiceConfigurationException(name, TwistedServices.propertyName(name, "endpoint"), null,
                    "no endpoint is configured and the maker has no default", null);
        }
        ServerEndpoint parsed = parse(name, endpoint, settings);
        Object options = this.binder.bindOrCreate(TwistedServices.propertyName(name, "options"),
                Bindable.of(maker.getOptionsType()));
        Service service = maker.makeService(new ServiceMakerContext(name, this.reactor, endpoint, parsed,
                limits(settings)), options);
        if (!service.getName().equals(name)) {
            throw new IllegalStateException("ServiceMaker '" + name + "' built a service named '" + service.getName() + "'");
        }
        return new TwistedServices.Entry(name, maker.getDescription(), "maker:" + name, endpoint, service);
    }

    private TwistedServices.Entry fromFactory(String name, Factory factory, ServiceProperties settings) {
        String endpoint = Objects.requireNonNull(settings.endpoint());
        ServerEndpoint parsed = parse(name, endpoint, settings);
        Service service = new ServiceMakerContext(name, this.reactor, endpoint, parsed, limits(settings)).listen(factory);
        return new TwistedServices.Entry(name, factory.logPrefix(), "bean:" + name, endpoint, service);
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

    private static ServerLimits limits(ServiceProperties settings) {
        return new ServerLimits(settings.maxConnections(), settings.idleTimeout());
    }
}
