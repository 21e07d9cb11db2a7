package twisted.defer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The report of a failed Deferred that nobody handled. Collection is the garbage collector's
 * business, so these tests ask it to run until the report appears, within a bound.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnhandledFailuresTests {

    private static final String MARKER = "Unhandled error in Deferred";

    @AfterEach
    void debuggingOff() {
        Deferred.setDebugging(false);
    }

    @Test
    void droppedFailedDeferredIsLoggedExactlyOnceWithItsStack(CapturedOutput output) {
        dropAFailedDeferred("dropped-once");
        awaitLog(output, "dropped-once");
        collectGarbage();
        String log = output.getAll();
        assertThat(occurrences(log, MARKER)).isEqualTo(1);
        assertThat(log).contains("java.lang.IllegalStateException: dropped-once")
                .contains("at twisted.defer.UnhandledFailuresTests.dropAFailedDeferred");
    }

    @Test
    void debuggingAddsWhereTheDeferredWasCreatedAndFirstFired(CapturedOutput output) {
        Deferred.setDebugging(true);
        dropAFailedDeferred("dropped-debug");
        awaitLog(output, "dropped-debug");
        assertThat(output.getAll()).contains("Deferred was created here").contains("Deferred was first fired here");
    }

    @Test
    void handledFailureIsNotLogged(CapturedOutput output) {
        Deferred<String> d = Deferred.fail(new IllegalStateException("handled-quietly"));
        d.addErrback(failure -> null);
        d = null;
        dropAFailedDeferred("sentinel-after-handled");
        awaitLog(output, "sentinel-after-handled");
        assertThat(output.getAll()).doesNotContain("handled-quietly");
    }

    @Test
    void listenersHearOfReportedFailures(CapturedOutput output) throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable registration = UnhandledFailures.addListener(f -> heard.add(f.getErrorMessage()))) {
            dropAFailedDeferred("for-the-listener");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                collectGarbage();
                return heard.contains("for-the-listener");
            });
        }
    }

    @Test
    void drainedFailuresAreOwnedByTheCallerAndNotLoggedLater(CapturedOutput output) {
        long mark = UnhandledFailures.mark();
        dropAFailedDeferred("drained");
        assertThat(UnhandledFailures.drainPendingSince(mark)).extracting(Failure::getErrorMessage).containsExactly("drained");
        dropAFailedDeferred("sentinel-after-drain");
        awaitLog(output, "sentinel-after-drain");
        assertThat(output.getAll()).doesNotContain("IllegalStateException: drained");
    }

    private static void dropAFailedDeferred(String message) {
        Deferred<String> d = new Deferred<>();
        d.addCallback(String::length);
        d.errback(new IllegalStateException(message));
    }

    private static void awaitLog(CapturedOutput output, String message) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            collectGarbage();
            return output.getAll().contains(message);
        });
    }

    private static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(20); // let the cleaner thread run; bounded by the await above
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
