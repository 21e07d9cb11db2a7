package twisted.mail.actuate;

import java.time.Duration;

import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import twisted.mail.postgres.PostgresMailStore;
import twisted.testing.PeerProcess;
import twisted.testing.RunningReactor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail store's health without a database: unknown before the store is opened, down while its
 * listening connection cannot reach the server. Up on a real server is in
 * {@code PostgresMailStoreAutoConfigurationTests}.
 */
class PostgresMailStoreHealthIndicatorTests {

    private RunningReactor running;

    private PostgresMailStore store;

    @AfterEach
    void stop() {
        if (this.store != null) {
            this.store.close();
        }
        if (this.running != null) {
            this.running.close();
        }
    }

    @Test
    void unknownBeforeAnyServiceOpensTheStore() {
        Health health = new PostgresMailStoreHealthIndicator(() -> null).health();
        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails()).containsEntry("opened", false);
    }

    @Test
    void downWhileTheStoreCannotListen() {
        this.running = RunningReactor.start(Duration.ofSeconds(10));
        int nothingListens = PeerProcess.freePort();
        this.store = new PostgresMailStore(
                ConnectionFactories.get("r2dbc:postgresql://mail:unused@127.0.0.1:" + nothingListens + "/mail"),
                this.running.reactor(), PostgresMailStore.Options.defaults());
        this.store.start();
        Health health = new PostgresMailStoreHealthIndicator(() -> this.store).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("type", "postgres").containsEntry("listening", false);
        assertThat(health.getDetails().toString()).doesNotContain("unused");
    }
}
