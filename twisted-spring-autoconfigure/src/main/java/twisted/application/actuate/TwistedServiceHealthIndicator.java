package twisted.application.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import twisted.application.context.TwistedServices;
import twisted.application.internet.ListeningService;
import twisted.defer.Failure;

/**
 * The health of one service: UP while it runs (and, for a listening service, while its port is
 * bound), DOWN otherwise, with its endpoint, address and open connections as details.
 *
 * @since 0.1.0
 */
public class TwistedServiceHealthIndicator extends AbstractHealthIndicator {

    private final TwistedServices.Entry entry;

    /**
     * Creates the indicator.
     *
     * @param entry the service
     */
    public TwistedServiceHealthIndicator(TwistedServices.Entry entry) {
        super("Twisted service health check failed");
        this.entry = entry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("endpoint", this.entry.endpoint());
        boolean up = this.entry.service().isRunning();
        ListeningService listening = this.entry.listening();
        if (listening != null) {
            up = up && listening.isListening();
            String address = listening.getBoundAddressText();
            if (address != null) {
                builder.withDetail("address", address);
            }
            builder.withDetail("openConnections", listening.getStats().getOpen());
            Failure failure = listening.getListenFailure();
            if (failure != null) {
                builder.withDetail("error", failure.getErrorMessage());
            }
        }
        if (up) {
            builder.up();
        }
        else {
            builder.down().withDetail("state", "stopped");
        }
    }
}
