package twisted.application.context;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReadinessGate}: readiness refuses traffic before the services stop (published only when
 * nobody has, as in an application without a web server), then the accept delay passes.
 */
class ReadinessGateTests {

    private final List<Object> published = new ArrayList<>();

    private final ApplicationEventPublisher events = this.published::add;

    @Test
    void publishesRefusingTrafficWhenNobodyHasAndGoesOnAtOnceWithoutADelay() {
        ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
        ReadinessGate gate = new ReadinessGate(this.events, availability, Duration.ZERO);
        gate.start();
        boolean[] called = {false};
        gate.stop(() -> called[0] = true);
        assertThat(called[0]).isTrue();
        assertThat(this.published).singleElement().satisfies(event -> assertThat(
                ((AvailabilityChangeEvent<?>) event).getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
        assertThat(gate.isRunning()).isFalse();
    }

    @Test
    void doesNotPublishItAgainWhenTheWebContextAlreadyHas() {
        ApplicationAvailability refusing = new ApplicationAvailabilityBean();
        ((ApplicationAvailabilityBean) refusing)
                .onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.REFUSING_TRAFFIC));
        new ReadinessGate(this.events, refusing, Duration.ZERO).stop(() -> { });
        assertThat(this.published).isEmpty();
    }

    @Test
    void theAcceptDelayPassesBeforeTheNextPhaseAndStopsBeforeTheServicesAndTheWebServer() throws Exception {
        ReadinessGate gate = new ReadinessGate(this.events, null, Duration.ofMillis(200));
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        gate.stop(done::countDown);
        assertThat(this.published).hasSize(1);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(gate.getPhase()).isGreaterThan(ServiceBootstrap.PHASE)
                .as("above the web server's graceful shutdown (WebServerGracefulShutdownLifecycle)")
                .isGreaterThan(Integer.MAX_VALUE - 1024);
    }
}
