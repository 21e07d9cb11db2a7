package twisted.mail.actuate;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import twisted.mail.postgres.PostgresMailStore;

/**
 * Health of a node's PostgreSQL mail store ({@code twistedMailStore}): {@code UP} while the store's
 * listening connection is up, so that this node hears other nodes' deliveries (IMAP IDLE, POP3's
 * locks); {@code DOWN} while it is not (the store retries in the background); {@code UNKNOWN}
 * before any mail service has opened the store. The store's {@link PostgresMailStore#details()}
 * are the details.
 *
 * <p>Not in the readiness group by default, as the cluster's indicator: every node shares the one
 * database, so an outage would take every node out of the load balancer at once. To take traffic
 * away from a node that cannot reach it, name the group's members:
 * {@code management.endpoint.health.group.readiness.include=readinessState,twistedServices,twistedMailStore}.
 *
 * @since 0.1.0
 */
public class PostgresMailStoreHealthIndicator implements HealthIndicator {

    private final Supplier<@Nullable PostgresMailStore> store;

    /**
     * Creates the indicator.
     *
     * @param store the store once it is opened, {@code null} before; never opens it
     */
    public PostgresMailStoreHealthIndicator(Supplier<@Nullable PostgresMailStore> store) {
        this.store = store;
    }

    @Override
    public Health health() {
        PostgresMailStore store = this.store.get();
        if (store == null) {
            return Health.unknown().withDetail("opened", false).build();
        }
        Health.Builder builder = store.isListening() ? Health.up() : Health.down();
        return builder.withDetails(store.details()).build();
    }
}
