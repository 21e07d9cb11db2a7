package twisted.defer;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class DeferredLockTests {

    private final DeferredLock lock = new DeferredLock();

    @Test
    void acquireFiresAtOnceWhenFreeAndInLineOrderOtherwise() {
        assertThat(successResultOf(this.lock.acquire())).isSameAs(this.lock);
        Deferred<DeferredLock> second = this.lock.acquire();
        Deferred<DeferredLock> third = this.lock.acquire();
        assertNoResult(second);
        this.lock.release();
        successResultOf(second);
        assertNoResult(third);
        this.lock.release();
        successResultOf(third);
        this.lock.release();
        assertThat(this.lock.isLocked()).isFalse();
    }

    @Test
    void cancelledWaiterLeavesTheLine() {
        this.lock.acquire();
        Deferred<DeferredLock> cancelled = this.lock.acquire();
        Deferred<DeferredLock> next = this.lock.acquire();
        cancelled.cancel();
        failureResultOf(cancelled, CancelledException.class);
        this.lock.release();
        successResultOf(next);
    }

    @Test
    void releaseOfAFreeLockIsRefused() {
        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.lock::release);
    }

    @Test
    void runHoldsTheLockUntilTheResultIsInWhateverItIs() {
        List<String> order = new ArrayList<>();
        Deferred<String> slow = new Deferred<>();
        Deferred<Object> first = this.lock.run(() -> {
            order.add("first starts");
            return slow;
        });
        Deferred<Object> second = this.lock.run(() -> {
            order.add("second starts");
            throw new IllegalStateException("second fails");
        });
        assertThat(order).containsExactly("first starts");
        slow.callback("slow done");
        assertThat(order).containsExactly("first starts", "second starts");
        assertThat(successResultOf(first)).isEqualTo("slow done");
        failureResultOf(second, IllegalStateException.class);
        assertThat(this.lock.isLocked()).isFalse();
    }
}
