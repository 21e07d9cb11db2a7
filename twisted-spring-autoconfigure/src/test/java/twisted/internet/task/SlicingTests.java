package twisted.internet.task;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SlicingTests {

    @Test
    void defaultsAreTwistedsTenMillisecondSlicesOnTheNextTurn() {
        assertThat(Slicing.DEFAULT.maxWorkTime()).isEqualTo(Duration.ofMillis(10));
        assertThat(Slicing.DEFAULT.maxSteps()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Slicing.DEFAULT.gap()).isZero();
    }

    @Test
    void factoriesChangeOneSettingAndKeepTheDefaults() {
        assertThat(Slicing.bySteps(3)).isEqualTo(new Slicing(Duration.ofMillis(10), 3, Duration.ZERO));
        assertThat(Slicing.byTime(Duration.ofMillis(2))).isEqualTo(new Slicing(Duration.ofMillis(2), Integer.MAX_VALUE, Duration.ZERO));
        assertThat(Slicing.bySteps(3).withGap(Duration.ofMillis(5)))
                .isEqualTo(new Slicing(Duration.ofMillis(10), 3, Duration.ofMillis(5)));
    }

    @Test
    void stepLimitBelowOneIsRefusedNamingTheValue() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Slicing.bySteps(0))
                .withMessageContaining("maxSteps (0)");
    }

    @Test
    void negativeDurationsAreRefusedNamingTheValue() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Slicing.byTime(Duration.ofMillis(-1)))
                .withMessageContaining("maxWorkTime (PT-0.001S)");
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> Slicing.DEFAULT.withGap(Duration.ofMillis(-1)))
                .withMessageContaining("gap (PT-0.001S)");
    }
}
