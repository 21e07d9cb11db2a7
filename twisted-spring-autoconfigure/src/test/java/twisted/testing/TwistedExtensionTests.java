package twisted.testing;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static twisted.testing.DeferredAssertions.failureResultOf;

/**
 * Runs small test classes through the JUnit engine and checks what the extension made of them.
 */
class TwistedExtensionTests {

    @Test
    void testThatLeavesAnUnhandledFailureFailsAndIsNamed() {
        Events events = run(LeavesFailure.class);
        events.assertStatistics(stats -> stats.failed(1));
        Throwable error = events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(error).hasMessageContaining("LeavesFailure.leaves()")
                .hasMessageContaining("unhandled failure")
                .hasMessageContaining("left in a Deferred");
    }

    @Test
    void testThatHandlesItsFailurePasses() {
        run(HandlesFailure.class).assertStatistics(stats -> stats.succeeded(1));
    }

    @Test
    void testThatLeavesADelayedCallFailsAndIsNamed() {
        Events events = run(LeavesDelayedCall.class);
        events.assertStatistics(stats -> stats.failed(1));
        Throwable error = events.failed().stream().findFirst().orElseThrow()
                .getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(error).hasMessageContaining("LeavesDelayedCall.leavesCall(Clock)").hasMessageContaining("delayed call");
    }

    @Test
    void eachTestGetsAFreshClock() {
        run(UsesClock.class).assertStatistics(stats -> stats.succeeded(2));
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @ExtendWith(TwistedExtension.class)
    static class LeavesFailure {

        @Test
        void leaves() {
            Deferred<String> d = new Deferred<>();
            d.errback(new IllegalStateException("left in a Deferred"));
        }
    }

    @ExtendWith(TwistedExtension.class)
    static class HandlesFailure {

        @Test
        void handles() {
            failureResultOf(Deferred.fail(new IllegalStateException("expected")), IllegalStateException.class);
        }
    }

    @ExtendWith(TwistedExtension.class)
    static class LeavesDelayedCall {

        @Test
        void leavesCall(Clock clock) {
            clock.callLater(Duration.ofSeconds(30), () -> { });
        }
    }

    @ExtendWith(TwistedExtension.class)
    static class UsesClock {

        @Test
        void first(Clock clock) {
            assertThat(clock.seconds()).isZero();
            clock.advance(5.0);
        }

        @Test
        void second(Clock clock) {
            assertThat(clock.seconds()).isZero();
            clock.advance(5.0);
        }
    }
}
