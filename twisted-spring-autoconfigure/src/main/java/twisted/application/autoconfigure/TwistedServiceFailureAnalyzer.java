package twisted.application.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import twisted.application.context.ServiceConfigurationException;
import twisted.internet.endpoints.EndpointSyntaxException;
import twisted.internet.error.CannotListenException;

/**
 * Explains a {@link ServiceConfigurationException} at startup: which service, which property,
 * and how to fix it.
 *
 * @since 0.1.0
 */
class TwistedServiceFailureAnalyzer extends AbstractFailureAnalyzer<ServiceConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ServiceConfigurationException cause) {
        String property = cause.getProperty();
        String description = cause.getMessage() + "\n\nProperty: " + property
                + ((cause.getValue() != null) ? "\nValue: " + cause.getValue() : "");
        String action;
        if (cause.getAction() != null) {
            action = cause.getAction();
        }
        else if (findCause(cause, EndpointSyntaxException.class) != null) {
            action = "Fix '" + property + "'. An endpoint looks like 'tcp:8000:interface=127.0.0.1', 'tcp6:8000', "
                    + "'ssl:8443:privateKey=key.pem:certKey=cert.pem' or 'unix:/run/app.sock'; escape colons in "
                    + "values with a backslash.";
        }
        else if (findCause(cause, CannotListenException.class) != null) {
            action = "Free the port, or set '" + property + "' to another one ('tcp:0' picks a free port, published as "
                    + "'local.twisted." + cause.getServiceName() + ".port').";
        }
        else {
            action = "Check '" + property + "'.";
        }
        return new FailureAnalysis(description, action, cause);
    }
}
