package twisted.defer;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FailureTests {

    private final IOException original = new IOException("disk on fire");

    private final Failure failure = new Failure(this.original);

    @Test
    void keepsTheOriginalExceptionWithItsStack() {
        assertThat(this.failure.value()).isSameAs(this.original);
        assertThat(this.failure.type()).isEqualTo(IOException.class);
        assertThat(this.failure.getTraceback()).contains("java.io.IOException: disk on fire")
                .contains("at twisted.defer.FailureTests.<init>");
    }

    @Test
    void checkGivesTheFirstMatchingTypeOrNull() {
        assertThat(this.failure.check(IllegalStateException.class, Exception.class, IOException.class))
                .isEqualTo(Exception.class);
        assertThat(this.failure.check(IllegalStateException.class)).isNull();
    }

    @Test
    void trapGivesTheMatchingTypeOrRethrowsTheOriginal() {
        assertThat(this.failure.trap(IOException.class)).isEqualTo(IOException.class);
        assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.failure.trap(IllegalStateException.class))
                .isSameAs(this.original);
    }

    @Test
    void errorMessageFallsBackToTheClassName() {
        assertThat(this.failure.getErrorMessage()).isEqualTo("disk on fire");
        assertThat(new Failure(new IllegalStateException()).getErrorMessage()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void raiseExceptionThrowsTheOriginal() {
        assertThatExceptionOfType(IOException.class).isThrownBy(this.failure::raiseException).isSameAs(this.original);
    }

    @Test
    void trapInAnErrbackPassesOtherFailuresOn() {
        Deferred<String> d = new Deferred<>();
        d.addErrback(f -> {
            f.trap(IllegalArgumentException.class);
            return "handled";
        });
        d.errback(this.original);
        assertThat(twisted.testing.DeferredAssertions.failureResultOf(d, IOException.class).value()).isSameAs(this.original);
    }
}
