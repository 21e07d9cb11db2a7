package twisted.testing;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import twisted.defer.Deferred;
import twisted.defer.UnhandledFailures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.failureResultOf;
import static twisted.testing.DeferredAssertions.successResultOf;

class DeferredAssertionsTests {

    @Test
    void successResultOfGivesTheResult() {
        assertThat(successResultOf(Deferred.succeed("v"))).isEqualTo("v");
        assertThat(successResultOf(CompletableFuture.completedFuture(3))).isEqualTo(3);
    }

    @Test
    void successResultOfFailsWithoutAResult() {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> successResultOf(new Deferred<String>()))
                .withMessageContaining("found no result");
    }

    @Test
    void successResultOfFailsOnAFailureAndHandlesIt() {
        long mark = UnhandledFailures.mark();
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> successResultOf(Deferred.fail(new IllegalStateException("nope"))))
                .withMessageContaining("found failure result").withMessageContaining("nope");
        assertThat(UnhandledFailures.drainPendingSince(mark)).isEmpty();
    }

    @Test
    void failureResultOfChecksTheType() {
        Deferred<String> d = Deferred.fail(new IllegalStateException("bad"));
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> failureResultOf(d, IllegalArgumentException.class))
                .withMessageContaining("IllegalArgumentException").withMessageContaining("IllegalStateException");
        assertThat(failureResultOf(Deferred.fail(new IllegalStateException("ok")), RuntimeException.class)
                .getErrorMessage()).isEqualTo("ok");
    }

    @Test
    void failureResultOfFailsOnSuccessOrNoResult() {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> failureResultOf(Deferred.succeed("v")))
                .withMessageContaining("found success result");
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> failureResultOf(new Deferred<String>()))
                .withMessageContaining("found no result");
    }

    @Test
    void assertNoResultPassesOnAnUnfiredDeferredAndKeepsItUsable() {
        Deferred<String> d = new Deferred<>();
        assertNoResult(d);
        d.callback("later");
        assertThat(successResultOf(d)).isEqualTo("later");
    }

    @Test
    void assertNoResultFailsOnAResultAndHandlesAFailure() {
        long mark = UnhandledFailures.mark();
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertNoResult(Deferred.succeed("v")));
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertNoResult(Deferred.fail(new IllegalStateException())));
        assertThat(UnhandledFailures.drainPendingSince(mark)).isEmpty();
    }
}
