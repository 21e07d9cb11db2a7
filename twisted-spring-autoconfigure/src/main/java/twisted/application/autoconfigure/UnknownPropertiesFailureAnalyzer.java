package twisted.application.autoconfigure;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnknownPropertiesException}: each key nothing binds, the user's value and
 * where it was set, and the nearest known key.
 *
 * @since 0.1.0
 */
class UnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownPropertiesException cause) {
        String description = "Twisted does not know these properties, so they would be ignored:\n"
                + cause.getUnknown().stream().map(unknown -> "  - " + unknown.describe()).collect(Collectors.joining("\n"));
        String action = "Rename each key to the one suggested, or remove it. To only log unknown twisted.* keys as "
                + "warnings instead, set '" + TwistedPropertiesCheck.STRICT + "=false'.";
        return new FailureAnalysis(description, action, cause);
    }
}
