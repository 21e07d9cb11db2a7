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

    private final @Nullable String action;

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
        this(serviceName, property, value, message, null, cause);
    }

    /**
     * Creates the exception with the fix, when the code that finds the mistake knows it best
     * (the other service on the same port, the service names that exist).
     *
     * @param serviceName the service
     * @param property the property to fix
     * @param value its current value, if any
     * @param message what is wrong
     * @param action how to fix it, or {@code null} for the failure analyzer's generic advice
     * @param cause the underlying error, if any
     */
    public ServiceConfigurationException(String serviceName, String property, @Nullable String value, String message,
            @Nullable String action, @Nullable Throwable cause) {
        super("Twisted service '" + serviceName + "': " + message, cause);
        this.serviceName = serviceName;
        this.property = property;
        this.value = value;
        this.action = action;
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

    /**
     * How to fix it, when the code that found the mistake knows.
     *
     * @return the action, or {@code null}
     */
    public @Nullable String getAction() {
        return this.action;
    }
}
