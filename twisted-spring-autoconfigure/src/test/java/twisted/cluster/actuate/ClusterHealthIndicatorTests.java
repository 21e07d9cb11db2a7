package twisted.cluster.actuate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import twisted.cluster.Cluster;
import twisted.testing.MemoryCluster;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterHealthIndicatorTests {

    private final MemoryCluster cluster = new MemoryCluster();

    @Test
    void upWhileTheBusIsUpAndDownWhileItIsCut() {
        Cluster one = this.cluster.node("one");
        this.cluster.node("two");
        ClusterHealthIndicator indicator = new ClusterHealthIndicator(one);
        Health up = indicator.health();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("nodeId", "one").containsEntry("state", "UP")
                .doesNotContainKey("lag");
        assertThat(up.getDetails().get("nodes")).asString().contains("one", "two");
        this.cluster.cut("one", true);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        this.cluster.cut("one", false);
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }
}
