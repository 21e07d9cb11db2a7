package twisted.internet;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConnectionLimitsTests {

    @Test
    void defaultsAreTwistedsBufferSizeAFewMibibytesAndTenSeconds() {
        assertThat(ConnectionLimits.DEFAULTS)
                .isEqualTo(new ConnectionLimits(64 * 1024, 4 * 1024 * 1024, Duration.ofSeconds(10)));
    }

    @Test
    void withersChangeOneLimit() {
        ConnectionLimits limits = ConnectionLimits.DEFAULTS.withWriteBufferHighWater(1024).withWriteBufferLimit(2048)
                .withCloseTimeout(Duration.ofSeconds(1));
        assertThat(limits).isEqualTo(new ConnectionLimits(1024, 2048, Duration.ofSeconds(1)));
    }

    @Test
    void aLimitBelowTheHighWaterMarkIsRefusedNamingBoth() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionLimits(1024, 1023, Duration.ofSeconds(1)))
                .withMessage("writeBufferLimit (1023) must be at least writeBufferHighWater (1024)");
    }

    @Test
    void aHighWaterMarkBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionLimits(0, 1024, Duration.ofSeconds(1)))
                .withMessage("writeBufferHighWater (0) must be at least 1");
    }

    @Test
    void aCloseTimeoutMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionLimits(1, 1, Duration.ZERO))
                .withMessage("closeTimeout (PT0S) must be positive");
    }
}
