package twisted.defer;

import java.util.List;

/**
 * Every member of a {@link DeferredList#race race} failed: here are all their failures, in the
 * order of the list. Each is also a suppressed exception of this one.
 *
 * <p>Twisted: {@code defer.FailureGroup}.
 *
 * @since 0.1.0
 */
public class FailureGroupException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Failure> failures;

    /**
     * Creates the exception.
     *
     * @param failures the members' failures, in list order
     */
    public FailureGroupException(List<Failure> failures) {
        super(failures.size() + " Deferred(s) failed");
        this.failures = List.copyOf(failures);
        for (Failure failure : this.failures) {
            addSuppressed(failure.value());
        }
    }

    /**
     * The failures, in the order of the Deferreds given.
     *
     * @return an unmodifiable list
     */
    public List<Failure> getFailures() {
        return this.failures;
    }
}
