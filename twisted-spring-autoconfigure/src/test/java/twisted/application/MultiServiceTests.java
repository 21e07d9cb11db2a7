package twisted.application;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import twisted.application.service.MultiService;
import twisted.application.service.Service;
import twisted.defer.Deferred;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static twisted.testing.DeferredAssertions.assertNoResult;
import static twisted.testing.DeferredAssertions.successResultOf;

class MultiServiceTests {

    private final List<String> events = new ArrayList<>();

    private final class Recording implements Service {

        private final String name;

        private boolean running;

        private @Nullable Deferred<@Nullable Void> stopping;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return this.name;
        }

        @Override
        public boolean isRunning() {
            return this.running;
        }

        @Override
        public void startService() {
            this.running = true;
            MultiServiceTests.this.events.add("start " + this.name);
        }

        @Override
        public Deferred<@Nullable Void> stopService() {
            this.running = false;
            MultiServiceTests.this.events.add("stop " + this.name);
            return (this.stopping != null) ? this.stopping : Deferred.succeed(null);
        }
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        MultiService root = new MultiService("root");
        root.addService(new Recording("a"));
        root.addService(new Recording("b"));
        root.addService(new Recording("c"));
        root.startService();
        successResultOf(root.stopService());
        assertThat(this.events).containsExactly("start a", "start b", "start c", "stop c", "stop b", "stop a");
    }

    @Test
    void stopWaitsForEveryChildsDeferred() {
        MultiService root = new MultiService("root");
        Recording slow = new Recording("slow");
        slow.stopping = new Deferred<>();
        root.addService(slow);
        root.addService(new Recording("fast"));
        root.startService();
        Deferred<@Nullable Void> stopped = root.stopService();
        assertNoResult(stopped);
        slow.stopping.callback(null);
        successResultOf(stopped);
    }

    @Test
    void childAddedWhileRunningStartsAtOnceAndRemovingStopsIt() {
        MultiService root = new MultiService("root");
        root.startService();
        Recording late = new Recording("late");
        root.addService(late);
        assertThat(late.isRunning()).isTrue();
        successResultOf(root.removeService("late"));
        assertThat(late.isRunning()).isFalse();
        assertThat(root.getServiceNamed("late")).isNull();
    }

    @Test
    void namesAreUnique() {
        MultiService root = new MultiService("root");
        root.addService(new Recording("a"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> root.addService(new Recording("a")))
                .withMessageContaining("'a'");
    }

    @Test
    void startingTwiceOrStoppingAStoppedServiceDoesNothing() {
        MultiService root = new MultiService("root");
        root.addService(new Recording("a"));
        root.startService();
        root.startService();
        successResultOf(root.stopService());
        successResultOf(root.stopService());
        assertThat(this.events).containsExactly("start a", "stop a");
    }
}
