package twisted.defer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class DeferredSemaphoreTests {

    @Test
    void allowsUpToTheLimitAtOnce() {
        DeferredSemaphore sem = new DeferredSemaphore(2);
        successResultOf(sem.acquire());
        successResultOf(sem.acquire());
        assertThat(sem.getTokens()).isZero();
        Deferred<DeferredSemaphore> third = sem.acquire();
        assertNoResult(third);
        assertThat(sem.getWaiting()).isEqualTo(1);
        sem.release();
        successResultOf(third);
        sem.release();
        sem.release();
        assertThat(sem.getTokens()).isEqualTo(2);
    }

    @Test
    void releaseBeyondTheLimitIsRefused() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> new DeferredSemaphore(1).release());
    }

    @Test
    void limitMustBePositive() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new DeferredSemaphore(0))
                .withMessageContaining("tokens (0)");
    }

    @Test
    void cancelledWaiterLeavesTheLine() {
        DeferredSemaphore sem = new DeferredSemaphore(1);
        sem.acquire();
        Deferred<DeferredSemaphore> waiting = sem.acquire();
        waiting.cancel();
        failureResultOf(waiting, CancelledException.class);
        assertThat(sem.getWaiting()).isZero();
    }

    @Test
    void runReleasesAfterTheWork() {
        DeferredSemaphore sem = new DeferredSemaphore(1);
        Deferred<String> work = new Deferred<>();
        Deferred<Object> first = sem.run(() -> work);
        Deferred<Object> second = sem.run(() -> "second");
        assertNoResult(second);
        work.callback("first");
        assertThat(successResultOf(first)).isEqualTo("first");
        assertThat(successResultOf(second)).isEqualTo("second");
        assertThat(sem.getTokens()).isEqualTo(1);
    }
}
