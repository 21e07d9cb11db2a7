package twisted.defer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class DeferredQueueTests {

    @Test
    void getFiresAtOnceWhenAnItemWaits() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        queue.put("a");
        queue.put("b");
        assertThat(successResultOf(queue.get())).isEqualTo("a");
        assertThat(successResultOf(queue.get())).isEqualTo("b");
    }

    @Test
    void getWaitsForTheNextPutInOrder() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        Deferred<String> first = queue.get();
        Deferred<String> second = queue.get();
        assertNoResult(first);
        queue.put("x");
        queue.put("y");
        assertThat(successResultOf(first)).isEqualTo("x");
        assertThat(successResultOf(second)).isEqualTo("y");
        assertThat(queue.pendingCount()).isZero();
    }

    @Test
    void putBeyondSizeOverflows() {
        DeferredQueue<String> queue = new DeferredQueue<>(1, 1);
        queue.put("kept");
        assertThatExceptionOfType(QueueOverflowException.class).isThrownBy(() -> queue.put("too many"));
    }

    @Test
    void getBeyondBacklogUnderflows() {
        DeferredQueue<String> queue = new DeferredQueue<>(1, 1);
        queue.get();
        assertThatExceptionOfType(QueueUnderflowException.class).isThrownBy(queue::get);
    }

    @Test
    void cancelledGetLeavesTheLine() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        Deferred<String> cancelled = queue.get();
        Deferred<String> next = queue.get();
        cancelled.cancel();
        failureResultOf(cancelled, CancelledException.class);
        queue.put("for next");
        assertThat(successResultOf(next)).isEqualTo("for next");
        assertThat(queue.waitingCount()).isZero();
    }
}
