package twisted.enterprise;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RowTests {

    private final Row jane = Row.of(List.of("ID", "EMAIL", "NAME"), Arrays.asList(1L, "jane@foo.com", null));

    @Test
    void valuesByPositionAsInATuple() {
        assertThat(this.jane.size()).isEqualTo(3);
        assertThat(this.jane.get(0)).isEqualTo(1L);
        assertThat(this.jane.get(2)).isNull();
        assertThat(this.jane.values()).containsExactly(1L, "jane@foo.com", null);
    }

    @Test
    void valuesByNameIgnoreCaseSoH2AndPostgresqlReadAlike() {
        assertThat(this.jane.get("email")).isEqualTo("jane@foo.com");
        assertThat(this.jane.get("Email", String.class)).isEqualTo("jane@foo.com");
        assertThat(this.jane.get("id", Long.class)).isEqualTo(1L);
        assertThat(this.jane.get("name", String.class)).isNull();
    }

    @Test
    void unknownColumnNamesTheColumnsThereAre() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> this.jane.get("age"))
                .withMessage("no column 'age' in this row; its columns are [ID, EMAIL, NAME]");
        assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> this.jane.get(3))
                .withMessageContaining("column 3 of a row of 3 columns");
    }

    @Test
    void wrongTypeNamesTheColumnAndBothTypes() {
        assertThatExceptionOfType(ClassCastException.class).isThrownBy(() -> this.jane.get("id", Integer.class))
                .withMessage("column 'id' holds a java.lang.Long, not a java.lang.Integer");
    }

    @Test
    void rowsCompareAndPrintLikeTuples() {
        Row same = Row.of(List.of("a", "b", "c"), Arrays.asList(1L, "jane@foo.com", null));
        assertThat(this.jane).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(this.jane).isNotEqualTo(Row.of(List.of("ID"), List.of(1L)));
        assertThat(this.jane).hasToString("(1, 'jane@foo.com', null)");
        Row bytes = Row.of(List.of("DATA"), List.<Object>of(new byte[] { 1, 2 }));
        assertThat(bytes).isEqualTo(Row.of(List.of("DATA"), List.<Object>of(new byte[] { 1, 2 }))).hasToString("(<2 bytes>)");
    }

    @Test
    void columnsAndValuesMustMatchInLength() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Row.of(List.of("A", "B"), List.of(1)))
                .withMessage("a row of 2 columns [A, B] cannot hold 1 values");
    }

    @Test
    void rowIsImmutable() {
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> this.jane.values().set(0, 2L));
    }
}
