package twisted.application.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Keys under {@code twisted.*} that nothing binds, found at startup while
 * {@code twisted.strict-properties} is on. {@link UnknownPropertiesFailureAnalyzer} explains it.
 */
class UnknownPropertiesException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<UnknownProperty> unknown;

    UnknownPropertiesException(List<UnknownProperty> unknown) {
        super("Unknown Twisted properties: "
                + unknown.stream().map(UnknownProperty::key).collect(Collectors.joining(", ")));
        this.unknown = List.copyOf(unknown);
    }

    List<UnknownProperty> getUnknown() {
        return this.unknown;
    }
}
