package twisted.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import twisted.defer.Failure;
import twisted.defer.UnhandledFailures;
import twisted.time.DelayedCall;

/**
 * A JUnit 5 extension that keeps tests honest, as trial does: a test fails when it leaves a
 * Deferred holding an unhandled failure, or leaves calls pending on a {@link Clock} the extension
 * gave it. The message names the test, so the blame never lands on the next one (Twisted #2006).
 *
 * <pre>{@code
 * @ExtendWith(TwistedExtension.class)
 * class HeadlineTests {
 *     @Test
 *     void headlineArrivesAfterThreeSeconds(Clock clock) { ... }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh {@link Clock} as a parameter. An unhandled failure is one still held
 * at the end of the test by a Deferred that failed during it, or one reported when such a Deferred
 * was collected during the test. Handle expected failures with an errback or with
 * {@link DeferredAssertions#failureResultOf}. Needs {@code junit-jupiter-api} on the classpath.
 *
 * @since 0.1.0
 */
public class TwistedExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TwistedExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put("mark", UnhandledFailures.mark());
        store.put("clocks", new ArrayList<Clock>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        long mark = (Long) store.get("mark");
        List<Failure> failures = new ArrayList<>(UnhandledFailures.reportedSince(mark));
        failures.addAll(UnhandledFailures.drainPendingSince(mark));
        List<DelayedCall> leftover = new ArrayList<>();
        for (Clock clock : (List<Clock>) store.get("clocks")) {
            leftover.addAll(clock.getDelayedCalls());
        }
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(test + " left " + failures.size()
                    + " unhandled failure(s) in Deferreds; the first: " + failures.get(0));
            failures.forEach(failure -> error.addSuppressed(failure.value()));
            throw error;
        }
        if (!leftover.isEmpty()) {
            throw new AssertionError(test + " left " + leftover.size() + " delayed call(s) pending: " + leftover);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Clock.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Clock clock = new Clock();
        ((List<Clock>) extensionContext.getStore(NAMESPACE).get("clocks")).add(clock);
        return clock;
    }
}
