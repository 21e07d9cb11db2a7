package twisted.application.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import twisted.application.autoconfigure.TwistedServicesProperties.ServiceProperties;
import twisted.application.context.TwistedServices;
import twisted.cluster.autoconfigure.ClusterProperties;
import twisted.cred.autoconfigure.CredProperties;
import twisted.enterprise.autoconfigure.AdbapiProperties;
import twisted.internet.autoconfigure.ReactorProperties;
import twisted.mail.autoconfigure.MailProperties;
import twisted.web.autoconfigure.TwistedWebProperties;

/**
 * Fails startup, before any bean is built, on a key under {@code twisted.*} that nothing binds
 * (a typo would otherwise be ignored), naming the nearest known key. The known keys are what the
 * properties classes bind; a maker's {@code options} are checked against its options type when
 * its service is built. With {@code twisted.strict-properties=false} it logs a warning instead.
 * A key that comes from an environment variable ({@code TWISTED_...}) is only warned about: the
 * environment is shared with other programs, which may use the prefix for their own variables.
 */
final class TwistedPropertiesCheck implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    /** The escape hatch: {@code false} logs unknown keys instead of failing. */
    static final String STRICT = "twisted.strict-properties";

    private static final Logger log = LoggerFactory.getLogger(TwistedPropertiesCheck.class);

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("twisted");

    /** Every properties class under {@code twisted}, by its key below it. */
    static final Map<String, Class<?>> PROPERTIES_CLASSES = Map.of("reactor", ReactorProperties.class, "services",
            TwistedServicesProperties.class, "web", TwistedWebProperties.class, "cred", CredProperties.class, "adbapi",
            AdbapiProperties.class, "mail", MailProperties.class, "cluster", ClusterProperties.class, "shutdown",
            TwistedShutdownProperties.class);

    /** The settings of one service, {@code options} checked later against the maker's type. */
    static final PropertyTree SERVICE = PropertyTree.of(ServiceProperties.class).with("options", PropertyTree.any());

    private static final PropertyTree TREE = tree();

    private Environment environment;

    private static PropertyTree tree() {
        Map<String, PropertyTree> keys = new LinkedHashMap<>();
        PROPERTIES_CLASSES.forEach((name, type) -> keys.put(name, PropertyTree.of(type)));
        keys.put(TwistedServices.PREFIX.substring("twisted.".length()), PropertyTree.mapOf(SERVICE));
        keys.put(STRICT.substring("twisted.".length()), PropertyTree.leaf());
        return PropertyTree.of(keys);
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        report(this.environment, UnknownProperty.find(ConfigurationPropertySources.get(this.environment), ROOT, TREE));
    }

    /**
     * Fails on unknown keys, or logs them when {@code twisted.strict-properties} is {@code false}.
     *
     * @param environment where the switch is read
     * @param unknown the unknown keys
     */
    static void report(Environment environment, List<UnknownProperty> unknown) {
        for (UnknownProperty property : unknown) {
            if (property.environmentVariable()) {
                log.warn("{} (an environment variable, shared with other programs: ignored)", property.describe());
            }
        }
        List<UnknownProperty> configured = unknown.stream().filter(property -> !property.environmentVariable()).toList();
        if (configured.isEmpty()) {
            return;
        }
        if (isStrict(environment)) {
            throw new UnknownPropertiesException(configured);
        }
        configured.forEach(property -> log.warn("{} ({}=false: ignored)", property.describe(), STRICT));
    }

    static boolean isStrict(Environment environment) {
        return environment.getProperty(STRICT, Boolean.class, true);
    }
}
