package twisted.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import twisted.cluster.Cluster;
import twisted.cluster.ClusterMessage;
import twisted.cluster.ClusterStatus;
import twisted.cluster.ClusterUnavailableException;
import twisted.cluster.NameRegistry;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class MemoryClusterTests {

    private final MemoryCluster cluster = new MemoryCluster();

    private final Cluster one = this.cluster.node("one");

    private final Cluster two = this.cluster.node("two");

    @Test
    void aMessageReachesEveryOtherSubscribedNodeAtOnceButNotItsOwn() {
        List<ClusterMessage> atOne = new ArrayList<>();
        List<ClusterMessage> atTwo = new ArrayList<>();
        this.one.subscribe("t", atOne::add);
        this.two.subscribe("t", atTwo::add);
        this.one.publish("t", "hello");
        this.one.publish("other", "unheard");
        assertThat(atTwo).containsExactly(new ClusterMessage("t", "one", "hello"));
        assertThat(atOne).isEmpty();
        assertThat(this.one.status().published()).isEqualTo(2);
        assertThat(this.two.status().received()).isEqualTo(1);
    }

    @Test
    void aNameIsHeldByOneNodeUntilReleasedOrItsNodeIsLost() {
        List<String> lost = new ArrayList<>();
        this.two.onNodeLost(lost::add);
        assertThat(successResultOf(this.one.names("nicks").claim("alice", "a"))).isTrue();
        assertThat(successResultOf(this.two.names("nicks").claim("alice", "b"))).isFalse();
        assertThat(successResultOf(this.two.names("nicks").lookup("alice")))
                .isEqualTo(new NameRegistry.Entry("alice", "one", "a"));
        this.two.names("nicks").release("alice");
        assertThat(successResultOf(this.two.names("nicks").lookup("alice"))).as("only its holder releases it")
                .isEqualTo(new NameRegistry.Entry("alice", "one", "a"));
        this.cluster.lose("one");
        assertThat(lost).containsExactly("one");
        assertThat(successResultOf(this.two.names("nicks").claim("alice", "b"))).isTrue();
        assertThat(this.two.status().nodes()).containsExactly("two");
    }

    @Test
    void aCutNodeFailsWithClusterUnavailableAndHearsNothingUntilMended() {
        List<ClusterMessage> atTwo = new ArrayList<>();
        this.two.subscribe("t", atTwo::add);
        this.cluster.cut("two", true);
        assertThat(this.two.status().state()).isEqualTo(ClusterStatus.State.DOWN);
        this.one.publish("t", "lost on the way");
        failureResultOf(this.two.names("nicks").claim("bob", ""), ClusterUnavailableException.class);
        failureResultOf(this.two.publish("t", "x"), ClusterUnavailableException.class);
        this.cluster.cut("two", false);
        this.one.publish("t", "heard");
        assertThat(atTwo).extracting(ClusterMessage::body).containsExactly("heard");
    }

    @Test
    void aHeldRegistryAnswersOnlyWhenTheTestSaysInOrderAgainstTheRegistryAsItIsThen() {
        this.cluster.hold("one", true);
        Deferred<Boolean> first = this.one.names("nicks").claim("alice", "a");
        Deferred<NameRegistry.Entry> looked = this.one.names("nicks").lookup("alice");
        assertNoResult(first);
        assertThat(this.cluster.waiting("one")).isEqualTo(2);
        assertThat(successResultOf(this.two.names("nicks").claim("alice", "b"))).as("another node is not held")
                .isTrue();

        this.cluster.answerOne("one");
        assertThat(successResultOf(first)).as("answered against the registry as it is now").isFalse();
        assertNoResult(looked);
        this.cluster.answerAll("one");
        assertThat(successResultOf(looked)).isEqualTo(new NameRegistry.Entry("alice", "two", "b"));
        assertThat(this.cluster.waiting("one")).isZero();
        assertThatIllegalStateException().isThrownBy(() -> this.cluster.answerOne("one"));

        this.cluster.hold("one", false);
        assertThat(successResultOf(this.one.names("nicks").claim("bob", ""))).isTrue();
    }

    @Test
    void aHeldOperationOfANodeCutMeanwhileFails() {
        this.cluster.hold("one", true);
        Deferred<Boolean> claim = this.one.names("nicks").claim("alice", "a");
        this.cluster.cut("one", true);
        this.cluster.answerAll("one");
        failureResultOf(claim, ClusterUnavailableException.class);
    }
}
