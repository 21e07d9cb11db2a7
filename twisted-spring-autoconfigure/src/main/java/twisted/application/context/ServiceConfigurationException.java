package twisted.application.context;

import org.jspecify.annotations.Nullable;

/**
 * A service could not be built or started because of its configuration: a bad endpoint, a port
 * in use, a service name nothing provides. It names the property to fix, for the failure
 * analyzer.
 *
 * @since 0.1.0
 */
public class ServiceConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String serviceName;

    private final String property;

    private final @Nullable String value;

    /**
     * Creates the exception.
     *
     * @param serviceName the service
     * @param property the property to fix
     * @param value its current value, if any
     * @param message what is wrong
     * @param cause the underlying error, if any
     */
    public ServiceConfigurationException(String serviceName, String property, @Nullable String value, String message,
            @Nullable Throwable cause) {
        super("Twisted service '" + serviceName + "': " + message, cause);
        this.serviceName = serviceName;
        this.property = property;
        this.value = value;
    }

    /**
     * The service.
     *
     * @return its name
     */
    public String getServiceName() {
        return this.serviceName;
    }

    /**
     * The property to fix.
     *
     * @return its full name
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * The property's current value.
     *
     * @return the value, or {@code null} when it is not set
     */
    public @Nullable String getValue() {
        return this.value;
    }
}
