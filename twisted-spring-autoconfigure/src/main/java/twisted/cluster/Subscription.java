package twisted.cluster;

/**
 * A listener's registration with a {@link Cluster}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Subscription {

    /** Stops the deliveries. Calling it again does nothing. */
    void cancel();
}
