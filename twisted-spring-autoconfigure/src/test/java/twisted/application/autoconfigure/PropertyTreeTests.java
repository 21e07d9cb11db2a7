package twisted.application.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyTreeTests {

    private static PropertyTree.Unknown unknown(Class<?> type, String key) {
        return PropertyTree.of(type).unknown(ConfigurationPropertyName.of(key), 0);
    }

    @Test
    void recordComponentsAndNestedTypesOneLevelDownAreKnown() {
        assertThat(unknown(RecordOptions.class, "max-lines")).isNull();
        assertThat(unknown(RecordOptions.class, "banner.text")).isNull();
        assertThat(unknown(RecordOptions.class, "headers.x-anything")).as("a map's keys are free").isNull();
        assertThat(unknown(RecordOptions.class, "motd[1]")).isNull();
    }

    @Test
    void javaBeanPropertiesInKebabCaseAreKnown() {
        assertThat(unknown(BeanOptions.class, "idle-time")).isNull();
        assertThat(unknown(BeanOptions.class, "banner.colour")).isNull();
        assertThat(unknown(BeanOptions.class, "idletime")).as("relaxed form").isNull();
    }

    @Test
    void unknownElementIsReportedWithTheKeysKnownAtItsLevel() {
        PropertyTree.Unknown nested = unknown(RecordOptions.class, "banner.txet");
        assertThat(nested.index()).isEqualTo(1);
        assertThat(nested.known()).containsExactly("colour", "text");
        assertThat(unknown(BeanOptions.class, "idle").known()).containsExactly("banner", "idle-time");
        assertThat(unknown(RecordOptions.class, "max-lines.more").known()).as("a value takes no sub-keys").isEmpty();
    }

    @Test
    void nearestIsByLevenshteinDistanceOrPrefix() {
        assertThat(UnknownProperty.levenshtein("endpiont", "endpoint")).isEqualTo(2);
        assertThat(UnknownProperty.nearest("endpiont", List.of("enabled", "endpoint", "address"))).isEqualTo("endpoint");
        assertThat(UnknownProperty.nearest("max-body", List.of("max-body-size", "mount-path"))).isEqualTo("max-body-size");
        assertThat(UnknownProperty.nearest("zzz", List.of("enabled", "endpoint"))).isNull();
    }

    record Banner(String text, String colour) {
    }

    record RecordOptions(int maxLines, Banner banner, Map<String, String> headers, List<String> motd) {
    }

    public static class BeanOptions {

        private Duration idleTime;

        private final Banner banner = new Banner("", "");

        public Duration getIdleTime() {
            return this.idleTime;
        }

        public void setIdleTime(Duration idleTime) {
            this.idleTime = idleTime;
        }

        public Banner getBanner() {
            return this.banner;
        }
    }
}
