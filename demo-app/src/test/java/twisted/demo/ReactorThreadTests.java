package twisted.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;
import twisted.testing.MemoryReactor;

import static org.assertj.core.api.Assertions.assertThat;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class ReactorThreadTests {

    private final MemoryReactor reactor = new MemoryReactor();

    @Test
    void workStartsOnlyOnTheReactorThreadAndItsResultFiresTheDeferred() {
        List<String> ran = new ArrayList<>();
        Deferred<String> answer = ReactorThread.onReactor(this.reactor, () -> {
            ran.add("work");
            return Deferred.succeed("done");
        });
        assertThat(ran).as("not on the calling thread").isEmpty();
        assertNoResult(answer);
        this.reactor.advance(Duration.ZERO);
        assertThat(ran).containsExactly("work");
        assertThat(successResultOf(answer)).isEqualTo("done");
    }

    @Test
    void workThatThrowsFailsTheDeferredInsteadOfLeavingTheRequestWaiting() {
        Deferred<String> answer = ReactorThread.onReactor(this.reactor, () -> {
            throw new IllegalStateException("the pool is closed");
        });
        this.reactor.advance(Duration.ZERO);
        assertThat(failureResultOf(answer, IllegalStateException.class).value()).hasMessage("the pool is closed");
    }
}
